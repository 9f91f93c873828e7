"""Score output: a text summary, JSON (schemas/scores.schema.json), CSV and explanations.

Numbers are written as strings of their exact decimal value, so JSON and CSV carry
exactly what was computed, and the same commit gives byte-identical output. Every format
is rendered from the JSON payload, and a closed cycle's record keeps that payload: its
output is rendered from the record, byte for byte as it was at the close.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from perfcode.records import SCORES_SCHEMA
from perfcode.scoring.curves import KeyResultScore
from perfcode.scoring.cycle import CycleResult, OwnerResult
from perfcode.scoring.people import PersonResult
from perfcode.scoring.rollup import ComponentScore, GoalScore


def num(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def text(result: CycleResult) -> str:
    cycle = result.cycle
    heading = (
        f"Cycle {cycle.id} ({cycle.start}..{cycle.end}, {cycle.status}); "
        f"{result.elapsed * 100:.0f}% of the period elapsed on {result.today}"
    )
    return text_of(heading, payload(result))


def text_of(heading: str, scores: dict[str, Any]) -> str:
    """The text summary of a payload under its first line."""
    rounding = scores["rounding"]
    lines = [heading, f"Rounding: {rounding['places']} decimal places, rounding {rounding['mode']}", ""]
    if scores["company"]:
        lines.append(f"Company: {_shown(scores['company']['score'])}{_projected(scores['company'])}")
    lines += [f"Unit {u['owner']}: {_shown(u['score'])}{_projected(u)}" for u in scores["units"]]
    lines.append(
        "Alignment coverage: "
        + ", ".join(f"{level} {_shown(value)}" for level, value in scores["coverage"].items())
    )
    lines += [
        "",
        f"{'person':<28} {'class':<13} {'goals':>8} {'final':>8} {'computed':>9} {'final rating':>13}  bonus  promotion",
    ]
    lines += [_person_line(person) for person in scores["people"]]
    return "\n".join(lines) + "\n"


def _person_line(person: dict[str, Any]) -> str:
    use = person["results_use"]
    return (
        f"{person['person']:<28} {person['class']:<13} {_cell(person['goals_score']):>8} "
        f"{_cell(person['final_score']):>8} {_cell(person['computed_rating']):>9} "
        f"{_cell(person['final_rating']):>13}  {_cell(use['bonus_multiplier'] if use else None):>5}  "
        f"{'eligible' if use and use['promotion_eligible'] else '-'}{' (projected)' if person['projected'] else ''}"
    )


def _shown(value: str | None) -> str:
    return "not scored" if value is None else value


def _cell(value: object) -> str:
    return "-" if value is None else str(value)


def _projected(owner: dict[str, Any]) -> str:
    return " (projected from check-ins)" if any(g["projected"] for g in owner["goals"]) else ""


def as_json(result: CycleResult) -> str:
    return json_text(payload(result))


def json_text(scores: dict[str, Any]) -> str:
    return json.dumps(scores, indent=2, ensure_ascii=False) + "\n"


def payload(result: CycleResult) -> dict[str, Any]:
    """Everything ``score`` reports of a cycle, as the JSON of schemas/scores.schema.json."""
    return {
        "$schema": SCORES_SCHEMA,
        "cycle": result.cycle.id,
        "today": result.today,
        "elapsed": num(result.elapsed),
        "rounding": {"places": result.scheme.rounding.places, "mode": result.scheme.rounding.mode},
        "company": _owner_json(result.company) if result.company else None,
        "units": [_owner_json(u) for u in result.units],
        "coverage": {level: num(value) for level, value in result.coverage.items()},
        "people": [person_json(p) for p in result.people],
    }


def _owner_json(owner: OwnerResult) -> dict[str, Any]:
    return {
        "owner": owner.owner,
        "name": owner.name,
        "score": num(owner.score),
        "coverage": num(owner.coverage),
        "goals": [_goal_json(g) for g in owner.goals],
    }


def _goal_json(goal: GoalScore) -> dict[str, Any]:
    return {
        "id": goal.id,
        "weight": num(goal.weight),
        "score": num(goal.score),
        "projected": goal.projected,
        "key_results": [_kr_json(kr) for kr in goal.key_results],
    }


def _kr_json(kr: KeyResultScore) -> dict[str, Any]:
    value = kr.value
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        value = format(value, "f")
    return {
        "id": kr.id,
        "curve": kr.curve,
        "value": value,
        "source": kr.source,
        "weight": num(kr.weight),
        "score": num(kr.score),
    }


def _component_json(component: ComponentScore) -> dict[str, Any]:
    return {
        "method": component.method,
        "weight": num(component.weight),
        "score": num(component.score),
        "parts": [{"id": i, "weight": num(w), "score": num(s)} for i, w, s in component.parts],
        "notes": list(component.notes),
    }


def person_json(person: PersonResult) -> dict[str, Any]:
    use = person.results_use
    return {
        "person": person.person.id,
        "name": person.person.name,
        "unit": person.person.unit,
        "class": person.person.cls,
        "goals_score": num(person.goals_score),
        "projected": person.projected,
        "components": [_component_json(c) for c in person.components],
        "final_score": num(person.final_score),
        "computed_rating": person.computed_rating,
        "final_rating": person.final_rating,
        "rating_source": person.rating_source,
        "results_use": None
        if use is None
        else {
            "bonus_multiplier": num(use.bonus_multiplier),
            "merit_band": use.merit_band,
            "promotion_eligible": use.promotion_eligible,
            "promotion_basis": use.promotion_basis,
            "improvement_plan_required": use.improvement_plan_required,
            "development_needs": list(use.development_needs),
        },
        "goals": [_goal_json(g) for g in person.goals],
    }


CSV_COLUMNS = (
    "cycle",
    "person",
    "name",
    "email",
    "unit",
    "class",
    "goals_score",
    "final_score",
    "computed_rating",
    "final_rating",
    "rating_source",
    "bonus_multiplier",
    "merit_band",
    "promotion_eligible",
    "improvement_plan_required",
    "development_needs",
)


def as_csv(result: CycleResult) -> str:
    return csv_text(payload(result), {p.person.id: p.person.email for p in result.people})


def csv_text(scores: dict[str, Any], emails: dict[str, str]) -> str:
    """One row per participant of a payload; ``emails`` by person id."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for p in scores["people"]:
        use = p["results_use"]
        row = (
            scores["cycle"],
            p["person"],
            p["name"],
            emails.get(p["person"], ""),
            p["unit"],
            p["class"],
            p["goals_score"] or "",
            p["final_score"] or "",
            "" if p["computed_rating"] is None else p["computed_rating"],
            "" if p["final_rating"] is None else p["final_rating"],
            p["rating_source"],
            (use["bonus_multiplier"] or "") if use else "",
            (use["merit_band"] or "") if use else "",
            "yes" if use and use["promotion_eligible"] else "no",
            "yes" if use and use["improvement_plan_required"] else "no",
            " ".join(use["development_needs"]) if use else "",
        )
        writer.writerow([_csv_safe(v) for v in row])
    return out.getvalue()


def _csv_safe(value: object) -> str:
    """Neutralise spreadsheet formulas (CSV injection) in text that came from YAML."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not _is_number(text) else text


def _is_number(text: str) -> bool:
    try:
        Decimal(text)
    except ArithmeticError:
        return False
    return True


FORMATS: dict[str, Callable[[CycleResult], str]] = {"text": text, "json": as_json, "csv": as_csv}
