"""What the site is made from: the checked model, its scores and the publication policy.

The repository is read exactly as ``perfcode check`` reads it (:func:`perfcode.check.run_check`),
so the site can never disagree with CI. People's results are scored on demand, once per
cycle; every lookup the pages make per person or per unit goes through an index built
once, so the build grows with the organisation, not with its square.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

from perfcode.check import run_check
from perfcode.findings import Finding
from perfcode.model import Cycle, GoalFile, Person, Repository, Review, Unit, Where, every_cycle
from perfcode.records import SealedCycle, person_record_path
from perfcode.rules.cycles import participants
from perfcode.scoring.people import person_result
from perfcode.scoring.scheme import Scheme, scheme
from perfcode.site.links import Remote
from perfcode.site.policy import Policy
from perfcode.today import today as default_today

"""Set it (``2026-11-24``) to build the site as of another day, as tests and previews do."""


class Result(NamedTuple):
    """What the pages use of a person's result in a cycle (of ``perfcode score``'s PersonResult)."""

    person: Person
    final_score: Decimal | None
    final_rating: int | None


@dataclass
class SiteData:
    root: Path
    today: str
    repo: Repository
    findings: list[Finding]
    policy: Policy
    scheme: Scheme | None
    repository: Remote | None = None
    """Where people propose changes (``repo_url`` in mkdocs.yml); None: the site links nowhere else."""
    _members: dict[str, list[Person]] | None = None
    _children: dict[str | None, list[Unit]] | None = None
    _reviews: dict[tuple[str, str], Review] | None = None
    _goal_files: dict[tuple[str, str], list[GoalFile]] | None = None
    _scored: dict[str, dict[str, Result]] = field(default_factory=dict)
    _by_unit: dict[str, dict[str, list[Result]]] = field(default_factory=dict)

    def results(self, cycle: str) -> list[Result]:
        """The results of everyone taking part in a cycle, as ``perfcode score`` computes them.

        Earlier ratings only decide promotion eligibility, which the site never shows, so
        they are left out (each would take a pass over every review). Only what the pages
        use of each result is kept, not its goals and components.
        """
        if cycle not in self._scored and cycle in self.repo.sealed:
            self._scored[cycle] = _recorded(self.repo.sealed[cycle])
        if cycle not in self._scored:
            scheme, found = self.scheme, {}
            if scheme is not None and cycle in self.repo.cycles:
                for person in sorted(self.participants(cycle), key=lambda p: p.id):
                    if person.cls in scheme.classes:
                        review = self.review(cycle, person.id)
                        scored = person_result(self.repo, scheme, cycle, person, review, ())
                        found[person.id] = Result(person, scored.final_score, scored.final_rating)
            self._scored[cycle] = found
        return list(self._scored[cycle].values())

    def person_result(self, cycle: str, person: str) -> Result | None:
        """A participant's result in a cycle (None for people who do not take part)."""
        self.results(cycle)
        return self._scored[cycle].get(person)

    def unit_results(self, cycle: str, unit: str) -> list[Result]:
        """The results of a unit's own members (not of the units below it)."""
        if cycle not in self._by_unit:
            grouped: dict[str, list[Result]] = defaultdict(list)
            for result in self.results(cycle):
                grouped[result.person.unit].append(result)
            self._by_unit[cycle] = dict(grouped)
        return self._by_unit[cycle].get(unit, [])

    def review(self, cycle: str, person: str) -> Review | None:
        if self._reviews is None:
            self._reviews = {(r.cycle, r.person): r for r in self.repo.reviews}
        return self._reviews.get((cycle, person))

    def cycle(self, ident: str) -> Cycle:
        return every_cycle(self.repo)[ident]

    def running(self) -> list[str]:
        """The cycles whose period holds the build day, innermost (shortest) first.

        Before the first cycle or after the last, the nearest one stands in, so the site
        always shows some goals.
        """
        cycles = self.repo.cycles
        inside = [c for c, cy in cycles.items() if cy.start <= self.today <= cy.end]
        if inside:
            return sorted(inside, key=lambda c: (_days(cycles[c]), c))
        started = [c for c, cy in cycles.items() if cy.start <= self.today]
        pool = started or list(cycles)
        if not pool:
            return []
        pick = max if started else min
        return [pick(pool, key=lambda c: cycles[c].start)]

    def active(self) -> list[str]:
        """Cycles between the start of planning and the end of the results phase, newest first."""
        cycles = self.repo.cycles
        found = [c for c, cy in cycles.items() if _first(cy) <= self.today <= _last(cy)]
        return sorted(found, key=lambda c: (cycles[c].start, c), reverse=True)

    def latest_closed(self) -> str | None:
        cycles = every_cycle(self.repo)
        closed = [c for c, cy in cycles.items() if cy.status == "closed" or c in self.repo.sealed]
        return max(closed, key=lambda c: cycles[c].end, default=None)

    def members(self, unit: str) -> list[Person]:
        """The people of a unit (not of the units below it), the head first, then by name."""
        if self._members is None:
            grouped: dict[str, list[Person]] = defaultdict(list)
            for person in self.repo.people.values():
                if not self.gone(person.id):
                    grouped[person.unit].append(person)
            heads = {u.head for u in self.repo.units.values()}
            for people in grouped.values():
                people.sort(key=lambda p: (p.id not in heads, p.name.casefold(), p.id))
            self._members = dict(grouped)
        return self._members.get(unit, [])

    def gone(self, person: str) -> bool:
        """Whether someone left before the build day: the site no longer shows them."""
        found = self.repo.people.get(person)
        return found is not None and found.left is not None and found.left < self.today

    def children(self, unit: str | None) -> list[Unit]:
        """The units directly below ``unit`` (below nothing: the root units), by name."""
        if self._children is None:
            grouped: dict[str | None, list[Unit]] = defaultdict(list)
            for item in self.repo.units.values():
                parent = item.parent if item.parent in self.repo.units else None
                grouped[parent].append(item)
            for units in grouped.values():
                units.sort(key=lambda u: (u.name.casefold(), u.id))
            self._children = dict(grouped)
        return self._children.get(unit, [])

    def ancestors(self, unit: str) -> list[Unit]:
        """The units above ``unit``, the root first (stops at a loop)."""
        chain: list[Unit] = []
        current = self.repo.units.get(unit)
        while current is not None and current.parent is not None:
            current = self.repo.units.get(current.parent)
            if current is None or current in chain or current.id == unit:
                break
            chain.append(current)
        return chain[::-1]

    def participants(self, cycle: str) -> list[Person]:
        return participants(self.repo, self.repo.cycles[cycle])

    def goal_files(self, cycle: str, level: str) -> Sequence[GoalFile]:
        """The goal files of a level (company, unit, person) in a cycle, in the model's order."""
        if self._goal_files is None:
            grouped: dict[tuple[str, str], list[GoalFile]] = defaultdict(list)
            for goals in self.repo.goal_files:
                if not (goals.level == "person" and self.gone(goals.owner)):
                    grouped[goals.cycle, goals.level].append(goals)
            self._goal_files = dict(grouped)
        return self._goal_files.get((cycle, level), [])

    def raw(self, path: str, pointer: tuple[str | int, ...] = ()) -> Any:
        """The data of a file, or of a node in it, as written (for keys the model leaves out)."""
        node: Any = self.repo.files.get(path)
        for part in pointer:
            node = node[part]
        return node

    def company(self) -> Mapping[str, Any]:
        return self.repo.company or {}


def _recorded(sealed: SealedCycle) -> dict[str, Result]:
    """A closed cycle's results as its record keeps them: each person in the unit they
    were in then, with the numbers of the close."""
    found = {}
    for ident in sealed.record["participants"]:
        data = sealed.people.get(ident)
        if data is None:
            continue
        was, result = data["judged_as"], data["result"]
        person = Person(
            ident, was["name"], was["email"], None, was["unit"], was["position"], was["manager"], was["class"],
            Where(person_record_path(sealed.id, ident)),
        )  # fmt: skip
        score = result.get("final_score")
        found[ident] = Result(
            person, Decimal(score) if score is not None else None, result.get("final_rating")
        )
    return found


def today() -> str:
    """The build day: $PERFCODE_TODAY when set, else the calendar day (as every command's)."""
    return default_today()


def load(root: Path, day: str) -> SiteData:
    result = run_check(root, day)
    repo = result.repo
    rules = scheme(repo.framework) if repo.framework is not None else None
    return SiteData(root, day, repo, result.findings, Policy.of(repo.framework), rules)


def _days(cycle: Cycle) -> int:
    return (datetime.date.fromisoformat(cycle.end) - datetime.date.fromisoformat(cycle.start)).days


def _first(cycle: Cycle) -> str:
    return min(start for start, _ in cycle.phases.values())


def _last(cycle: Cycle) -> str:
    return max(end for _, end in cycle.phases.values())
