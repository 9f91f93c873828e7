"""Unit pages: a unit's goals, its members as sections, its results where the policy allows.

People have no page of their own: a person is a section of their unit's page, found by
search and by the anchor ``units/<unit>.html#<person-id>``, so the site grows with the
number of units, not of people.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from typing import Any

from perfcode.model import Person, Unit, every_cycle
from perfcode.records import SealedCycle
from perfcode.site.aggregates import Distribution, distribution
from perfcode.site.cascade import Cascade
from perfcode.site.data import SiteData
from perfcode.site.diagrams import Diagram, keys_of, unit_diagram
from perfcode.site.goals import GoalView, Ref, goal_views
from perfcode.site.links import Target, unit_page
from perfcode.site.render import Page
from perfcode.site.reviews import ReviewView, review_view


@dataclass(frozen=True)
class CycleGoals:
    cycle: str
    name: str
    score: Decimal | None
    goals: list[GoalView]
    diagram: Diagram | None


@dataclass(frozen=True)
class PersonView:
    id: str
    name: str
    position: str
    cls: str
    manager: Ref | None
    head: bool
    cycles: list[CycleGoals]
    absent: list[str]
    review: ReviewView | None


@dataclass(frozen=True)
class UnitSummary:
    unit: Unit
    target: Target
    head: Ref | None
    members: int
    people: int
    score: Decimal | None


def person_target(data: SiteData, person: str) -> Target | None:
    found = data.repo.people.get(person)
    if found is None or found.unit not in data.repo.units:
        return None
    return Target(unit_page(found.unit), found.id)


def person_ref(data: SiteData, person: str | None) -> Ref | None:
    if person is None:
        return None
    found = data.repo.people.get(person)
    return Ref(found.name if found else person, person_target(data, person))


def subtree_size(data: SiteData, unit: str, seen: frozenset[str] = frozenset()) -> int:
    if unit in seen:
        return 0
    below = sum(subtree_size(data, child.id, seen | {unit}) for child in data.children(unit))
    return len(data.members(unit)) + below


def summary(data: SiteData, cascade: Cascade, unit: Unit, cycle: str | None) -> UnitSummary:
    return UnitSummary(
        unit=unit,
        target=Target(unit_page(unit.id)),
        head=person_ref(data, unit.head),
        members=len(data.members(unit.id)),
        people=subtree_size(data, unit.id),
        score=cascade.owner_score(cycle, unit.id) if cycle else None,
    )


def unit_pages(data: SiteData, cascade: Cascade) -> Iterable[Page]:
    for unit in data.repo.units.values():
        values = partial(_unit, data, cascade, unit)
        yield Page(unit_page(unit.id), unit.name, "unit.html", values, diagrams=True)


def _unit(data: SiteData, cascade: Cascade, unit: Unit) -> dict[str, Any]:
    running = data.running()
    closed = data.latest_closed()
    return {
        "unit": unit,
        "description": str(data.raw(unit.where.path).get("description", "")),
        "crumbs": [Ref(u.name, Target(unit_page(u.id))) for u in data.ancestors(unit.id)],
        "head": person_ref(data, unit.head),
        "children": [
            summary(data, cascade, child, running[0] if running else None) for child in data.children(unit.id)
        ],
        "cycles": [_unit_cycle(data, cascade, unit, cycle) for cycle in running],
        "members": [_person(data, cascade, person, running, closed) for person in data.members(unit.id)],
        "results": _results(data, unit, closed),
        "earlier": _earlier(data, cascade, unit, running),
        "policy": data.policy,
    }


def _unit_cycle(data: SiteData, cascade: Cascade, unit: Unit, cycle: str) -> CycleGoals:
    goals = data.repo.goals_of(cycle, unit.id)
    name = str(data.raw(data.cycle(cycle).where.path).get("name", cycle))
    if goals is None:
        return CycleGoals(cycle, name, None, [], None)
    diagram = unit_diagram(cascade, unit.name, keys_of([goals]))
    return CycleGoals(cycle, name, cascade.owner_score(cycle, unit.id), goal_views(cascade, goals), diagram)


def _person(
    data: SiteData, cascade: Cascade, person: Person, running: list[str], closed: str | None
) -> PersonView:
    cycles, absent = [], []
    for cycle in running:
        goals = data.repo.goals_of(cycle, person.id)
        if goals is None:
            absent.append(cycle)
        elif data.policy.goals:
            name = str(data.raw(data.cycle(cycle).where.path).get("name", cycle))
            views = goal_views(cascade, goals, progress=data.policy.progress)
            cycles.append(CycleGoals(cycle, name, None, views, None))
    position = data.repo.positions.get(person.position)
    classes = data.scheme.classes if data.scheme else {}
    return PersonView(
        id=person.id,
        name=person.name,
        position=position.title if position else person.position,
        cls=classes[person.cls].name if person.cls in classes else person.cls,
        manager=person_ref(data, person.manager),
        head=person.unit in data.repo.units and data.repo.units[person.unit].head == person.id,
        cycles=cycles,
        absent=absent,
        review=review_view(data, person, closed) if closed else None,
    )


def _results(data: SiteData, unit: Unit, closed: str | None) -> Distribution | None:
    if closed is None:
        return None
    return distribution(data, closed, data.unit_results(closed, unit.id))


@dataclass(frozen=True)
class Earlier:
    cycle: str
    name: str
    score: Decimal | None
    goals: list[tuple[str, Decimal | None]]


def _earlier(data: SiteData, cascade: Cascade, unit: Unit, running: list[str]) -> list[Earlier]:
    found = []
    for cycle, item in sorted(every_cycle(data.repo).items(), key=lambda c: c[1].start, reverse=True):
        if cycle in data.repo.sealed:
            found += _recorded(data.repo.sealed[cycle], unit)
            continue
        goals = data.repo.goals_of(cycle, unit.id)
        if cycle in running or goals is None:
            continue
        name = str(data.raw(item.where.path).get("name", cycle))
        views = goal_views(cascade, goals)
        found.append(
            Earlier(cycle, name, cascade.owner_score(cycle, unit.id), [(g.title, g.score) for g in views])
        )
    return found


def _recorded(sealed: SealedCycle, unit: Unit) -> list[Earlier]:
    """A closed cycle's unit score and goal scores, as its record keeps them."""
    scores = next((u for u in sealed.record["scores"]["units"] if u["owner"] == unit.id), None)
    if scores is None:
        return []
    goals = sealed.documents.get(f"goals/{sealed.id}/units/{unit.id}.yaml") or {}
    titles = {g.get("id"): g.get("title", g.get("id")) for g in goals.get("goals", ())}
    name = str(sealed.documents.get(f"goals/{sealed.id}/cycle.yaml", {}).get("name", sealed.id))
    listed = [(str(titles.get(g["id"], g["id"])), _number(g["score"])) for g in scores["goals"]]
    return [Earlier(sealed.id, name, _number(scores["score"]), listed)]


def _number(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)
