"""``perfcode report draft GROUP``: today's report of a promotion group, figures filled in."""

from __future__ import annotations

import argparse
import sys

from perfcode.commands.common import repo_root, today_arg, writes
from perfcode.commands.subcommands import show_findings, today_option
from perfcode.errors import UsageError
from perfcode.model import Repository
from perfcode.process.guard import check_pending, write_checked
from perfcode.process.reporting import figures, report_path, with_draft
from perfcode.tracking import promotion_group_of

HELP = "add today's report to a promotion group's report file, with the tracker's figures"
DESCRIPTION = """\
Add a report dated today to governance/reports/<cycle>/GROUP.yaml (of --cycle, or of the
shortest open cycle holding today in which the group's department takes part), creating
the file when there is none: its figures are those of `perfcode cycle status` for the
group's department (participants, people late per step, coaching conversations held and
due). Run it again the same day to refresh the figures. The group then writes `progress`
and keeps its problems (owner, due, status: open or resolved); the committee records its
decisions on them. The file is checked like `perfcode check` does before it is written.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("group", metavar="GROUP", help="the promotion group's id")
    parser.add_argument("--cycle", metavar="ID", help="the cycle reported on (default: the current one)")
    today_option(parser, "of the report")


@writes
def run(args: argparse.Namespace) -> int:
    root = repo_root(args.root)
    today = args.today or today_arg(None)
    before = check_pending(root, today, {})
    repo = before.repo
    groups = [str(g["id"]) for g in (repo.governance or {}).get("promotion_groups", ())]
    if args.group not in groups:
        raise UsageError(f"unknown promotion group '{args.group}'; groups: {', '.join(groups) or 'none'}")
    cycle = args.cycle or _current(repo, args.group, today)
    if cycle not in repo.cycles:
        raise UsageError(
            f"cycle '{cycle}' is not open; open cycles: {', '.join(sorted(repo.cycles)) or 'none'}"
        )
    path = report_path(cycle, args.group)
    existing = (root / path).read_text(encoding="utf-8") if (root / path).exists() else None
    text = with_draft(existing, args.group, cycle, today, figures(repo, cycle, args.group, today))
    outcome = write_checked(root, today, {path: text}, before=before)
    show_findings(outcome.added)
    if outcome.errors:
        sys.stderr.write(f"perfcode report draft: {path} is {'unchanged' if existing else 'not created'}\n")
        return 1
    sys.stdout.write(f"{path}: report of {today} drafted\n")
    return 0


def _current(repo: Repository, group: str, today: str) -> str:
    """The shortest open cycle holding today in which the group's department takes part."""
    from perfcode.rules.cycles import participants

    found = [
        c
        for c in repo.cycles.values()
        if c.status == "open"
        and c.start <= today <= c.end
        and any(promotion_group_of(repo, p.unit) == group for p in participants(repo, c))
    ]
    if not found:
        raise UsageError(f"the department of '{group}' takes part in no open cycle on {today}: give --cycle")
    return min(found, key=lambda c: (c.end, c.id)).id
