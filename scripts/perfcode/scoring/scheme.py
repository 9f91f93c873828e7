"""The scoring side of org/framework.yaml as typed values.

*Rounding*: every score is rounded to the framework's places with its mode when it is
computed, and roll-ups use the rounded values, so every number an explanation shows adds
up exactly. *Rating score*: a rating counts as its level's ``score`` when ratings are
combined (competencies, 360, rated key results); without one, as its band's
``min_score``, so a rating turned into a score falls back into its own band.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, ROUND_UP, Context, Decimal, getcontext
from typing import Any

_MODES = {"half-up": ROUND_HALF_UP, "half-even": ROUND_HALF_EVEN, "down": ROUND_DOWN, "up": ROUND_UP}


@dataclass(frozen=True)
class Rounding:
    places: int
    mode: str

    def __call__(self, value: Decimal) -> Decimal:
        # Enough precision for every digit the result keeps: the default context (28 digits)
        # would raise InvalidOperation on a large uncapped score.
        adjusted = value.adjusted()
        digits = (adjusted + 1 if adjusted > 0 else 1) + self.places
        precision = getcontext().prec
        if digits > precision:
            precision = digits
        context = _CONTEXTS.get(precision) or _context(precision)
        return value.quantize(self._quantum, self._rounding, context)

    @functools.cached_property
    def _quantum(self) -> Decimal:
        return Decimal(1).scaleb(-self.places)

    @functools.cached_property
    def _rounding(self) -> str:
        return _MODES[self.mode]

    def describe(self) -> str:
        return f"{self.places} decimal places, rounding {self.mode}"


_CONTEXTS: dict[int, Context] = {}


def _context(precision: int) -> Context:
    """A context of the precision, made once: rounding runs for every score."""
    return _CONTEXTS.setdefault(precision, Context(prec=precision))


@dataclass(frozen=True)
class Level:
    value: int
    label: str
    min_score: Decimal
    score: Decimal


@dataclass(frozen=True)
class Curve:
    id: str
    kind: str
    cap: Decimal | None
    points: Mapping[str, Decimal]
    below_threshold: Decimal

    @functools.cached_property
    def capped(self) -> str:
        """What the explanation of a score adds for the cap (written once per curve)."""
        return f", capped at {self.cap}" if self.cap is not None else ""


@dataclass(frozen=True)
class Component:
    method: str
    weight: Decimal


@dataclass(frozen=True)
class Evaluator:
    relationship: str
    weight: Decimal
    min_count: int


@dataclass(frozen=True)
class EmployeeClass:
    id: str
    name: str
    components: tuple[Component, ...]
    perspectives: Mapping[str, Decimal]
    competencies: tuple[str, ...]
    evaluators: tuple[Evaluator, ...]


@dataclass(frozen=True)
class Scheme:
    rounding: Rounding
    levels: tuple[Level, ...]
    curves: Mapping[str, Curve]
    default_curve: str
    classes: Mapping[str, EmployeeClass]
    results_use: Mapping[int, Mapping[str, Any]]
    promotion_rule: Mapping[str, Any]
    distribution: Mapping[str, Any] | None

    def level(self, value: int) -> Level | None:
        return self._by_value.get(value)

    def band(self, score: Decimal) -> Level:
        """The level whose score band holds ``score``: the highest min_score at or below it."""
        return next((level for level in self._by_band if level.min_score <= score), self._lowest)

    def meets(self) -> Level:
        """The level whose band holds a score of exactly 1 (on target)."""
        return self._meets

    # Looked up for every score: computed once per scheme (the first of equal levels wins).
    @functools.cached_property
    def _by_value(self) -> dict[int, Level]:
        by_value: dict[int, Level] = {}
        for level in self.levels:
            by_value.setdefault(level.value, level)
        return by_value

    @functools.cached_property
    def _by_band(self) -> tuple[Level, ...]:
        """The levels from the highest min_score down (a stable sort keeps equal ones in order)."""
        return tuple(sorted(self.levels, key=lambda level: level.min_score, reverse=True))

    @functools.cached_property
    def _lowest(self) -> Level:
        return min(self.levels, key=lambda level: level.min_score)

    @functools.cached_property
    def _meets(self) -> Level:
        return self.band(Decimal(1))


def scheme(framework: Mapping[str, Any]) -> Scheme:
    rounding = framework.get("rounding", {"places": 4, "mode": "half-up"})
    levels = tuple(
        sorted(
            (
                Level(
                    lv["value"],
                    lv["label"],
                    Decimal(lv["min_score"]),
                    Decimal(lv.get("score", lv["min_score"])),
                )
                for lv in framework["scale"]["levels"]
            ),
            key=lambda lv: lv.value,
        )
    )
    curves = {c["id"]: _curve(c) for c in framework.get("curves", ())}
    return Scheme(
        rounding=Rounding(rounding["places"], rounding["mode"]),
        levels=levels,
        curves=curves,
        default_curve=framework.get("default_curve", next(iter(curves), "")),
        classes={c["id"]: _class(c) for c in framework.get("classes", ())},
        results_use={row["rating"]: row for row in framework.get("results_use", ())},
        promotion_rule=framework.get("promotion_rule", {}),
        distribution=framework.get("distribution"),
    )


def _curve(data: Mapping[str, Any]) -> Curve:
    points = {k: Decimal(v) for k, v in data.get("points", {}).items()}
    cap = Decimal(data["cap"]) if "cap" in data else None
    return Curve(data["id"], data["kind"], cap, points, Decimal(data.get("below_threshold", 0)))


def _class(data: Mapping[str, Any]) -> EmployeeClass:
    return EmployeeClass(
        id=data["id"],
        name=data.get("name", data["id"]),
        components=tuple(Component(c["method"], Decimal(c["weight"])) for c in data.get("components", ())),
        perspectives={p["perspective"]: Decimal(p["weight"]) for p in data.get("perspectives", ())},
        competencies=tuple(data.get("competencies", ())),
        evaluators=tuple(
            Evaluator(e["relationship"], Decimal(e["weight"]), int(e.get("min_count", 1)))
            for e in data.get("evaluators", ())
        ),
    )
