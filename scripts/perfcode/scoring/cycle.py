"""A cycle's scores: every participant, every unit, the company, coverage and progress.

*Alignment coverage*: for each level (company, unit, person), the share of goal weight
that serves something above it (a theme for company goals; an upward alignment or a
position indicator otherwise). *Progress to date*: the share of the cycle's period that
has passed on ``today``, beside the goals scores projected from check-ins.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from perfcode.model import Cycle, GoalFile, Person, Repository, every_cycle
from perfcode.rules.cycles import participants
from perfcode.rules.shared import per_model
from perfcode.scoring.people import PersonResult, Scores, person_result, person_scores
from perfcode.scoring.rollup import GoalScore, score_goals, weighted
from perfcode.scoring.scheme import Scheme, scheme


@dataclass(frozen=True)
class OwnerResult:
    owner: str
    name: str
    goals: tuple[GoalScore, ...]
    score: Decimal | None
    coverage: Decimal | None


@dataclass(frozen=True)
class CycleResult:
    cycle: Cycle
    scheme: Scheme
    today: str
    elapsed: Decimal
    people: tuple[PersonResult, ...]
    units: tuple[OwnerResult, ...]
    company: OwnerResult | None
    coverage: dict[str, Decimal | None]


def score_cycle(repo: Repository, cycle_id: str, today: str) -> CycleResult:
    """Scores of one cycle; needs a framework and the cycle (the CLI checks both first)."""
    assert repo.framework is not None
    rules = scheme(repo.framework)
    cycle = repo.cycles[cycle_id]
    people = score_people(repo, cycle_id)
    files = [f for f in repo.goal_files if f.cycle == cycle_id]
    units = tuple(
        _owner(f, repo.units[f.owner].name if f.owner in repo.units else f.owner, rules)
        for f in files
        if f.level == "unit"
    )
    company = next((_owner(f, "Company", rules) for f in files if f.level == "company"), None)
    coverage = {
        level: _coverage([f for f in files if f.level == level], rules)
        for level in ("company", "unit", "person")
    }
    return CycleResult(cycle, rules, today, _elapsed(cycle, today), people, units, company, coverage)


def score_people(repo: Repository, cycle_id: str) -> tuple[PersonResult, ...]:
    """The result of every participant of a cycle, by id."""
    assert repo.framework is not None
    rules = scheme(repo.framework)
    cycle = repo.cycles[cycle_id]
    reviews = {r.person: r for r in repo.reviews if r.cycle == cycle_id}
    history = RatingHistory(repo, cycle)
    return tuple(
        person_result(repo, rules, cycle_id, person, reviews.get(person.id), history.of(person.id), scores)
        for person, scores in scored_participants(repo, cycle_id)
    )


@per_model
def scored_participants(repo: Repository, cycle_id: str) -> tuple[tuple[Person, Scores], ...]:
    """Every participant of a cycle, by id, with their scores up to the computed rating.

    Computed once per model: the check's rules and ``perfcode score`` after it share them.
    """
    assert repo.framework is not None
    rules = scheme(repo.framework)
    reviews = {r.person: r for r in repo.reviews if r.cycle == cycle_id}
    return tuple(
        (person, person_scores(repo, rules, cycle_id, person, reviews.get(person.id)))
        for person in sorted(participants(repo, repo.cycles[cycle_id]), key=lambda p: p.id)
        if person.cls in rules.classes
    )


def _owner(goals: GoalFile, name: str, rules: Scheme) -> OwnerResult:
    scored = score_goals(goals, rules)
    score = weighted(((g.weight, g.score) for g in scored), rules.rounding)
    return OwnerResult(goals.owner, name, scored, score, _coverage([goals], rules))


def _coverage(files: list[GoalFile], rules: Scheme) -> Decimal | None:
    goals = [g for f in files for g in f.goals]
    total = sum((g.weight for g in goals), Decimal(0))
    if total == 0:
        return None
    aligned = sum((g.weight for g in goals if g.aligns_to or g.indicator or g.theme), Decimal(0))
    return rules.rounding(aligned / total)


def _elapsed(cycle: Cycle, today: str) -> Decimal:
    start, end, now = (date.fromisoformat(d) for d in (cycle.start, cycle.end, today))
    span = (end - start).days + 1
    passed = min(max((now - start).days + 1, 0), span)
    return (Decimal(passed) / Decimal(span)).quantize(Decimal("0.01"))


class RatingHistory:
    """Final ratings of record in the cycles of a cycle's series before it, looked up once:
    a closed cycle's from its record, never recomputed."""

    def __init__(self, repo: Repository, cycle: Cycle) -> None:
        cycles = every_cycle(repo)
        series = _series(cycles, cycle)
        self.earlier = sorted(
            (c.id for c in cycles.values() if c.end < cycle.start and _series(cycles, c) == series),
            key=lambda c: cycles[c].end,
            reverse=True,
        )
        wanted = set(self.earlier)
        self.ratings = {(r.person, r.cycle): r.final_rating for r in repo.reviews if r.cycle in wanted}
        for sealed in repo.sealed.values():
            if sealed.id in wanted:
                self.ratings.update(((p, sealed.id), rating) for p, rating in sealed.final_ratings().items())

    def of(self, person: str) -> list[int | None]:
        """The person's ratings, the latest first (None where a cycle has none)."""
        return [self.ratings.get((person, c)) for c in self.earlier]


def earlier_ratings(repo: Repository, cycle: Cycle, person: str) -> list[int | None]:
    """The person's final ratings of record in the earlier cycles of the series, the latest first."""
    return RatingHistory(repo, cycle).of(person)


def _series(cycles: Mapping[str, Cycle], cycle: Cycle) -> tuple[int, ...]:
    """The length in months of the cycle and of each enclosing cycle: halves of years share one."""
    chain: list[str] = []
    current: str | None = cycle.id
    while current is not None and current in cycles and current not in chain:
        chain.append(current)
        current = cycles[current].parent
    return tuple(_months(cycles[c]) for c in chain)


def _months(cycle: Cycle) -> int:
    start, end = date.fromisoformat(cycle.start), date.fromisoformat(cycle.end)
    return (end.year - start.year) * 12 + end.month - start.month + 1
