"""Every generated page of the site, made from the site data."""

from __future__ import annotations

from functools import partial
from typing import Any

from perfcode.site.cascade import Cascade
from perfcode.site.data import SiteData
from perfcode.site.framework import framework_pages
from perfcode.site.history import changes_page
from perfcode.site.home import company_page, home_page
from perfcode.site.links import UNITS, Target
from perfcode.site.process import process_page
from perfcode.site.reference import data_page, rules_page
from perfcode.site.render import Page
from perfcode.site.reports import reports_page
from perfcode.site.strategy import strategy_page, tree_page
from perfcode.site.units import summary, unit_pages


def all_pages(data: SiteData) -> list[Page]:
    """The home block first, then every page in the order of the navigation."""
    cascade = Cascade(data, data.running())
    return [
        home_page(data, cascade),
        company_page(data, cascade),
        strategy_page(data, cascade),
        tree_page(data, cascade),
        units_page(data, cascade),
        *unit_pages(data, cascade),
        process_page(data),
        reports_page(data),
        *framework_pages(data),
        rules_page(),
        data_page(data.root),
        changes_page(data),
    ]


def units_page(data: SiteData, cascade: Cascade) -> Page:
    """Every unit as a tree, with its head, its size and its score in the current cycle."""
    return Page(UNITS, "Units", "units.html", partial(_units, data, cascade))


def _units(data: SiteData, cascade: Cascade) -> dict[str, Any]:
    running = data.running()
    cycle = running[0] if running else None
    rows = []
    seen: set[str] = set()

    def walk(parent: str | None, depth: int) -> None:
        for unit in data.children(parent):
            if unit.id not in seen:
                seen.add(unit.id)
                rows.append((depth, summary(data, cascade, unit, cycle)))
                walk(unit.id, depth + 1)

    walk(None, 0)
    return {"rows": rows, "cycle": cycle, "home": Target(UNITS)}
