"""Tracking: where a cycle stands on a given day, and who is late with what.

An *outstanding item* is something a participant (or their manager, the committee or HR)
still owes the cycle, with the day it is due:

- ``goals``: a goal file with at least one goal, by the end of planning;
- ``goal-values``: goal weights that sum to 100 and key results with the targets their
  curve needs, in order (PC212 while planning runs, PC203 and PC210 after), by the end of
  planning;
- ``alignment``: every goal aligned upward (``aligns_to``), taking in a position
  indicator, or marked ``local``, by the end of planning;
- ``check-in``: a check-in on each running key result at least every ``check_in_days``
  (org/framework.yaml) during coaching;
- ``coaching``: a coaching conversation (``reviews/<cycle>/coaching/<person>.yaml``) at
  least every ``coaching.every_days`` of the person's class during coaching, held by
  their manager;
- ``actual``: the final value of each key result, by the end of evaluation;
- ``self-assessment``, ``manager-assessment``, ``committee-assessment``: a submitted
  assessment by each single evaluator the person's class names, by the end of evaluation;
- ``final-rating``: the rating of record, by the end of calibration;
- ``feedback-meeting``: within ``meeting_within_days`` of the results phase start;
- ``acknowledgement``: where the framework requires it, within
  ``acknowledgement_within_days`` of the meeting;
- ``appeal``: a decision within ``decision_days`` of filing.

The company's and the units' goal files owe the same ``goal-values`` and ``actual`` items,
due from the person responsible (the president, the unit's head) and grouped under the
unit (the root unit for the company): a cycle closes only when every key result of every
goal file has its actual (PC604).

An item is *late* once its due day has passed. Coaching is also counted: per person, the
conversations *held* so far in the cycle and the conversations *due* by today (one for
each full ``every_days`` of coaching gone by), summed per unit by the reports. Everything
here is a pure function of the
model and the day, so ``perfcode cycle status``, ``perfcode cycle close`` and the site's
process tracker agree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from perfcode.model import PHASES, Coaching, Cycle, GoalFile, Person, Repository, Review, cycle_of
from perfcode.rules.cascade import unfinished
from perfcode.rules.common import add_days, days_between
from perfcode.rules.cycles import participants
from perfcode.rules.shared import per_model

LABELS = {
    "goals": "no goals",
    "goal-values": "goals unfinished",
    "alignment": "goals not aligned",
    "check-in": "check-in overdue",
    "coaching": "coaching conversation",
    "actual": "actual values missing",
    "self-assessment": "self-assessment missing",
    "manager-assessment": "manager assessment missing",
    "committee-assessment": "committee assessment missing",
    "final-rating": "final rating missing",
    "feedback-meeting": "feedback meeting not held",
    "acknowledgement": "acknowledgement missing",
    "appeal": "appeal not decided",
}
"""Each kind of outstanding item, as a heading."""

SINGLE_EVALUATORS = ("self", "manager", "committee")
NO_GROUP = "no promotion group"
NO_UNIT = "no unit"


@dataclass(frozen=True)
class Item:
    """One thing a participant's cycle still lacks."""

    person: str
    kind: str
    detail: str
    due: str
    path: str
    owner: str | None = None
    """``company`` or a unit id for an item of their goal file; ``person`` is then who answers
    for it (the president, the unit's head)."""
    unit: str | None = None
    """The unit the item counts under, when it is not the person's own."""

    def late(self, today: str) -> bool:
        return self.due < today

    @property
    def who(self) -> str:
        """Whose item it is, in words: ``dan-evans``, ``goals of firmware (cara-diaz)``."""
        if self.owner is None:
            return self.person
        whose = "company goals" if self.owner == "company" else f"goals of {self.owner}"
        return f"{whose} ({self.person})" if self.person else whose

    @property
    def text(self) -> str:
        """What is missing, in words: the kind's label and any detail."""
        return f"{LABELS[self.kind]}: {self.detail}" if self.detail else LABELS[self.kind]


@dataclass(frozen=True)
class Tally:
    """A person's coaching conversations in a cycle: held so far, and due by the day."""

    person: str
    held: int
    due: int
    every: int


@dataclass(frozen=True)
class Status:
    """A cycle on a day: its phase, its participants, every outstanding item and the
    coaching tally of each participant whose class sets a coaching frequency."""

    cycle: Cycle
    today: str
    phase: str
    participants: tuple[Person, ...]
    items: tuple[Item, ...]
    coaching: tuple[Tally, ...] = ()

    @property
    def late(self) -> tuple[Item, ...]:
        return tuple(i for i in self.items if i.late(self.today))

    @property
    def horizon(self) -> str:
        return phase_horizon(self.cycle, self.today)

    @property
    def due(self) -> tuple[Item, ...]:
        """Items not late yet that fall due by the end of the next phase."""
        return tuple(i for i in self.items if self.today <= i.due <= self.horizon)


def status(repo: Repository, cycle_id: str, today: str) -> Status:
    """The status of a cycle of the model on ``today``."""
    cycle = repo.cycles[cycle_id]
    people = tuple(sorted(participants(repo, cycle), key=lambda p: p.id))
    items = tuple(i for person in people for i in person_items(repo, cycle, person, today))
    records = coaching_records(repo, cycle_id)
    tallies = tuple(
        tally
        for person in people
        if (tally := coaching_tally(repo, cycle, person, records.get(person.id), today)) is not None
    )
    items += tuple(owner_items(repo, cycle))
    return Status(cycle, today, phase_label(cycle, today), people, items, tallies)


def phase_label(cycle: Cycle, today: str) -> str:
    """The phase ``today`` falls in, or where it stands between phases."""
    if (phase := cycle.phase_on(today)) is not None:
        return phase
    if today < cycle.phases["planning"][0]:
        return "not started"
    if today > cycle.phases["results"][1]:
        return "over"
    following = next(name for name in PHASES if cycle.phases[name][0] > today)
    return f"before {following}"


def phase_horizon(cycle: Cycle, today: str) -> str:
    """The last day of the phase after the current one (of the next one between phases):
    far enough ahead to see the next deadlines, near enough to stay relevant."""
    upcoming = [cycle.phases[name][1] for name in PHASES if today <= cycle.phases[name][1]]
    if not upcoming:
        return today
    current_started = cycle.phase_on(today) is not None
    return upcoming[1] if current_started and len(upcoming) > 1 else upcoming[0]


def person_items(repo: Repository, cycle: Cycle, person: Person, today: str) -> Iterator[Item]:
    """Everything ``person`` still owes ``cycle``; check-ins only while coaching runs."""
    goals = repo.goals_of(cycle.id, person.id)
    review = next((r for r in repo.reviews if r.cycle == cycle.id and r.person == person.id), None)
    yield from _goal_items(repo, cycle, person, goals)
    if goals is not None and cycle.phase_on(today) == "coaching":
        yield from _check_in_items(repo, cycle, person, goals, today)
    if cycle.phase_on(today) == "coaching":
        yield from _coaching_items(repo, cycle, person, today)
    yield from _review_items(repo, cycle, person, review)


def _goal_items(repo: Repository, cycle: Cycle, person: Person, goals: GoalFile | None) -> Iterator[Item]:
    path = f"goals/{cycle.id}/people/{person.id}.yaml"
    planned = cycle.phases["planning"][1]
    if goals is None or not goals.goals:
        yield Item(person.id, "goals", _no_goals(goals), planned, path)
        return
    if problems := unfinished(repo, goals):
        yield Item(person.id, "goal-values", "; ".join(p.message for p in problems), planned, path)
    unaligned = [g.id for g in goals.goals if not (g.aligns_to or g.indicator or g.local)]
    if unaligned:
        yield Item(person.id, "alignment", ", ".join(unaligned), planned, path)
    missing = [f"{g.id}/{kr.id}" for g in goals.goals for kr in g.key_results if kr.actual is None]
    if missing:
        yield Item(person.id, "actual", ", ".join(missing), cycle.phases["evaluation"][1], path)


def owner_items(repo: Repository, cycle: Cycle) -> Iterator[Item]:
    """What the company's and the units' goal files of the cycle still owe it."""
    root = next((u.id for u in repo.units.values() if u.parent is None), None)
    for goals in repo.goal_files:
        if goals.cycle != cycle.id or goals.level == "person":
            continue
        if goals.level == "company":
            person, unit = str((repo.company or {}).get("president") or ""), root
        else:
            found = repo.units.get(goals.owner)
            person, unit = (found.head if found else ""), goals.owner
        path = goals.where.path
        if problems := unfinished(repo, goals):
            detail = "; ".join(p.message for p in problems)
            yield Item(person, "goal-values", detail, cycle.phases["planning"][1], path, goals.owner, unit)
        missing = [f"{g.id}/{kr.id}" for g in goals.goals for kr in g.key_results if kr.actual is None]
        if missing:
            due = cycle.phases["evaluation"][1]
            yield Item(person, "actual", ", ".join(missing), due, path, goals.owner, unit)


def _no_goals(goals: GoalFile | None) -> str:
    return "no goal file (or one perfcode check rejects)" if goals is None else "the goal file is empty"


def _check_in_items(
    repo: Repository, cycle: Cycle, person: Person, goals: GoalFile, today: str
) -> Iterator[Item]:
    cadence = (repo.framework or {}).get("check_in_days")
    if not cadence:
        return
    coaching_start, coaching_end = cycle.phases["coaching"]
    stale: list[tuple[str, str]] = []
    for goal in goals.goals:
        for kr in goal.key_results:
            last = max([coaching_start, *(c.date for c in kr.check_ins)])
            due = add_days(last, cadence)
            if kr.actual is None and due < today and due <= coaching_end:
                stale.append((due, f"{goal.id}/{kr.id}"))
    if stale:
        detail = f"{', '.join(name for _, name in sorted(stale))} (every {cadence} days)"
        yield Item(person.id, "check-in", detail, min(stale)[0], goals.where.path)


@per_model
def coaching_records(repo: Repository, cycle_id: str) -> dict[str, Coaching]:
    """The coaching records of a cycle, by person (indexed once per model)."""
    return {r.person: r for r in repo.coaching if cycle_of(r.where.path) == cycle_id}


def coaching_every(repo: Repository, person: Person) -> int | None:
    """How often the person's class asks for a coaching conversation, in days (None: never)."""
    classes = {c["id"]: c for c in (repo.framework or {}).get("classes", ())}
    coaching = classes.get(person.cls, {}).get("coaching") or {}
    every = coaching.get("every_days")
    return int(every) if every else None


def coaching_tally(
    repo: Repository, cycle: Cycle, person: Person, record: Coaching | None, today: str
) -> Tally | None:
    """Conversations held in the cycle up to ``today``, and due by then: one per full
    ``every_days`` of coaching gone by. None when the class sets no coaching frequency."""
    every = coaching_every(repo, person)
    if every is None:
        return None
    start, end = cycle.phases["coaching"]
    upto = min(today, end)
    due = (days_between(start, upto) + 1) // every if upto >= start else 0
    held = sum(1 for c in (record.conversations if record else ()) if cycle.start <= c.date <= today)
    return Tally(person.id, held, due, every)


def _coaching_items(repo: Repository, cycle: Cycle, person: Person, today: str) -> Iterator[Item]:
    """The next conversation, when coaching still asks for one: ``every_days`` after the
    last conversation (or after the start of coaching)."""
    every = coaching_every(repo, person)
    if every is None:
        return
    record = coaching_records(repo, cycle.id).get(person.id)
    start, end = cycle.phases["coaching"]
    held = [c.date for c in (record.conversations if record else ()) if c.date <= today]
    due = add_days(max([start, *held]), every)
    if due <= end:
        last = f"last on {max(held)}" if held else "none yet"
        path = f"reviews/{cycle.id}/coaching/{person.id}.yaml"
        yield Item(person.id, "coaching", f"{last} (every {every} days)", due, path)


def _review_items(repo: Repository, cycle: Cycle, person: Person, review: Review | None) -> Iterator[Item]:
    path = f"reviews/{cycle.id}/{person.id}.yaml"
    evaluated = cycle.phases["evaluation"][1]
    for relationship in required_evaluators(repo, person):
        if review is None or not any(
            a.relationship == relationship and a.submitted for a in review.assessments
        ):
            kind = f"{relationship}-assessment"
            yield Item(person.id, kind, "", evaluated, path)
    if review is None or review.final_rating is None:
        yield Item(person.id, "final-rating", "", cycle.phases["calibration"][1], path)
    yield from _results_items(repo, cycle, person, review, path)


def required_evaluators(repo: Repository, person: Person) -> list[str]:
    """The single evaluators of the person's class (self, manager, committee) who must assess.

    Groups (peers, direct reports) are left to the minimum counts of the scoring: a person
    may have too few of them, and the score then leaves the group out.
    """
    classes = {c["id"]: c for c in (repo.framework or {}).get("classes", ())}
    declared = classes.get(person.cls, {}).get("evaluators")
    names = [e["relationship"] for e in declared] if declared else ["self", "manager"]
    return [
        name
        for name in SINGLE_EVALUATORS
        if name in names and not (name == "manager" and person.manager is None)
    ]


def _results_items(
    repo: Repository, cycle: Cycle, person: Person, review: Review | None, path: str
) -> Iterator[Item]:
    framework = repo.framework or {}
    feedback_rules: Mapping[str, Any] = framework.get("feedback") or {}
    feedback: Mapping[str, Any] = (review.feedback if review else None) or {}
    opens = cycle.phases["results"][0]
    meeting_due = add_days(opens, feedback_rules.get("meeting_within_days", 0))
    if not feedback.get("meeting"):
        yield Item(person.id, "feedback-meeting", "", meeting_due, path)
    if feedback_rules.get("acknowledgement") == "required" and not feedback.get("acknowledged"):
        after = feedback.get("meeting") or meeting_due
        due = add_days(after, feedback_rules.get("acknowledgement_within_days", 0))
        yield Item(person.id, "acknowledgement", "", due, path)
    appeal: Mapping[str, Any] = (review.appeal if review else None) or {}
    if appeal and not appeal.get("decision"):
        decision_days = (framework.get("appeals") or {}).get("decision_days", 0)
        due = add_days(appeal["filed"], decision_days)
        yield Item(person.id, "appeal", f"filed {appeal['filed']}", due, path)


def promotion_group_of(repo: Repository, unit: str) -> str | None:
    """The promotion group serving the department (unit under the root) that holds ``unit``."""
    groups = {str(g["unit"]): str(g["id"]) for g in (repo.governance or {}).get("promotion_groups", ())}
    seen: set[str] = set()
    current: str | None = unit
    while current is not None and current not in seen:
        if current in groups:
            return groups[current]
        seen.add(current)
        found = repo.units.get(current)
        current = found.parent if found else None
    return None


def unit_of(repo: Repository, item: Item) -> str:
    """The unit an item counts under: its goal file's, else its person's."""
    if item.unit is not None:
        return item.unit
    person = repo.people.get(item.person)
    return person.unit if person is not None else NO_UNIT


def by_unit(repo: Repository, items: tuple[Item, ...]) -> dict[str, list[Item]]:
    """Items grouped by their unit, units sorted by id."""
    return _grouped(items, lambda item: unit_of(repo, item))


def by_promotion_group(repo: Repository, items: tuple[Item, ...]) -> dict[str, list[Item]]:
    """Items grouped by promotion group; people whose department has none under NO_GROUP."""
    return _grouped(items, lambda item: promotion_group_of(repo, unit_of(repo, item)) or NO_GROUP)


def _grouped(items: tuple[Item, ...], key: Callable[[Item], str]) -> dict[str, list[Item]]:
    groups: dict[str, list[Item]] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return dict(sorted(groups.items()))


def coaching_by_unit(repo: Repository, tallies: tuple[Tally, ...]) -> dict[str, tuple[int, int]]:
    """(held, due) coaching conversations summed per unit of the people, units sorted by id."""
    sums: dict[str, tuple[int, int]] = {}
    for tally in tallies:
        unit = repo.people[tally.person].unit
        held, due = sums.get(unit, (0, 0))
        sums[unit] = (held + tally.held, due + tally.due)
    return dict(sorted(sums.items()))
