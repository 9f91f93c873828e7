"""Duties: what the governance bodies owe all year, whatever the cycle.

A *duty* is something a body still owes, with the day it is due:

- ``report``: a promotion group reports to the committee and the HR support group at its
  ``reporting.cadence`` (org/governance.yaml); the next report is due one cadence after
  the last one in ``governance/reports/<cycle>/<group>.yaml`` (after the start of the
  earliest open cycle when it has reported nothing yet);
- ``problem``: a problem a group's report lists as ``open`` is due by its ``due`` day.

A duty is *late* once its due day has passed. Governance records go on after a cycle
closes, so an open problem in a closed cycle's report still counts. Everything here is a
pure function of the model and the day, shared by ``perfcode cycle status``, ``perfcode
report draft`` and the site.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from perfcode.model import Report, Repository
from perfcode.rules.common import add_days

LABELS = {"report": "report", "problem": "open problem"}
MONTHS = {"monthly": 1, "quarterly": 3, "semiannual": 6, "annual": 12}
"""How many months a cadence spans; ``weekly`` is seven days."""


@dataclass(frozen=True)
class Duty:
    """One thing a governance body still owes."""

    body: str
    kind: str
    detail: str
    due: str
    path: str

    def late(self, today: str) -> bool:
        return self.due < today

    @property
    def text(self) -> str:
        return f"{LABELS[self.kind]} {self.detail}" if self.detail else LABELS[self.kind]


def after(day: str, cadence: str) -> str:
    """The day one ``cadence`` after ``day`` (a month after 31 January is 28 or 29 February)."""
    if cadence not in MONTHS:
        return add_days(day, 7)
    start = date.fromisoformat(day)
    months = start.month - 1 + MONTHS[cadence]
    year, month = start.year + months // 12, months % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1])).isoformat()


def duties(repo: Repository, today: str) -> tuple[Duty, ...]:
    """Every duty of the governance bodies on ``today``, in the order of the groups."""
    return tuple(d for group in promotion_groups(repo) for d in _group_duties(repo, group, today))


def promotion_groups(repo: Repository) -> list[Mapping[str, Any]]:
    return list((repo.governance or {}).get("promotion_groups", ()))


def reports_of(repo: Repository, group: str) -> list[Report]:
    """The group's report files, by the start of their cycle."""
    found = [r for r in repo.reports if r.group == group]
    starts = {c.id: c.start for c in repo.cycles.values()}
    return sorted(found, key=lambda r: (starts.get(r.cycle, r.cycle), r.cycle))


def next_report(repo: Repository, group: Mapping[str, Any]) -> tuple[str, str] | None:
    """(due day, path) of the group's next report; None without a reporting cadence or a cycle."""
    reporting = group.get("reporting")
    if not reporting:
        return None
    files = reports_of(repo, str(group["id"]))
    dated = [(day, report.where.path) for report in files for day in report.dates]
    if dated:
        last, path = max(dated)
        return after(last, str(reporting["cadence"])), path
    open_cycles = sorted((c.start, c.id) for c in repo.cycles.values() if c.status == "open")
    if not open_cycles:
        return None
    start, cycle = open_cycles[0]
    return after(start, str(reporting["cadence"])), f"governance/reports/{cycle}/{group['id']}.yaml"


def _group_duties(repo: Repository, group: Mapping[str, Any], today: str) -> Iterator[Duty]:
    ident = str(group["id"])
    upcoming = next_report(repo, group)
    if upcoming is not None:
        due, path = upcoming
        yield Duty(ident, "report", f"({group['reporting']['cadence']})", due, path)
    for report in reports_of(repo, ident):
        for problem in report.problems:
            if problem.status == "open":
                yield Duty(ident, "problem", f"'{problem.id}'", problem.due, report.where.path)
