"""Model objects and a framework for scoring tests, built directly (no files)."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

from perfcode.model import Assessment, CheckIn, Goal, KeyResult, Person, Review, Where
from perfcode.scoring.scheme import Scheme, scheme

HERE = Where("goals/2026-H1/people/ada.yaml")

FRAMEWORK: dict[str, Any] = {
    "rounding": {"places": 4, "mode": "half-up"},
    "scale": {
        "levels": [
            {"value": 5, "label": "Outstanding", "min_score": Decimal("1.2")},
            {"value": 4, "label": "Exceeds", "min_score": Decimal("1.05")},
            {"value": 3, "label": "Meets", "min_score": Decimal("0.9")},
            {"value": 2, "label": "Partly meets", "min_score": Decimal("0.7")},
            {"value": 1, "label": "Below", "min_score": 0},
        ]
    },
    "curves": [
        {"id": "linear", "kind": "linear", "cap": Decimal("1.2")},
        {"id": "open", "kind": "linear"},
        {
            "id": "stepped",
            "kind": "piecewise",
            "points": {"threshold": Decimal("0.5"), "target": Decimal("1.0"), "stretch": Decimal("1.5")},
            "below_threshold": 0,
            "cap": Decimal("1.5"),
        },
        {"id": "milestone", "kind": "binary"},
        {"id": "okr", "kind": "grade", "cap": Decimal("1.0")},
        {"id": "rated", "kind": "scale"},
    ],
    "default_curve": "stepped",
    "classes": [
        {
            "id": "professional",
            "name": "Professional",
            "frequency": "semiannual",
            "components": [
                {"method": "okr", "weight": 60},
                {"method": "competencies", "weight": 20},
                {"method": "360", "weight": 20},
            ],
            "competencies": ["craft", "collaboration"],
            "evaluators": [
                {"relationship": "manager", "weight": 60},
                {"relationship": "peer", "weight": 25, "min_count": 2},
                {"relationship": "self", "weight": 15},
            ],
        },
        {
            "id": "manager",
            "name": "Manager",
            "frequency": "semiannual",
            "components": [
                {"method": "scorecard", "weight": 70},
                {"method": "competencies", "weight": 30},
            ],
            "perspectives": [
                {"perspective": "financial", "weight": 50},
                {"perspective": "customer", "weight": 30},
                {"perspective": "learning-growth", "weight": 20},
            ],
            "competencies": ["leadership", "collaboration"],
        },
        {
            "id": "operator",
            "name": "Operator",
            "frequency": "quarterly",
            "components": [{"method": "kpi", "weight": 50}, {"method": "okr", "weight": 50}],
        },
    ],
    "results_use": [
        {"rating": r, "bonus_multiplier": Decimal(b), "merit_band": m, "promotion": p, "improvement_plan": i}
        for r, b, m, p, i in (
            (5, "1.5", "A", "eligible", False),
            (4, "1.2", "B", "consecutive", False),
            (3, "1.0", "C", "not-eligible", False),
            (2, "0.5", "D", "not-eligible", True),
            (1, "0", None, "not-eligible", True),
        )
    ],
    "promotion_rule": {"min_rating": 4, "consecutive_cycles": 2},
}


def rules(**changes: Any) -> Scheme:
    """The scheme of :data:`FRAMEWORK`, with top-level keys replaced by ``changes``."""
    return scheme({**copy.deepcopy(FRAMEWORK), **changes})


def key_result(
    curve: str | None = None,
    *,
    id: str = "kr",
    direction: str = "increase",
    baseline: object = None,
    threshold: object = None,
    target: object = None,
    stretch: object = None,
    actual: object = None,
    weight: object = 100,
    check_ins: tuple[tuple[str, object], ...] = (),
) -> KeyResult:
    """A key result; numbers may be given as str, int or Decimal."""
    return KeyResult(
        id=id,
        metric=id,
        direction=direction,
        curve=curve,
        baseline=_dec(baseline),
        threshold=_dec(threshold),
        target=_dec(target),
        stretch=_dec(stretch),
        actual=_dec(actual),
        weight=Decimal(str(weight)),
        check_ins=tuple(CheckIn(day, _dec(value), "", HERE) for day, value in check_ins),
        where=HERE,
    )


def _dec(value: object) -> Any:
    return Decimal(value) if isinstance(value, str) else value


def goal(
    id: str,
    weight: object,
    *key_results: KeyResult,
    method: str | None = None,
    perspective: str | None = None,
) -> Goal:
    return Goal(
        id=id,
        title=id,
        weight=Decimal(str(weight)),
        aligns_to=(),
        indicator=None,
        theme=None,
        perspective=perspective,
        local=False,
        method=method,
        key_results=key_results,
        where=HERE,
    )


def scored(id: str, weight: object, score: str, **options: Any) -> Goal:
    """A goal whose one key result (an uncapped linear 0 -> 1) scores exactly ``score``."""
    return goal(id, weight, key_result("open", baseline=0, target=1, actual=Decimal(score)), **options)


def assessment(
    relationship: str, rating: int | None = None, competencies: dict[str, int] | None = None
) -> Assessment:
    rated = tuple((ident, value, HERE) for ident, value in (competencies or {}).items())
    return Assessment(f"{relationship}-reviewer", relationship, "2026-06-15", rating, rated, HERE)


def review(
    *assessments: Assessment,
    person: str = "ada",
    cycle: str = "2026-H1",
    calibration: dict[str, Any] | None = None,
    appeal: dict[str, Any] | None = None,
    final_rating: int | None = None,
) -> Review:
    return Review(person, cycle, assessments, calibration, final_rating, None, appeal, None, HERE)


def person(id: str = "ada", cls: str = "professional") -> Person:
    return Person(id, id.title(), f"{id}@example.com", None, "sales", "specialist", "boss", cls, HERE)
