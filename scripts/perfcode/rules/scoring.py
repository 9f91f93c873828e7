"""Scoring rules (PC6xx): findings that come from computing scores and ratings."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any

from perfcode.findings import Finding
from perfcode.model import Cycle, Repository, Review, Where
from perfcode.rules import Context, rule
from perfcode.rules.common import finding, show
from perfcode.rules.cycles import judged_on
from perfcode.rules.shared import per_model
from perfcode.scoring.cycle import scored_participants


def _reviewed_cycles(repo: Repository) -> list[str]:
    return sorted({r.cycle for r in repo.reviews if r.cycle in repo.cycles})


def _ready(repo: Repository) -> bool:
    return repo.framework is not None and not any(kind == "framework" for kind, _ in repo.broken)


@rule(
    "PC601",
    "distribution",
    "A group's final ratings deviate from the distribution guideline.",
    """
    The framework's distribution guideline caps (max_percent) or floors (min_percent) the
    share of ratings in each band, per unit (with its sub-units) and per class, for groups
    of at least min_group people, with tolerance percentage points of slack. A deviation
    is accepted only when reviews/<cycle>/calibration.yaml records an exception for the
    group (scope unit:<id> or class:<id>) approved by the performance committee.
    """,
)
def distribution(ctx: Context) -> Iterator[Finding]:
    repo = ctx.repo
    guideline = (repo.framework or {}).get("distribution")
    if not guideline or not _ready(repo):
        return
    committee = (repo.governance or {}).get("committee", {}).get("id")
    for cycle in _reviewed_cycles(repo):
        calibration = repo.calibrations.get(cycle, {})
        excepted = {
            e["scope"] for e in calibration.get("exceptions", ()) if e.get("approved_by") == committee
        }
        where = (
            Where(f"reviews/{cycle}/calibration.yaml")
            if calibration
            else Where("org/framework.yaml", ("distribution",))
        )
        for scope, ratings in _groups(repo, cycle, guideline["scope"]).items():
            if len(ratings) >= guideline["min_group"] and scope not in excepted:
                yield from _deviations(where, cycle, scope, ratings, guideline)


def _groups(repo: Repository, cycle: str, scopes: Sequence[str]) -> dict[str, list[int]]:
    rated = {
        r.person: r.final_rating for r in repo.reviews if r.cycle == cycle and r.final_rating is not None
    }
    people = sorted((p for p in repo.people.values() if p.id in rated), key=lambda p: p.id)
    groups: dict[str, list[int]] = {}
    # The groups of a unit and of a class, named once for all their people.
    named: dict[tuple[str, str], list[str]] = {}
    for person in people:
        scopes_of = named.get((person.unit, person.cls))
        if scopes_of is None:
            scopes_of = (
                [f"unit:{u}" for u in repo.unit_chains.get(person.unit, ())] if "unit" in scopes else []
            )
            scopes_of += [f"class:{person.cls}"] if "class" in scopes else []
            named[(person.unit, person.cls)] = scopes_of
        for scope in scopes_of:
            groups.setdefault(scope, []).append(rated[person.id])
    return dict(sorted(groups.items()))


def _deviations(
    where: Where, cycle: str, scope: str, ratings: list[int], guideline: Mapping[str, Any]
) -> Iterator[Finding]:
    tolerance = Decimal(guideline["tolerance"])
    counts = Counter(ratings)
    for band in guideline["bands"]:
        share = Decimal(sum(n for r, n in counts.items() if r in band["ratings"]) * 100) / len(ratings)
        share = share.quantize(Decimal("0.1"))
        names = "/".join(map(str, band["ratings"]))
        if "max_percent" in band and share > Decimal(band["max_percent"]) + tolerance:
            limit = f"at most {show(Decimal(band['max_percent']))}%"
        elif "min_percent" in band and share < Decimal(band["min_percent"]) - tolerance:
            limit = f"at least {show(Decimal(band['min_percent']))}%"
        else:
            continue
        yield finding(
            where,
            "PC601",
            f"{cycle} {scope}: {show(share)}% of {len(ratings)} rated {names}, the guideline says {limit} (tolerance {show(tolerance)})",
            f"recalibrate, or record an exception {{scope: {scope}, reason: ..., approved_by: <committee>}} in reviews/{cycle}/calibration.yaml",
        )


@rule(
    "PC602",
    "evaluator-minimum",
    "A 360 evaluator group has fewer assessments than the class requires, none included.",
    """
    Each class names its evaluators with a minimum count (for example at least 2 peers).
    When a review has fewer submitted, rated assessments of a relationship than the
    minimum, none at all included, that group is dropped from the 360 component and the
    other groups' weights are re-normalised; this warning says so, once the cycle's
    evaluation phase has ended. A group nobody can be in is simply left out: a president
    has no manager, a specialist no direct reports. A missing self, manager or committee
    assessment is also an outstanding item of the cycle (`perfcode cycle status`).
    """,
    severity="warning",
)
def evaluator_minimum(ctx: Context) -> Iterator[Finding]:
    repo = ctx.repo
    if not _ready(repo):
        return
    classes = {c["id"]: c for c in (repo.framework or {}).get("classes", ())}
    for review in repo.reviews:
        person, cycle = repo.people.get(review.person), repo.cycles.get(review.cycle)
        # A review whose assessments the check cannot open (no key) is not counted short.
        if (
            person is None
            or cycle is None
            or ctx.today <= cycle.phases["evaluation"][1]
            or person.cls not in classes
            or review.hidden
        ):
            continue
        counts = Counter(a.relationship for a in review.assessments if a.submitted and a.rating is not None)
        for evaluator in classes[person.cls].get("evaluators", ()):
            relationship = evaluator["relationship"]
            count, minimum = counts[relationship], evaluator.get("min_count", 1)
            if count < minimum and (count or _can_exist(repo, cycle, person.id, relationship)):
                yield finding(
                    review.where / "assessments",
                    "PC602",
                    f"{count} {relationship} assessment(s) of '{review.person}', under the minimum of {minimum}: the group is left out of the 360 score",
                    f"add {minimum - count} more {relationship} assessment(s)",
                    "warning",
                )


def _can_exist(repo: Repository, cycle: Cycle, person_id: str, relationship: str) -> bool:
    """Whether anyone holds the relationship to the person during the cycle's evaluation."""
    person = repo.people[person_id].on(judged_on(cycle))
    if relationship in ("manager", "earlier-manager"):
        return person.manager is not None
    if relationship == "skip-level":
        manager = repo.people.get(person.manager or "")
        return manager is not None and manager.on(judged_on(cycle)).manager is not None
    if relationship == "direct-report":
        return person_id in _managers(repo, cycle.id)
    return True


@per_model
def _managers(repo: Repository, cycle: str) -> frozenset[str]:
    """The managers during a cycle's evaluation (worked out once per model and cycle)."""
    day = judged_on(repo.cycles[cycle])
    return frozenset(m for p in repo.people.values() if (m := p.on(day).manager))


@rule(
    "PC603",
    "rating-without-calibration",
    "A final rating differs from the computed rating without a calibration.",
    """
    The final rating of record is the rating computed from the scores, unless the
    performance committee calibrated it (calibration, with a reason) or an appeal amended
    it. A final rating that differs from the computed one with neither is an unrecorded
    adjustment.
    """,
)
def rating_without_calibration(ctx: Context) -> Iterator[Finding]:
    repo = ctx.repo
    if not _ready(repo):
        return
    reviews = {(r.cycle, r.person): r for r in repo.reviews}
    for cycle in _reviewed_cycles(repo):
        for person, scores in scored_participants(repo, cycle):
            review = reviews.get((cycle, person.id))
            if review is None or review.final_rating is None or _adjusted(review):
                continue
            if scores.computed_rating is not None and review.final_rating != scores.computed_rating:
                yield finding(
                    review.where / "final_rating",
                    "PC603",
                    f"final rating {review.final_rating} differs from the computed rating {scores.computed_rating} (final score {show(scores.final_score or Decimal(0))}) and no calibration records why",
                    f"set final_rating: {scores.computed_rating}, or add a calibration with rating, reason and approved_by",
                )


def _adjusted(review: Review) -> bool:
    return bool(review.calibration) or bool(review.appeal and review.appeal.get("decision") == "amended")


@rule(
    "PC604",
    "closed-without-actual",
    "A key result of a closed cycle has no actual.",
    """
    When a cycle is closed its scores are final, so every key result of its goals records
    its final value (actual). Projections from check-ins are for open cycles only.
    """,
)
def closed_without_actual(ctx: Context) -> Iterator[Finding]:
    repo = ctx.repo
    for goals in repo.goal_files:
        cycle = repo.cycles.get(goals.cycle)
        if cycle is None or cycle.status != "closed":
            continue
        for goal in goals.goals:
            for kr in goal.key_results:
                if kr.actual is None:
                    yield finding(
                        kr.where,
                        "PC604",
                        f"key result '{goal.id}/{kr.id}' of closed cycle {cycle.id} has no actual",
                        "record its final value as actual",
                    )
