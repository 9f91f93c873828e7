"""Model: the repository in memory, built from schema-valid documents.

Terms used throughout:

- *cascade*: strategy themes -> company goals -> unit goals -> personal goals, each goal
  naming what it serves with ``aligns_to`` (goal references ``<owner>/<goal-id>``);
- *key result*: a measurable outcome of a goal, scored by a curve of the framework;
- *position indicator*: a standard key indicator of a position that its incumbents take
  into their goals (``indicator: <position>/<indicator>``);
- *cycle*: a period with dated phases (planning, coaching, evaluation, calibration,
  results); a cycle may sit inside an enclosing cycle (a year containing halves);
- *calibration*: the committee's adjustment of a computed rating, with a reason;
- *stint*: what a person was (unit, manager, position, class) up to a day, before a move:
  rules ask "as of when" (:meth:`Person.on`);
- *record*: what a closed cycle decided, frozen at its close (:mod:`perfcode.records`);
- *coaching conversation*: a talk of a manager (or skip-level manager) with a person about
  their goals during a cycle, with the actions they agreed; its notes are confidential and
  stay out of the model (only who, when and which goals enter it);
- *governance record*: a file under ``governance/`` that outlives the cycle it is about: a
  promotion group's *report* (dated reports with the tracker's figures, and a register of
  *problems* with an owner, a due day and a status).

Only documents that passed their schema enter the model, so the rules can trust types;
the ids of files that failed are kept in ``broken`` so rules do not repeat their problem
as a cascade of unknown references.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any, NamedTuple

from perfcode.findings import PointerPart

Pointer = tuple[PointerPart, ...]
PHASES = ("planning", "coaching", "evaluation", "calibration", "results")


class Where(NamedTuple):
    """A file and a pointer into it: where an entity is written (a tuple: made by the
    hundred thousand for a large organisation, so it must be cheap)."""

    path: str
    pointer: Pointer = ()

    def __truediv__(self, part: PointerPart | Pointer) -> Where:
        extra = part if isinstance(part, tuple) else (part,)
        return Where(self.path, self.pointer + extra)


@dataclass(frozen=True)
class Stint:
    """What a person was up to and including ``until``, before the next move."""

    until: str
    unit: str
    position: str
    manager: str | None
    cls: str
    where: Where


@dataclass(frozen=True)
class Person:
    """A person as they are now; ``earlier`` holds what they were before each move (oldest
    first), ``since`` and ``left`` when they joined and the last day they worked; ``proxy``
    who acts on GitHub for someone without a ``github`` handle (besides their manager)."""

    id: str
    name: str
    email: str
    github: str | None
    unit: str
    position: str
    manager: str | None
    cls: str
    where: Where
    since: str | None = None
    left: str | None = None
    earlier: tuple[Stint, ...] = ()
    keys: tuple[str, ...] = ()
    """The person's public keys (``age``, ``ssh``): what their review parts are encrypted to."""
    proxy: str | None = None

    def on(self, day: str) -> Person:
        """The person as they were on ``day``: unit, position, manager and class then."""
        for stint in self.earlier:
            if day <= stint.until:
                return replace(
                    self, unit=stint.unit, position=stint.position, manager=stint.manager, cls=stint.cls
                )
        return self

    def present_on(self, day: str) -> bool:
        """Whether the person worked for the company on ``day``."""
        return (self.since is None or self.since <= day) and (self.left is None or day <= self.left)

    def managers_between(self, start: str, end: str) -> list[str]:
        """Every manager the person had from ``start`` to ``end``, in order."""
        found: list[str] = []
        before = ""  # each state runs from the day after the previous one's ``until``
        for stint in self.earlier:
            if stint.until >= start and before < end and stint.manager and stint.manager not in found:
                found.append(stint.manager)
            before = stint.until
        if before < end and self.manager and self.manager not in found:
            found.append(self.manager)
        return found


@dataclass(frozen=True)
class Unit:
    id: str
    name: str
    parent: str | None
    head: str
    where: Where


@dataclass(frozen=True)
class Position:
    id: str
    title: str
    cls: str | None
    indicators: tuple[str, ...]
    where: Where


@dataclass(frozen=True)
class Cycle:
    id: str
    parent: str | None
    start: str
    end: str
    status: str
    classes: tuple[str, ...] | None
    exclude: tuple[str, ...]
    phases: Mapping[str, tuple[str, str]]
    where: Where

    def phase_on(self, day: str) -> str | None:
        """The phase a date falls in, or None between and outside phases."""
        for name in PHASES:
            start, end = self.phases[name]
            if start <= day <= end:
                return name
        return None


class CheckIn(NamedTuple):
    """One progress report of a key result (a tuple: a large organisation has millions)."""

    date: str
    value: Any
    note: str
    where: Where


@dataclass(frozen=True)
class KeyResult:
    id: str
    metric: str
    direction: str
    curve: str | None
    baseline: Decimal | None
    threshold: Decimal | None
    target: Any
    stretch: Decimal | None
    actual: Any
    weight: Decimal
    check_ins: tuple[CheckIn, ...]
    where: Where
    accumulates: bool = False
    period: tuple[str, str] | None = None
    """The period of the key result's cycle, for projecting running totals."""


@dataclass(frozen=True)
class Goal:
    id: str
    title: str
    weight: Decimal
    aligns_to: tuple[str, ...]
    indicator: str | None
    theme: str | None
    perspective: str | None
    local: bool
    method: str | None
    key_results: tuple[KeyResult, ...]
    where: Where


@dataclass(frozen=True)
class GoalFile:
    """The goals of one owner (``company``, a unit or a person) in one cycle."""

    cycle: str
    level: str
    owner: str
    goals: tuple[Goal, ...]
    where: Where


@dataclass(frozen=True)
class Assessment:
    reviewer: str
    relationship: str
    submitted: str | None
    rating: int | None
    competencies: tuple[tuple[str, int, Where], ...]
    where: Where


@dataclass(frozen=True)
class Review:
    person: str
    cycle: str
    assessments: tuple[Assessment, ...]
    calibration: Mapping[str, Any] | None
    final_rating: int | None
    feedback: Mapping[str, Any] | None
    appeal: Mapping[str, Any] | None
    plan: Mapping[str, Any] | None
    where: Where
    hidden: frozenset[str] = frozenset()
    """The encrypted parts no identity at hand opens (:mod:`perfcode.crypt`): their values
    read as absent, and rules that need them stay silent rather than guess."""


@dataclass(frozen=True)
class Conversation:
    """One coaching conversation: when, with whom, about which goals (never its notes)."""

    date: str
    coach: str
    goals: tuple[str, ...]
    where: Where


@dataclass(frozen=True)
class Coaching:
    """The coaching conversations of one person in one cycle."""

    person: str
    cycle: str
    conversations: tuple[Conversation, ...]
    where: Where


@dataclass(frozen=True)
class Problem:
    """A problem a promotion group found, from its report's register (never its notes)."""

    id: str
    found: str
    owner: str
    due: str
    status: str
    resolved: str | None
    where: Where


@dataclass(frozen=True)
class Report:
    """A promotion group's reports on one cycle: the days it reported, and its problems."""

    group: str
    cycle: str
    dates: tuple[str, ...]
    problems: tuple[Problem, ...]
    where: Where


@dataclass(frozen=True)
class Repository:
    """Everything the rules look at, keyed by id."""

    company: Mapping[str, Any] | None = None
    framework: Mapping[str, Any] | None = None
    governance: Mapping[str, Any] | None = None
    people: Mapping[str, Person] = field(default_factory=dict)
    units: Mapping[str, Unit] = field(default_factory=dict)
    positions: Mapping[str, Position] = field(default_factory=dict)
    cycles: Mapping[str, Cycle] = field(default_factory=dict)
    goal_files: tuple[GoalFile, ...] = ()
    reviews: tuple[Review, ...] = ()
    coaching: tuple[Coaching, ...] = ()
    reports: tuple[Report, ...] = ()
    calibrations: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    sealed: Mapping[str, Any] = field(default_factory=dict)
    """Closed cycles by id, read from their records (:class:`perfcode.records.SealedCycle`):
    their files are not in the rest of the model."""
    broken: frozenset[tuple[str, str]] = frozenset()
    files: Mapping[str, Any] = field(default_factory=dict)
    goal_owners: Mapping[tuple[str, str], GoalFile] = field(default_factory=dict)
    goals_by_ref: Mapping[tuple[str, str, str], tuple[GoalFile, Goal]] = field(default_factory=dict)
    """(cycle, owner, goal id) -> the goal and its file."""
    unit_chains: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Each unit and the units above it, nearest first (cut where the tree loops)."""

    def within(self, unit: str, ancestor: str) -> bool:
        """Whether ``unit`` is ``ancestor`` or lies below it."""
        return ancestor in self.unit_chains.get(unit, (unit,))

    def goals_of(self, cycle: str, owner: str) -> GoalFile | None:
        """The goal file of an owner in a cycle."""
        return self.goal_owners.get((cycle, owner))

    def enclosing(self, cycle: str) -> list[str]:
        """The cycle and the cycles that enclose it, innermost first (stops at a loop)."""
        chain: list[str] = []
        current: str | None = cycle
        while current is not None and current not in chain:
            chain.append(current)
            found = self.cycles.get(current)
            current = found.parent if found else None
        return chain

    def is_broken(self, kind: str, ident: str) -> bool:
        return (kind, ident) in self.broken


def every_cycle(repo: Repository) -> dict[str, Cycle]:
    """The open cycles and the closed ones (from the cycle files their records seal)."""
    cycles = {c: s.cycle for c, s in repo.sealed.items() if s.cycle is not None}
    return {**cycles, **repo.cycles}


def stem(path: str) -> str:
    """A file's name without its suffix, as ``PurePosixPath.stem`` (string work: it is
    called for every file of a large organisation)."""
    name = path.rpartition("/")[2]
    dot = name.rfind(".")
    return name[:dot] if 0 < dot < len(name) - 1 else name


def cycle_of(path: str) -> str:
    """The cycle folder of a goals/ or reviews/ path."""
    return path.split("/", 2)[1]
