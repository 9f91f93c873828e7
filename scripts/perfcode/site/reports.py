"""The promotion groups' reports (``governance/reports/``), as the publication policy allows.

Each group's reports are listed newest first with the tracker's figures they carry, and
its register of problems with their dates and status, the actions taken and the
committee's decisions. The figures of a report are shown only when the department had at
least ``min_group_size`` participants; a problem is shown without its owner and its
notes, and every person's name in the group's and the committee's words is withheld
(:mod:`perfcode.site.names`), so nothing on the page points at one person.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any

from perfcode.duties import next_report, promotion_groups, reports_of
from perfcode.model import Report
from perfcode.site.data import SiteData
from perfcode.site.framework import bodies as framework_bodies
from perfcode.site.links import REPORTS
from perfcode.site.names import Names
from perfcode.site.render import Page
from perfcode.tracking import LABELS


@dataclass(frozen=True)
class Figures:
    shown: bool
    participants: int
    late: list[tuple[str, int]]
    coaching: tuple[int, int] | None


@dataclass(frozen=True)
class ReportView:
    date: str
    figures: Figures | None
    progress: str


@dataclass(frozen=True)
class ProblemView:
    id: str
    title: str
    description: str
    found: str
    due: str
    status: str
    resolved: str
    past_due: bool
    actions: list[str]
    decisions: list[tuple[str, str]]


@dataclass(frozen=True)
class CycleView:
    cycle: str
    reports: list[ReportView]
    problems: list[ProblemView]


@dataclass(frozen=True)
class GroupView:
    id: str
    name: str
    cadence: str
    to: str
    next_due: str
    overdue: bool
    cycles: list[CycleView]


def reports_page(data: SiteData) -> Page:
    return Page(REPORTS, "Promotion-group reports", "reports.html", partial(_reports, data))


def _reports(data: SiteData) -> dict[str, Any]:
    names = Names(data.repo.people.values())
    bodies = {b.id: b.name for b in framework_bodies(data)}
    groups = [_group(data, names, group, bodies) for group in promotion_groups(data.repo)]
    return {"groups": groups, "threshold": data.policy.min_group_size, "today": data.today}


def _group(data: SiteData, names: Names, group: Mapping[str, Any], bodies: Mapping[str, str]) -> GroupView:
    reporting = group.get("reporting") or {}
    upcoming = next_report(data.repo, group)
    due = upcoming[0] if upcoming else ""
    cycles = [_cycle(data, names, report) for report in reversed(reports_of(data.repo, group["id"]))]
    return GroupView(
        group["id"],
        group["name"],
        str(reporting.get("cadence", "")),
        bodies.get(str(reporting.get("to", "")), str(reporting.get("to", ""))),
        due,
        bool(due) and due < data.today,
        cycles,
    )


def _cycle(data: SiteData, names: Names, report: Report) -> CycleView:
    raw = data.raw(report.where.path) or {}
    reports = [_report(data, names, entry) for entry in reversed(raw.get("reports", ()))]
    problems = [_problem(data, names, entry) for entry in raw.get("problems", ())]
    return CycleView(report.cycle, reports, problems)


def _report(data: SiteData, names: Names, entry: Mapping[str, Any]) -> ReportView:
    raw = entry.get("figures")
    figures = None
    if raw is not None:
        size = int(raw["participants"])
        shown = data.policy.large_enough(size)
        late = [(LABELS.get(s["step"], s["step"]), int(s["people"])) for s in raw.get("late", ())]
        coaching = raw.get("coaching")
        pair = (int(coaching["held"]), int(coaching["due"])) if coaching else None
        figures = Figures(shown, size, late if shown else [], pair if shown else None)
    return ReportView(entry["date"], figures, names.withhold(str(entry.get("progress", ""))))


def _problem(data: SiteData, names: Names, entry: Mapping[str, Any]) -> ProblemView:
    """A problem as published: no owner, no notes, no names."""
    status = str(entry["status"])
    return ProblemView(
        entry["id"],
        names.withhold(str(entry["title"])),
        names.withhold(str(entry.get("description", ""))),
        entry["found"],
        entry["due"],
        status,
        str(entry.get("resolved", "")),
        status == "open" and entry["due"] < data.today,
        [names.withhold(str(a)) for a in entry.get("actions", ())],
        [(d["date"], names.withhold(str(d["decision"]))) for d in entry.get("decisions", ())],
    )
