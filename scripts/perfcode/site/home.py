"""The home page block and the company goals page.

The home page is ``docs/index.md``, written by hand; the generated block (the company,
its strategy, the current cycle and what is due, company progress) replaces the marker
``<!-- perfcode:home -->`` in it, or opens the page when there is no marker.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from typing import Any

from perfcode.site.aggregates import company_distribution
from perfcode.site.cascade import Cascade
from perfcode.site.data import SiteData
from perfcode.site.diagrams import company_diagram, keys_of
from perfcode.site.goals import GoalView, goal_views
from perfcode.site.links import COMPANY, HOME
from perfcode.site.render import Page
from perfcode.site.status import cycle_status
from perfcode.site.units import CycleGoals

MARKER = "<!-- perfcode:home -->"


@dataclass(frozen=True)
class Counts:
    units: int
    people: int
    goals: int
    check_ins: int


def company_goals(data: SiteData, cascade: Cascade) -> list[CycleGoals]:
    found = []
    for cycle in data.running():
        goals = data.repo.goals_of(cycle, "company")
        if goals is None:
            continue
        name = str(data.raw(data.cycle(cycle).where.path).get("name", cycle))
        diagram = company_diagram(cascade, keys_of([goals]))
        views: list[GoalView] = goal_views(cascade, goals)
        found.append(CycleGoals(cycle, name, cascade.owner_score(cycle, "company"), views, diagram))
    return found


def home_page(data: SiteData, cascade: Cascade) -> Page:
    return Page(HOME, "Home", "home.html", partial(_home, data, cascade))


def company_page(data: SiteData, cascade: Cascade) -> Page:
    return Page(COMPANY, "Company goals", "company.html", partial(_company, data, cascade), diagrams=True)


def _home(data: SiteData, cascade: Cascade) -> dict[str, Any]:
    active = data.active() or data.running()
    running = data.running()
    closed = data.latest_closed()
    return {
        "company": data.company(),
        "themes": list(data.company().get("strategy", {}).get("themes", ())),
        "current": cycle_status(data, running[0]) if running else None,
        "others": [cycle_status(data, c) for c in active if not running or c != running[0]],
        "goals": company_goals(data, cascade),
        "counts": _counts(data, running),
        "coverage": _coverage(data, running),
        "distribution": company_distribution(data, closed) if closed else None,
        "today": data.today,
    }


def _company(data: SiteData, cascade: Cascade) -> dict[str, Any]:
    return {"cycles": company_goals(data, cascade), "today": data.today}


def _counts(data: SiteData, running: list[str]) -> Counts:
    files = [f for f in data.repo.goal_files if f.cycle in running]
    goals = [g for f in files for g in f.goals]
    check_ins = sum(len(kr.check_ins) for g in goals for kr in g.key_results)
    return Counts(len(data.repo.units), len(data.repo.people), len(goals), check_ins)


def _coverage(data: SiteData, running: list[str]) -> dict[str, Decimal | None]:
    """Per level, the share of goal weight that serves something above it, as ``perfcode
    score`` reports it (:mod:`perfcode.scoring.cycle`): a theme, an upward alignment or a
    position indicator; over the running cycles."""
    coverage: dict[str, Decimal | None] = {}
    for level in ("company", "unit", "person"):
        goals = [g for c in running for f in data.goal_files(c, level) for g in f.goals]
        total = sum((g.weight for g in goals), Decimal(0))
        aligned = sum((g.weight for g in goals if g.aligns_to or g.indicator or g.theme), Decimal(0))
        coverage[level] = (aligned / total).quantize(Decimal("0.0001")) if total else None
    return coverage
