"""Roll-ups: key results -> goals -> components -> a person's final score.

- goal score: the weighted mean of its scored key results;
- goals components (``kpi``, ``okr``): the weighted mean of the goals that count toward
  the component (a goal's ``method``, or the class's first goals method);
- ``scorecard``: goals grouped by perspective, each group's weighted mean weighted by the
  class's perspective weights (re-normalised over the perspectives present);
- ``competencies``: the mean of the class's competencies as rated in the manager's
  submitted assessment (the committee's for someone without a manager), each rating
  counted as its level's score;
- ``360``: per evaluator relationship, the mean of the overall ratings of the submitted
  assessments (drafts without ``submitted`` do not count), weighted by
  the class's evaluator weights; a group below its minimum count is dropped (a finding),
  and the weights are re-normalised over the groups present;
- final score: the component scores weighted by the class's component weights.

A weighted mean over nothing is None ("not scored"), never 0.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import NamedTuple

from perfcode.model import Assessment, Goal, GoalFile, Review
from perfcode.scoring.curves import KeyResultScore, score_key_result
from perfcode.scoring.scheme import EmployeeClass, Rounding, Scheme

GOAL_METHODS = ("kpi", "okr", "scorecard")
_ONE = Decimal(1)


class GoalScore(NamedTuple):
    """A goal's score (a tuple, like :class:`KeyResultScore`)."""

    id: str
    title: str
    weight: Decimal
    perspective: str | None
    method: str | None
    score: Decimal | None
    key_results: tuple[KeyResultScore, ...]

    @property
    def projected(self) -> bool:
        return any(kr.projected for kr in self.key_results)

    @property
    def complete(self) -> bool:
        return all(kr.score is not None for kr in self.key_results)


class ComponentScore(NamedTuple):
    """A component of a person's score (a tuple, like :class:`KeyResultScore`)."""

    method: str
    weight: Decimal
    score: Decimal | None
    parts: tuple[tuple[str, Decimal, Decimal | None], ...] = ()
    notes: tuple[str, ...] = ()


def weighted(items: Iterable[tuple[Decimal, Decimal | None]], rounding: Rounding) -> Decimal | None:
    """The rounded weighted mean of the scored items; None when nothing is scored."""
    total = weighted_sum = Decimal(0)
    scored = False
    for w, s in items:
        if s is not None and w > 0:
            # Summed in the order given, as sum() would: the same rounding of every step.
            total += w
            weighted_sum += w * s
            scored = True
    if not scored or total == 0:
        return None
    return rounding(weighted_sum / total)


def score_goal(goal: Goal, scheme: Scheme) -> GoalScore:
    krs = tuple([score_key_result(kr, scheme) for kr in goal.key_results])
    score = weighted([(kr.weight, kr.score) for kr in krs], scheme.rounding)
    return GoalScore(goal.id, goal.title, goal.weight, goal.perspective, goal.method, score, krs)


def score_goals(goals: GoalFile | None, scheme: Scheme) -> tuple[GoalScore, ...]:
    return tuple([score_goal(g, scheme) for g in goals.goals]) if goals else ()


def goals_component(
    method: str, weight: Decimal, goals: Sequence[GoalScore], cls: EmployeeClass, scheme: Scheme
) -> ComponentScore:
    methods = [c.method for c in cls.components if c.method in GOAL_METHODS]
    mine = [g for g in goals if (g.method or methods[0]) == method]
    if method != "scorecard":
        parts = tuple([(g.id, g.weight, g.score) for g in mine])
        return ComponentScore(method, weight, weighted([(w, s) for _, w, s in parts], scheme.rounding), parts)
    perspectives = []
    for perspective, share in cls.perspectives.items():
        group = [g for g in mine if g.perspective == perspective]
        perspectives.append(
            (perspective, share, weighted(((g.weight, g.score) for g in group), scheme.rounding))
        )
    score = weighted(((share, s) for _, share, s in perspectives), scheme.rounding)
    return ComponentScore(method, weight, score, tuple(perspectives))


def appraiser(review: Review | None) -> Assessment | None:
    """The submitted assessment that rates competencies: the manager's, else the committee's
    (the first of each)."""
    committee = None
    for assessment in review.assessments if review else ():
        if assessment.submitted and assessment.competencies:
            if assessment.relationship == "manager":
                return assessment
            if assessment.relationship == "committee" and committee is None:
                committee = assessment
    return committee


def competencies_component(
    weight: Decimal, review: Review | None, cls: EmployeeClass, scheme: Scheme
) -> ComponentScore:
    rater = appraiser(review)
    rated = [c for c in rater.competencies if c[0] in cls.competencies] if rater else []
    if rater is None or not rated:
        return ComponentScore(
            "competencies", weight, None, notes=("no competency ratings by the manager or committee yet",)
        )
    parts = []
    for ident, rating, _ in rated:
        level = scheme.level(rating)
        parts.append((ident, _ONE, level.score if level else None))
    notes = (f"rated by the {rater.relationship} ({rater.reviewer})",)
    return ComponentScore(
        "competencies", weight, weighted([(w, s) for _, w, s in parts], scheme.rounding), tuple(parts), notes
    )


def three_sixty_component(
    weight: Decimal, review: Review | None, cls: EmployeeClass, scheme: Scheme
) -> ComponentScore:
    if review is None:
        return ComponentScore("360", weight, None, notes=("no review yet",))
    parts, notes = [], []
    rated: dict[str, list[int]] = {}
    for a in review.assessments:
        if a.rating is not None and a.submitted:
            rated.setdefault(a.relationship, []).append(a.rating)
    for evaluator in cls.evaluators:
        ratings = rated.get(evaluator.relationship, [])
        if not ratings:
            notes.append(f"no {evaluator.relationship} assessment: group left out")
            continue
        if len(ratings) < evaluator.min_count:
            notes.append(
                f"{evaluator.relationship}: {len(ratings)} assessment(s), under the minimum of {evaluator.min_count}: group dropped"
            )
            continue
        scores = [level.score for r in ratings if (level := scheme.level(r)) is not None]
        mean = scheme.rounding(sum(scores, Decimal(0)) / len(scores)) if scores else None
        parts.append((evaluator.relationship, evaluator.weight, mean))
    return ComponentScore(
        "360", weight, weighted([(w, s) for _, w, s in parts], scheme.rounding), tuple(parts), tuple(notes)
    )


def components(
    cls: EmployeeClass, goals: Sequence[GoalScore], review: Review | None, scheme: Scheme
) -> tuple[ComponentScore, ...]:
    result = []
    for component in cls.components:
        if component.method in GOAL_METHODS:
            result.append(goals_component(component.method, component.weight, goals, cls, scheme))
        elif component.method == "competencies":
            result.append(competencies_component(component.weight, review, cls, scheme))
        else:
            result.append(three_sixty_component(component.weight, review, cls, scheme))
    return tuple(result)


def final_score(parts: Sequence[ComponentScore], scheme: Scheme) -> Decimal | None:
    """The weighted components; None until every component with a weight is scored."""
    if any([c.score is None and c.weight > 0 for c in parts]):
        return None
    return weighted([(c.weight, c.score) for c in parts], scheme.rounding)
