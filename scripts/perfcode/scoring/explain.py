"""``perfcode score --explain PERSON``: the whole derivation of one person's result."""

from __future__ import annotations

from decimal import Decimal

from perfcode.scoring.cycle import CycleResult
from perfcode.scoring.people import PersonResult
from perfcode.scoring.rollup import ComponentScore, GoalScore
from perfcode.scoring.scheme import Scheme


def _n(value: Decimal | None) -> str:
    return "not scored" if value is None else format(value, "f")


def explain(result: CycleResult, person: PersonResult) -> str:
    rules = result.scheme
    who = person.person
    lines = [
        f"{who.name} ({who.id}), class {who.cls}, unit {who.unit}, cycle {person.cycle}",
        f"Every score is rounded to {rules.rounding.describe()}.",
        "",
        "Goals:",
    ]
    for goal in person.goals:
        lines += _goal(goal)
    if not person.goals:
        lines.append("  no goal file in this cycle")
    lines += ["", "Components:"]
    for component in person.components:
        lines += _component(component)
    lines += ["", *_final(person, rules)]
    return "\n".join(lines) + "\n"


def _goal(goal: GoalScore) -> list[str]:
    lines = [
        f"  goal {goal.id} (weight {_n(goal.weight)}): {_n(goal.score)}{' (projected)' if goal.projected else ''}"
    ]
    for kr in goal.key_results:
        source = {"actual": "actual", "check-in": "latest check-in (projection)", "none": "no value"}[
            kr.source
        ]
        value = (
            "-"
            if kr.value is None
            else str(kr.value).lower()
            if isinstance(kr.value, bool)
            else str(kr.value)
        )
        lines.append(
            f"    key result {kr.id} (weight {_n(kr.weight)}, curve {kr.curve}): {source} {value} -> {_n(kr.score)}"
        )
        lines.append(f"      {kr.rule}")
    scored = [kr for kr in goal.key_results if kr.score is not None]
    if scored:
        terms = " + ".join(f"{_n(kr.weight)} x {_n(kr.score)}" for kr in scored)
        lines.append(f"    = ({terms}) / {_n(sum((kr.weight for kr in scored), Decimal(0)))}")
    return lines


def _component(component: ComponentScore) -> list[str]:
    lines = [f"  {component.method} (weight {_n(component.weight)}): {_n(component.score)}"]
    lines += [
        f"    {ident}: weight {_n(weight)}, score {_n(score)}" for ident, weight, score in component.parts
    ]
    lines += [f"    note: {note}" for note in component.notes]
    return lines


def _final(person: PersonResult, rules: Scheme) -> list[str]:
    scored = [c for c in person.components if c.score is not None]
    lines = []
    if person.final_score is not None:
        terms = " + ".join(f"{_n(c.weight)} x {_n(c.score)}" for c in scored)
        lines.append(
            f"Final score: ({terms}) / {_n(sum((c.weight for c in scored), Decimal(0)))} = {_n(person.final_score)}"
        )
        level = rules.band(person.final_score)
        lines.append(f"Computed rating: {level.value} ({level.label}): band from {_n(level.min_score)}")
    else:
        lines.append("Final score: not scored until every weighted component is scored")
    if person.calibration:
        cal = person.calibration
        lines.append(
            f"Calibration: {cal['rating']} approved by {cal.get('approved_by', '?')}: {cal['reason']}"
        )
    lines.append(
        f"Final rating: {person.final_rating if person.final_rating is not None else '-'} (from {person.rating_source})"
    )
    use = person.results_use
    if use is not None:
        lines.append(
            f"Results use: bonus multiplier {_n(use.bonus_multiplier)}, merit band {use.merit_band or '-'}, "
            f"promotion {'eligible' if use.promotion_eligible else 'not eligible'} ({use.promotion_basis}), "
            f"improvement plan {'required' if use.improvement_plan_required else 'not required'}"
        )
        if use.development_needs:
            lines.append(f"Development needs: {', '.join(use.development_needs)}")
    return lines
