"""A person's result: components, final score, computed and final rating, results use.

*Computed rating*: the scale level whose band holds the final score. *Final rating*: an
amended appeal's rating, else the committee's calibrated rating, else the computed one.
*Results use*: the framework's row for the final rating (bonus multiplier, merit band,
improvement plan); promotion ``consecutive`` means the promotion rule's minimum rating
was reached in this and the preceding cycles of the same series, ``consecutive_cycles``
in all. A *series* is the cycles of one frequency: as many months long as this one,
inside enclosing cycles as long as its own (the halves of successive years form one
series; a year is not a half).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NamedTuple

from perfcode.model import Person, Repository, Review
from perfcode.scoring.rollup import (
    ComponentScore,
    GoalScore,
    appraiser,
    components,
    final_score,
    score_goals,
    weighted,
)
from perfcode.scoring.scheme import Scheme


@dataclass(frozen=True)
class ResultsUse:
    bonus_multiplier: Decimal | None
    merit_band: str | None
    promotion_eligible: bool
    promotion_basis: str
    improvement_plan_required: bool
    development_needs: tuple[str, ...]


@dataclass(frozen=True)
class PersonResult:
    person: Person
    cycle: str
    goals: tuple[GoalScore, ...]
    goals_score: Decimal | None
    components: tuple[ComponentScore, ...]
    final_score: Decimal | None
    computed_rating: int | None
    final_rating: int | None
    rating_source: str
    calibration: Mapping[str, Any] | None
    results_use: ResultsUse | None

    @property
    def projected(self) -> bool:
        return any(g.projected for g in self.goals)


class Scores(NamedTuple):
    """A person's scores up to the computed rating: what the rules compare final ratings with."""

    goals: tuple[GoalScore, ...]
    components: tuple[ComponentScore, ...]
    final_score: Decimal | None
    computed_rating: int | None


def person_scores(
    repo: Repository, scheme: Scheme, cycle: str, person: Person, review: Review | None
) -> Scores:
    cls = scheme.classes[person.cls]
    goals = score_goals(repo.goals_of(cycle, person.id), scheme)
    parts = components(cls, goals, review, scheme)
    final = final_score(parts, scheme)
    return Scores(goals, parts, final, scheme.band(final).value if final is not None else None)


def person_result(
    repo: Repository,
    scheme: Scheme,
    cycle: str,
    person: Person,
    review: Review | None,
    earlier: Sequence[int | None],
    scores: Scores | None = None,
) -> PersonResult:
    """The whole result; ``scores`` when :func:`person_scores` has already been called."""
    goals, parts, final, computed = scores or person_scores(repo, scheme, cycle, person, review)
    rating, source = _final_rating(review, computed)
    use = results_use(scheme, rating, review, [rating, *earlier]) if rating is not None else None
    return PersonResult(
        person=person,
        cycle=cycle,
        goals=goals,
        goals_score=weighted([(g.weight, g.score) for g in goals], scheme.rounding),
        components=parts,
        final_score=final,
        computed_rating=computed,
        final_rating=rating,
        rating_source=source,
        calibration=review.calibration if review else None,
        results_use=use,
    )


def _final_rating(review: Review | None, computed: int | None) -> tuple[int | None, str]:
    if review and review.appeal and review.appeal.get("decision") == "amended" and "rating" in review.appeal:
        return review.appeal["rating"], "appeal"
    if review and review.calibration:
        return review.calibration["rating"], "calibration"
    return computed, "computed" if computed is not None else "none"


def results_use(
    scheme: Scheme, rating: int, review: Review | None, history: Sequence[int | None]
) -> ResultsUse:
    row = scheme.results_use.get(rating, {})
    promotion = row.get("promotion", "not-eligible")
    rule = scheme.promotion_rule
    if promotion == "consecutive":
        needed = int(rule.get("consecutive_cycles", 2))
        minimum = int(rule.get("min_rating", rating))
        recent = list(history[:needed])
        eligible = len(recent) == needed and all(r is not None and r >= minimum for r in recent)
        basis = f"rating {minimum}+ in {needed} consecutive cycles: {', '.join('-' if r is None else str(r) for r in recent)}"
    else:
        eligible, basis = promotion == "eligible", f"rating {rating}: {promotion}"
    return ResultsUse(
        bonus_multiplier=Decimal(row["bonus_multiplier"]) if "bonus_multiplier" in row else None,
        merit_band=row.get("merit_band"),
        promotion_eligible=eligible,
        promotion_basis=basis,
        improvement_plan_required=bool(row.get("improvement_plan")),
        development_needs=development_needs(scheme, review),
    )


def development_needs(scheme: Scheme, review: Review | None) -> tuple[str, ...]:
    """Competencies the appraiser rated below the level that means 'on target'."""
    rater = appraiser(review)
    if rater is None:
        return ()
    meets = scheme.meets().value
    return tuple(sorted(ident for ident, rating, _ in rater.competencies if rating < meets))
