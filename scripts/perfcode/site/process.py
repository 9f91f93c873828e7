"""The process tracker: per unit and per phase, what is done, what is open and what is late.

The framework gives the committee a tracking and reporting duty; this page is that report.
What each participant still owes comes from :mod:`perfcode.tracking`, so the page agrees
with ``perfcode cycle status``.
Steps that come from reviews (assessments, calibration, feedback meetings, appeals) and
coaching (conversations held of those due, never their notes) are counted only for groups
of at least ``min_group_size`` people, so no cell points at one person; goals and
check-ins are public anyway.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import partial
from typing import Any

from perfcode.model import Cycle, Person, Unit
from perfcode.site.data import SiteData
from perfcode.site.links import PROCESS, Target, unit_page
from perfcode.site.render import Page
from perfcode.site.status import CycleStatus, cycle_status
from perfcode.tracking import Item, Tally, status

MANAGER = ("manager-assessment", "committee-assessment")


@dataclass(frozen=True)
class Column:
    id: str
    label: str
    phase: str
    start: str
    due: str
    private: bool
    kinds: tuple[str, ...]


@dataclass(frozen=True)
class Cell:
    text: str
    state: str
    title: str = ""


@dataclass(frozen=True)
class Row:
    name: str
    target: Target | None
    depth: int
    people: int
    cells: list[Cell]


@dataclass(frozen=True)
class Tracker:
    status: CycleStatus
    columns: list[Column]
    rows: list[Row]
    total: Row

    @property
    def phases(self) -> list[tuple[str, int]]:
        """Each phase with the number of its columns, in order."""
        counts: dict[str, int] = {}
        for column in self.columns:
            counts[column.phase] = counts.get(column.phase, 0) + 1
        return list(counts.items())


def process_page(data: SiteData) -> Page:
    return Page(PROCESS, "Process tracker", "process.html", partial(_process, data), wide=True)


def _process(data: SiteData) -> dict[str, Any]:
    cycles = data.active() or data.running()[:1]
    trackers = [_tracker(data, cycle) for cycle in cycles]
    return {"trackers": trackers, "threshold": data.policy.min_group_size, "today": data.today}


def _columns(cycle: Cycle) -> list[Column]:
    """The steps of the cycle; each but unit goals counts the participants owing no such item."""
    phases = cycle.phases

    def column(ident: str, label: str, phase: str, private: bool, kinds: tuple[str, ...] = ()) -> Column:
        return Column(ident, label, phase, *phases[phase], private, kinds or (ident,))

    return [
        column("unit-goals", "Unit goals", "planning", False),
        column("goals", "Own goals", "planning", False, ("goals", "goal-values")),
        column("alignment", "Aligned", "planning", False),
        column("check-in", "Check-ins", "coaching", False),
        column("coaching", "Coaching", "coaching", True),
        column("actual", "Actuals", "evaluation", False),
        column("self-assessment", "Self", "evaluation", True),
        column("manager-assessment", "Manager", "evaluation", True, MANAGER),
        column("final-rating", "Final rating", "calibration", True),
        column("feedback-meeting", "Feedback", "results", True),
        column("acknowledgement", "Acknowl\u00adedged", "results", True),
        column("appeal", "Appeals", "results", True),
    ]


def _tracker(data: SiteData, ident: str) -> Tracker:
    cycle = data.cycle(ident)
    columns = _columns(cycle)
    # Only the cycle's own reviews matter to its status; tracking looks each one up.
    reviews = tuple(r for r in data.repo.reviews if r.cycle == ident)
    state = status(replace(data.repo, reviews=reviews), ident, data.today)
    owed: dict[tuple[str, str], list[Item]] = {}
    goal_files: dict[str, list[Item]] = {}
    for item in state.items:
        if item.owner is None:
            owed.setdefault((item.person, item.kind), []).append(item)
        else:
            goal_files.setdefault(item.unit or "", []).append(item)
    by_unit: dict[str, list[Person]] = {}
    for person in state.participants:
        by_unit.setdefault(person.unit, []).append(person)
    tallies = {t.person: t for t in state.coaching}
    group = _Group(data, ident, columns, owed, goal_files, tallies)
    rows = [group.row(unit, depth, by_unit.get(unit.id, []), True) for unit, depth in _tree(data)]
    shown = [row.people for row in rows if data.policy.large_enough(row.people)]
    safe = data.policy.remainder_safe(len(state.participants), shown)
    total = group.row(None, 0, list(state.participants), safe)
    return Tracker(cycle_status(data, ident), columns, rows, total)


def _tree(data: SiteData) -> list[tuple[Unit, int]]:
    ordered: list[tuple[Unit, int]] = []
    seen: set[str] = set()

    def walk(parent: str | None, depth: int) -> None:
        for unit in data.children(parent):
            if unit.id not in seen:
                seen.add(unit.id)
                ordered.append((unit, depth))
                walk(unit.id, depth + 1)

    walk(None, 0)
    return ordered


@dataclass(frozen=True)
class _Group:
    data: SiteData
    cycle: str
    columns: Sequence[Column]
    owed: Mapping[tuple[str, str], list[Item]]
    goal_files: Mapping[str, list[Item]]
    """The items of the company's and the units' goal files, by unit (the root for the company)."""
    tallies: Mapping[str, Tally]

    def row(self, unit: Unit | None, depth: int, people: Sequence[Person], total_safe: bool) -> Row:
        policy = self.data.policy
        cells = []
        for column in self.columns:
            if column.private and not (policy.large_enough(len(people)) and total_safe):
                cells.append(Cell("·", "hidden", f"shown for groups of {policy.min_group_size} or more"))
            elif column.id == "unit-goals":
                cells.append(self._unit_goals(column, unit))
            elif column.id == "coaching":
                cells.append(self._coaching(column, people))
            else:
                items = [i for p in people for kind in column.kinds for i in self.owed.get((p.id, kind), [])]
                cells.append(self._cell(column, items, people))
        name = unit.name if unit else "Whole company"
        return Row(name, Target(unit_page(unit.id)) if unit else None, depth, len(people), cells)

    def _cell(self, column: Column, items: Sequence[Item], people: Sequence[Person]) -> Cell:
        if not people:
            return Cell("-", "none")
        if column.id == "appeal":
            return _appeals(items, self.data.today)
        owing = len({i.person for i in items})
        text = f"{len(people) - owing}/{len(people)}"
        return _state(self.data.today, column, text, items)

    def _coaching(self, column: Column, people: Sequence[Person]) -> Cell:
        """Conversations held of those due by today; late when someone's next one is overdue."""
        counted = [self.tallies[p.id] for p in people if p.id in self.tallies]
        if not counted:
            return Cell("-", "none", "no coaching frequency for these classes")
        held, due = sum(t.held for t in counted), sum(t.due for t in counted)
        items = [i for p in people for i in self.owed.get((p.id, "coaching"), [])]
        late = [i for i in items if i.late(self.data.today)]
        text = f"{held}/{due}"
        if late:
            return Cell(text, "late", f"the next conversation is overdue for {len(late)} of {len(counted)}")
        if self.data.today < column.start:
            return Cell(text, "later", f"starts {column.start}")
        return Cell(text, "done" if held >= due else "open", "conversations held / due so far")

    def _unit_goals(self, column: Column, unit: Unit | None) -> Cell:
        """Goals set per unit, with their actuals once evaluation ends; a root unit's goals
        are the company goals (their items are the open ones :mod:`perfcode.tracking` lists).

        A cycle without any unit goals (a year whose units set theirs in its halves) does
        not ask for them.
        """
        units = [unit] if unit else list(self.data.repo.units.values())
        items = [i for u in units for i in self.goal_files.get(u.id, [])]
        if not self.data.goal_files(self.cycle, "unit") and not items:
            return Cell("-", "none", "no unit goals in this cycle")
        done = sum(1 for u in units if self._goals_set(u) and not self.goal_files.get(u.id))
        if done == len(units):
            return Cell(f"{done}/{len(units)}", "done")
        return _state(self.data.today, column, f"{done}/{len(units)}", items, None if items else column.due)

    def _goals_set(self, unit: Unit) -> bool:
        repo = self.data.repo
        if repo.goals_of(self.cycle, unit.id) is not None:
            return True
        root = unit.parent not in repo.units
        return root and any(repo.goals_of(c, "company") is not None for c in repo.enclosing(self.cycle))


def _state(today: str, column: Column, text: str, items: Sequence[Item], due: str | None = None) -> Cell:
    if not items and due is None:
        return Cell(text, "done")
    first = min((i.due for i in items), default=due or column.due)
    if first < today:
        return Cell(text, "late", f"due {first}")
    if today < column.start:
        return Cell(text, "later", f"starts {column.start}")
    return Cell(text, "open", f"due {first}")


def _appeals(items: Sequence[Item], today: str) -> Cell:
    if not items:
        return Cell("none open", "done")
    late = [i for i in items if i.late(today)]
    title = f"{len(late)} past the decision deadline" if late else "within the decision deadline"
    return Cell(f"{len(items)} open", "late" if late else "open", title)
