"""The strategy map: Mermaid diagrams per level, and the goal tree.

The *goal tree* nests every shown goal under what it serves: strategy themes, then
company goals, unit goals and personal goals. It is plain HTML with ``<details>``, closed
below the first levels, so a browser opens it at once even with thousands of goals; it
is left out of the search index, where each goal is found on its owner's page instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial
from typing import Any

from perfcode.site.cascade import Cascade, Key
from perfcode.site.data import SiteData
from perfcode.site.diagrams import Diagram, company_diagram, keys_of, level_diagram
from perfcode.site.links import STRATEGY, TREE, Target
from perfcode.site.render import Page
from perfcode.site.text import bar


@dataclass
class Node:
    label: str
    owner: str
    target: Target | None
    score: Decimal | None
    bar: str
    level: str
    children: list[Node] = field(default_factory=list)
    total: int = 0


@dataclass(frozen=True)
class CycleMap:
    cycle: str
    name: str
    diagrams: list[Diagram]


def strategy_page(data: SiteData, cascade: Cascade) -> Page:
    return Page(STRATEGY, "Strategy map", "strategy.html", partial(_maps, data, cascade), diagrams=True)


def _maps(data: SiteData, cascade: Cascade) -> dict[str, Any]:
    # Outermost cycle first: a year's themes and company goals, then the half's unit goals.
    return {"maps": [_cycle_map(data, cascade, cycle) for cycle in reversed(data.running())]}


def _cycle_map(data: SiteData, cascade: Cascade, cycle: str) -> CycleMap:
    company = keys_of(data.goal_files(cycle, "company"))
    diagrams = [company_diagram(cascade, company)] if company else []
    for depth, units in enumerate(_levels(data)):
        groups = []
        for unit in units:
            goals = data.repo.goals_of(cycle, unit)
            if goals is not None and goals.goals:
                groups.append((data.repo.units[unit].name, keys_of([goals])))
        if groups:
            diagrams.append(level_diagram(cascade, f"Unit goals, level {depth + 1}", groups))
    name = str(data.raw(data.cycle(cycle).where.path).get("name", cycle))
    return CycleMap(cycle, name, diagrams)


def _levels(data: SiteData) -> list[list[str]]:
    """Unit ids by depth in the unit tree: the root units first."""
    levels: list[list[str]] = []
    current = [u.id for u in data.children(None)]
    seen: set[str] = set()
    while current:
        levels.append(current)
        seen.update(current)
        current = [c.id for u in current for c in data.children(u) if c.id not in seen]
    return levels


def tree_page(data: SiteData, cascade: Cascade) -> Page:
    return Page(TREE, "Goal tree", "tree.html", partial(_tree, data, cascade), search=False)


def _tree(data: SiteData, cascade: Cascade) -> dict[str, Any]:
    running = data.running()
    roots = _theme_roots(data, cascade, running)
    loose = _loose(data, cascade, running)
    return {"roots": roots, "loose": loose, "multiple": len(running) > 1}


def _theme_roots(data: SiteData, cascade: Cascade, running: list[str]) -> list[Node]:
    company = keys_of(f for c in running for f in data.goal_files(c, "company"))
    roots = []
    for theme in data.company().get("strategy", {}).get("themes", ()):
        node = Node(str(theme["title"]), "Theme", Target(STRATEGY), None, "0", "theme")
        node.children = [
            _node(cascade, key, set(running), set())
            for key in company
            if cascade.goal(key).theme == theme["id"]
        ]
        node.total = sum(1 + c.total for c in node.children)
        roots.append(node)
    return roots


def _loose(data: SiteData, cascade: Cascade, running: list[str]) -> list[Node]:
    """Shown goals that serve no shown goal and no theme: local goals and broken links."""
    shown = set(running)
    found = []
    for goals in data.repo.goal_files:
        if goals.cycle not in shown or (goals.level == "person" and data.gone(goals.owner)):
            continue
        for key in keys_of([goals]):
            parents = [p for p in cascade.parents.get(key, []) if p[0] in shown]
            if not parents and not cascade.goal(key).theme and cascade.public(key):
                found.append(_node(cascade, key, shown, set()))
    return found


def _node(cascade: Cascade, key: Key, shown: set[str], path: set[Key]) -> Node:
    goals = cascade.file(key)
    value = cascade.progress(key)
    node = Node(
        cascade.goal(key).title,
        cascade.owner_name(goals),
        cascade.target(key),
        value,
        bar(value),
        goals.level,
    )
    below = [c for c in cascade.children.get(key, []) if c[0] in shown and c not in path]
    node.children = list(_children(cascade, below, shown, path | {key}))
    node.total = sum(1 + c.total for c in node.children)
    return node


def _children(cascade: Cascade, keys: Iterable[Key], shown: set[str], path: set[Key]) -> Iterable[Node]:
    for key in dict.fromkeys(keys):
        yield _node(cascade, key, shown, path)
