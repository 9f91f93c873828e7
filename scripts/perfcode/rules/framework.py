"""Framework rules (PC5xx): the system design in org/framework.yaml is consistent."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

from perfcode.findings import Finding
from perfcode.model import Where
from perfcode.rules import Context, rule
from perfcode.rules.common import finding, show, total, unknown

FRAMEWORK = Where("org/framework.yaml")
HUNDRED = Decimal(100)


def _sum_problem(where: Where, items: list[Mapping[str, Any]], what: str) -> Iterator[Finding]:
    weights = total(Decimal(item["weight"]) for item in items)
    if items and weights != HUNDRED:
        yield finding(
            where,
            "PC501",
            f"{what} weights sum to {show(weights)}, not 100",
            "adjust the weights so they sum to 100",
        )


@rule(
    "PC501",
    "class-scheme",
    "An employee class's assessment scheme is inconsistent.",
    """
    For each employee class: component weights sum to 100, evaluator weights sum to 100,
    a class assessed by balanced scorecard declares perspective weights that sum to 100,
    and the competencies it is rated on are competencies of the framework.
    """,
)
def class_scheme(ctx: Context) -> Iterator[Finding]:
    framework = ctx.repo.framework
    if not framework:
        return
    competencies = {c["id"] for c in framework.get("competencies", ())}
    for i, cls in enumerate(framework.get("classes", ())):
        where = FRAMEWORK / ("classes", i)
        name = f"class '{cls['id']}'"
        yield from _sum_problem(where / "components", cls.get("components", []), f"{name} component")
        yield from _sum_problem(where / "evaluators", cls.get("evaluators", []), f"{name} evaluator")
        methods = {c["method"] for c in cls.get("components", ())}
        if "scorecard" in methods and not cls.get("perspectives"):
            yield finding(
                where,
                "PC501",
                f"{name} is assessed by scorecard but declares no perspectives",
                "add perspectives with weights that sum to 100",
            )
        yield from _sum_problem(where / "perspectives", cls.get("perspectives", []), f"{name} perspective")
        for j, ident in enumerate(cls.get("competencies", ())):
            if f := unknown(
                ctx.repo, where / ("competencies", j), "competency", ident, competencies, code="PC501"
            ):
                yield f


@rule(
    "PC502",
    "rating-scale-bands",
    "The rating scale's values or score bands are inconsistent.",
    """
    Scale values are unique; a better level has a higher score band (min_score); the
    lowest band starts at 0 so that every score has a rating; a level's score (what the
    rating counts as when ratings are combined) lies inside its own band, so a rating
    turned into a score falls back into the same rating.
    """,
)
def rating_scale_bands(ctx: Context) -> Iterator[Finding]:
    framework = ctx.repo.framework
    if not framework:
        return
    levels = sorted(enumerate(framework["scale"]["levels"]), key=lambda item: item[1]["value"])
    seen: set[int] = set()
    for (_, low), (j, high) in itertools.pairwise(levels):
        where = FRAMEWORK / ("scale", "levels", j)
        if high["value"] == low["value"] and high["value"] not in seen:
            seen.add(high["value"])
            yield finding(
                where / "value",
                "PC502",
                f"scale value {high['value']} is used twice",
                "give each level its own value",
            )
        elif Decimal(high["min_score"]) <= Decimal(low["min_score"]):
            yield finding(
                where / "min_score",
                "PC502",
                f"level {high['value']} starts at {show(Decimal(high['min_score']))}, not above level {low['value']} ({show(Decimal(low['min_score']))})",
                "raise min_score with the level's value",
            )
    if levels and Decimal(levels[0][1]["min_score"]) != 0:
        yield finding(
            FRAMEWORK / ("scale", "levels", levels[0][0], "min_score"),
            "PC502",
            f"the lowest level starts at {show(Decimal(levels[0][1]['min_score']))}, so lower scores have no rating",
            "set min_score: 0 on the lowest level",
        )
    yield from _scores_in_band(levels)


def _scores_in_band(levels: list[tuple[int, Any]]) -> Iterator[Finding]:
    """Each level's score against its band; ``levels`` are (index, level) by value."""
    uppers: list[Decimal | None] = [Decimal(level["min_score"]) for _, level in levels[1:]]
    for (i, level), upper in zip(levels, [*uppers, None], strict=True):
        if "score" not in level:
            continue
        score, low = Decimal(level["score"]), Decimal(level["min_score"])
        if score < low or (upper is not None and score >= upper):
            band = f"{show(low)}..{show(upper)}" if upper is not None else f"{show(low)} and above"
            yield finding(
                FRAMEWORK / ("scale", "levels", i, "score"),
                "PC502",
                f"level {level['value']} counts as {show(score)}, outside its band {band}",
                "choose a score inside the band",
            )


@rule(
    "PC503",
    "framework-references",
    "The framework refers to a rating or curve it does not define.",
    """
    results_use has exactly one row per level of the scale; the distribution guideline's
    bands name levels of the scale; default_curve is one of the curves; a piecewise
    curve's points rise from threshold to target to stretch.
    """,
)
def framework_references(ctx: Context) -> Iterator[Finding]:
    framework = ctx.repo.framework
    if not framework:
        return
    levels = {level["value"] for level in framework["scale"]["levels"]}
    rows = [row["rating"] for row in framework.get("results_use", ())]
    for value in sorted(levels - set(rows)):
        yield finding(
            FRAMEWORK / "results_use",
            "PC503",
            f"results_use has no row for rating {value}",
            f"add a row with rating: {value}",
        )
    for i, rating in enumerate(rows):
        if rating not in levels or rows.index(rating) != i:
            yield finding(
                FRAMEWORK / ("results_use", i, "rating"),
                "PC503",
                f"results_use row for rating {rating} is {'not on the scale' if rating not in levels else 'a duplicate'}",
                "keep one row per level of the scale",
            )
    for i, band in enumerate((framework.get("distribution") or {}).get("bands", ())):
        for j, rating in enumerate(band["ratings"]):
            if rating not in levels:
                yield finding(
                    FRAMEWORK / ("distribution", "bands", i, "ratings", j),
                    "PC503",
                    f"distribution band names rating {rating}, which is not on the scale",
                    "",
                )
    curves = {c["id"]: c for c in framework.get("curves", ())}
    default = framework.get("default_curve")
    if default and (
        f := unknown(ctx.repo, FRAMEWORK / "default_curve", "curve", default, curves, code="PC503")
    ):
        yield f
    for i, curve in enumerate(framework.get("curves", ())):
        points = curve.get("points") or {}
        # stretch is optional: a curve may stop at its target.
        scores = [Decimal(points[name]) for name in ("threshold", "target", "stretch") if name in points]
        if curve["kind"] == "piecewise" and any(low >= high for low, high in itertools.pairwise(scores)):
            yield finding(
                FRAMEWORK / ("curves", i, "points"),
                "PC503",
                f"curve '{curve['id']}' scores do not rise from threshold to target to stretch",
                "e.g. threshold: 0.5, target: 1.0, stretch: 1.5",
            )


@rule(
    "PC504",
    "scorecard-perspective",
    "A goal of a balanced-scorecard class names no perspective.",
    """
    When a person's class is assessed by balanced scorecard, each of their goals names the
    perspective it belongs to (financial, customer, internal-process, learning-growth), and
    the class gives that perspective a weight.
    """,
)
def scorecard_perspective(ctx: Context) -> Iterator[Finding]:
    repo, framework = ctx.repo, ctx.repo.framework
    if not framework:
        return
    perspectives = {
        c["id"]: {p["perspective"] for p in c.get("perspectives", ())}
        for c in framework.get("classes", ())
        if any(m["method"] == "scorecard" for m in c.get("components", ()))
    }
    for goals in repo.goal_files:
        person = repo.people.get(goals.owner) if goals.level == "person" else None
        allowed = perspectives.get(person.cls) if person else None
        # A scorecard class without perspectives is PC501's finding, not one per goal.
        if not allowed:
            continue
        for goal in goals.goals:
            if goal.perspective is None or goal.perspective not in allowed:
                has = f"has perspective {goal.perspective}" if goal.perspective else "names no perspective"
                yield finding(
                    goal.where / ("perspective" if goal.perspective else "id"),
                    "PC504",
                    f"goal '{goal.id}' {has}; class '{person.cls if person else ''}' weighs {', '.join(sorted(allowed))}",
                    "set perspective to one of those",
                )
