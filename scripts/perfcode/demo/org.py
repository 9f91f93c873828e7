"""Org: the demo company's units and people, and the rating each person is meant to get.

The shape: the president in the root unit; departments under it, each led by a head of
department; teams of about eight (a team lead and their members) under each department,
gathered into groups (and groups of groups) with a group manager once a department has more
than eight teams, so no one has more than eight units below them. Team members take the
positions of their department.

*Target rating*: drawn for each person of the half-year classes, then lowered where it
would break the distribution guideline in any unit (with its sub-units) or class, of any
size, so every group the guideline looks at keeps within it.
"""

from __future__ import annotations

import math
import random
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from perfcode.demo.catalogue import COMPANY, COMPANY_NAME, POSITIONS, Department
from perfcode.demo.departments import DEPARTMENTS
from perfcode.demo.framework import FIVE_CAP, HALF_CLASSES, HIGH_CAP
from perfcode.demo.texts import FIRST_NAMES, LAST_NAMES

MIN_PEOPLE = 25
"""The smallest company with four departments of at least one team of five."""

TEAM_SIZE = 8
MAX_CHILDREN = 8
_LEVELS = ("group", "division", "sector", "area")
_RATINGS = ((5, 8), (4, 27), (3, 52), (2, 10), (1, 3))
"""The drawn ratings and their weights, before the guideline lowers any."""


@dataclass(frozen=True)
class Unit:
    id: str
    name: str
    parent: str | None
    head: str
    department: str | None
    description: str


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    unit: str
    position: str
    manager: str | None
    since: str

    @property
    def cls(self) -> str:
        return POSITIONS[self.position].cls


@dataclass
class Org:
    units: list[Unit] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    departments: list[Department] = field(default_factory=list)
    reports: dict[str, list[str]] = field(default_factory=dict)

    @property
    def president(self) -> Person:
        return self.people[0]

    def unit(self, ident: str) -> Unit:
        return self._units[ident]

    def person(self, ident: str) -> Person:
        return self._people[ident]

    def index(self) -> None:
        self._units = {u.id: u for u in self.units}
        self._people = {p.id: p for p in self.people}


def plan(people: int, rng: random.Random) -> Org:
    """Units and people of a company of ``people`` people (at least MIN_PEOPLE)."""
    builder = _Builder(rng)
    count = min(max(round(people / 100), 4), len(DEPARTMENTS))
    president = builder.person(COMPANY, "president", None)
    builder.unit(
        COMPANY, COMPANY_NAME, None, president, None, "The company as a whole; the president's office."
    )
    for dept, size in zip(DEPARTMENTS[:count], _shares(people - 1 - count, count, rng), strict=True):
        builder.org.departments.append(dept)
        _department(builder, dept, size, president)
    builder.org.index()
    return builder.org


def _shares(total: int, parts: int, rng: random.Random) -> list[int]:
    weights = [rng.uniform(0.7, 1.3) for _ in range(parts)]
    sizes = [max(5, math.floor(total * w / sum(weights))) for w in weights]
    for i in range(total - sum(sizes)):
        sizes[i % parts] += 1
    while sum(sizes) > total:
        sizes[sizes.index(max(sizes))] -= 1
    return sizes


def _department(builder: _Builder, dept: Department, size: int, president: str) -> None:
    head = builder.person(dept.id, "department-head", president)
    builder.unit(dept.id, dept.name, COMPANY, head, dept.id, dept.description)
    teams = _team_count(size)
    tree = _tree(teams)
    members = _split(size - teams - _groups(tree), teams)
    names = _Names(dept)
    for child in tree:
        _node(builder, names, child, dept, head, members)


def _team_count(size: int) -> int:
    teams = max(1, round(size / TEAM_SIZE))
    while teams > 1 and size - teams - _groups(_tree(teams)) < 4 * teams:
        teams -= 1
    return teams


def _tree(teams: int) -> list[object]:
    """The teams (ints) gathered into nested lists, at most MAX_CHILDREN at each level."""
    nodes: list[object] = list(range(teams))
    while len(nodes) > MAX_CHILDREN:
        nodes = [list(chunk) for chunk in _chunks(nodes, math.ceil(len(nodes) / 6))]
    return nodes


def _chunks(items: list[object], count: int) -> list[list[object]]:
    sizes = _split(len(items), count)
    starts = [sum(sizes[:i]) for i in range(count)]
    return [items[start : start + size] for start, size in zip(starts, sizes, strict=True)]


def _groups(tree: list[object]) -> int:
    return sum(1 + _groups(child) for child in tree if isinstance(child, list))


def _height(node: object) -> int:
    return 1 + max(_height(c) for c in node) if isinstance(node, list) else 0


def _split(total: int, parts: int) -> list[int]:
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]


def _node(
    builder: _Builder, names: _Names, node: object, dept: Department, manager: str, members: list[int]
) -> None:
    if isinstance(node, list):
        ident, name = names.group(_height(node))
        head = builder.person(ident, "group-manager", manager)
        builder.unit(
            ident, name, builder.parent_of(manager), head, dept.id, f"A group of teams in {dept.name}."
        )
        for child in node:
            _node(builder, names, child, dept, head, members)
        return
    assert isinstance(node, int)
    ident, name = names.team()
    lead = builder.person(ident, "team-lead", manager)
    builder.unit(ident, name, builder.parent_of(manager), lead, dept.id, f"{name} team of {dept.name}.")
    positions, weights = zip(*dept.positions, strict=True)
    for position in builder.rng.choices(positions, weights, k=members[node]):
        builder.person(ident, position, lead)


class _Names:
    """Unit ids and names of one department: teams by its stems, groups by level."""

    def __init__(self, dept: Department) -> None:
        self.dept, self.teams, self.levels = dept, 0, Counter[int]()

    def team(self) -> tuple[str, str]:
        stem, number = (
            self.dept.stems[self.teams % len(self.dept.stems)],
            self.teams // len(self.dept.stems) + 1,
        )
        self.teams += 1
        ident = f"{self.dept.id}-{slug(stem)}" + (f"-{number}" if number > 1 else "")
        return ident, stem if number == 1 else f"{stem} {number}"

    def group(self, height: int) -> tuple[str, str]:
        word = _LEVELS[min(height, len(_LEVELS)) - 1]
        self.levels[height] += 1
        number = self.levels[height]
        return f"{self.dept.id}-{word}-{number}", f"{self.dept.name} {word} {number}"


class _Builder:
    def __init__(self, rng: random.Random) -> None:
        self.rng, self.org, self.taken = rng, Org(), Counter[str]()
        self.unit_of: dict[str, str] = {}

    def person(self, unit: str, position: str, manager: str | None) -> str:
        first, last = self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)
        base = slug(f"{first} {last}")
        self.taken[base] += 1
        ident = base if self.taken[base] == 1 else f"{base}-{self.taken[base]}"
        since = f"{self.rng.randint(2008, 2025)}-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}"
        self.org.people.append(Person(ident, f"{first} {last}", unit, position, manager, since))
        self.unit_of[ident] = unit
        if manager is not None:
            self.org.reports.setdefault(manager, []).append(ident)
        return ident

    def unit(self, ident: str, name: str, parent: str | None, head: str, dept: str | None, text: str) -> None:
        self.org.units.append(Unit(ident, name, parent, head, dept, text))

    def parent_of(self, manager: str) -> str:
        return self.unit_of[manager]


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return "-".join("".join(c if c.isalnum() else " " for c in ascii_text.lower()).split())


def target_ratings(org: Org, rng: random.Random) -> dict[str, int]:
    """The final rating of each person of the half-year classes, within the guideline."""
    rated = [p for p in org.people if p.cls in HALF_CLASSES]
    groups = {p.id: [*_ancestors(org, p.unit), f"class:{p.cls}"] for p in rated}
    size = Counter(g for p in rated for g in groups[p.id])
    fives, highs = Counter[str](), Counter[str]()
    ratings: dict[str, int] = {}
    values, weights = zip(*_RATINGS, strict=True)
    for person in rng.sample(rated, len(rated)):
        rating = rng.choices(values, weights)[0]
        mine = groups[person.id]
        if rating == 5 and any((fives[g] + 1) * 100 > FIVE_CAP * size[g] for g in mine):
            rating = 4
        if rating >= 4 and any((highs[g] + 1) * 100 > HIGH_CAP * size[g] for g in mine):
            rating = 3
        fives.update(mine if rating == 5 else ())
        highs.update(mine if rating >= 4 else ())
        ratings[person.id] = rating
    return ratings


def _ancestors(org: Org, unit: str | None) -> list[str]:
    chain = []
    while unit is not None:
        chain.append(f"unit:{unit}")
        unit = org.unit(unit).parent
    return chain
