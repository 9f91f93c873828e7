"""Governance record rules (PC9xx): the records that go on after a cycle closes.

``governance/`` holds the promotion groups' reports (``reports/<cycle>/<group>.yaml``).
They are data like the rest: schema-checked, covered by the same loading rules, routed by
CODEOWNERS and judged by the pull-request policy. Unlike a cycle's goals and reviews they
are not sealed with the cycle: an open problem is followed up after the close.
"""

from __future__ import annotations

from collections.abc import Iterator

from perfcode.findings import Finding
from perfcode.model import Report, every_cycle
from perfcode.rules import Context, rule
from perfcode.rules.common import finding


@rule(
    "PC911",
    "report-register",
    "A promotion group's report is dated in the future or out of order, or its problem register contradicts itself.",
    """
    A report file lists the group's reports oldest first, one per day, none after today,
    in the folder of a cycle that exists. Each problem has its own id; it is found before
    it is due; a resolved problem says when (`resolved`, not before it was found) and an
    open one does not.
    """,
)
def report_register(ctx: Context) -> Iterator[Finding]:
    cycles = every_cycle(ctx.repo)
    for report in ctx.repo.reports:
        folder = report.where.path.split("/")[2]
        if folder not in cycles:
            yield finding(
                report.where / "cycle",
                "PC911",
                f"there is no cycle '{folder}' to report on",
                f"cycles: {', '.join(sorted(cycles)) or 'none'}",
            )
        yield from _dates(ctx, report)
        yield from _problems(report)


def _dates(ctx: Context, report: Report) -> Iterator[Finding]:
    previous = ""
    for i, day in enumerate(report.dates):
        where = report.where / ("reports", i, "date")
        if day > ctx.today:
            yield finding(where, "PC911", f"report of {day} is in the future", "date it the day it is given")
        elif day <= previous:
            yield finding(
                where,
                "PC911",
                f"report of {day} follows the report of {previous}",
                "list the reports oldest first, one per day",
            )
        previous = max(previous, day)


def _problems(report: Report) -> Iterator[Finding]:
    seen: set[str] = set()
    for problem in report.problems:
        where = problem.where
        if problem.id in seen:
            yield finding(
                where / "id", "PC911", f"a second problem '{problem.id}'", "give each problem its own id"
            )
        seen.add(problem.id)
        if problem.due < problem.found:
            yield finding(
                where / "due",
                "PC911",
                f"problem '{problem.id}' is due on {problem.due}, before it was found on {problem.found}",
                "correct the dates",
            )
        if problem.status == "resolved" and problem.resolved is None:
            yield finding(
                where / "status",
                "PC911",
                f"problem '{problem.id}' is resolved, but not when",
                'add resolved: "YYYY-MM-DD"',
            )
        elif problem.status == "open" and problem.resolved is not None:
            yield finding(
                where / "resolved",
                "PC911",
                f"problem '{problem.id}' is open and says it was resolved on {problem.resolved}",
                "set status: resolved, or remove resolved",
            )
        elif problem.resolved is not None and problem.resolved < problem.found:
            yield finding(
                where / "resolved",
                "PC911",
                f"problem '{problem.id}' was resolved on {problem.resolved}, before it was found on {problem.found}",
                "correct the dates",
            )
