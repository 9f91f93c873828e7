"""``perfcode cycle open ID``: the cycle file, goal scaffolds and, later, review scaffolds."""

from __future__ import annotations

import argparse
import sys

from perfcode.commands.common import repo_root, today_arg, writes
from perfcode.commands.subcommands import show_findings, today_option
from perfcode.process.guard import check_pending, write_checked
from perfcode.process.opening import Request, plan_opening

HELP = "open a cycle: its file, a goal scaffold per participant, review scaffolds"
DESCRIPTION = """\
Write goals/ID/cycle.yaml with the period the id names (2026, 2026-H1, 2026-Q3) or
--start/--end, and phase dates from the framework's calendar; the classes assessed at
that frequency take part. Then write goals/ID/people/<person>.yaml for every participant:
their position's standard indicators as goals (aligned through indicator:) and, when
their plan from the previous cycle (--from, by default the last cycle of the same
length) has open items, a neutral "Development goal" for the person and their manager to
word: a plan is confidential, so nothing of it (its kind, its items) reaches a goal.
Once the evaluation phase has started, also write reviews/ID/<person>.yaml with draft
assessments. Files that exist are never touched: run it again to add what is missing.
Prints what it created.
"""

SCAFFOLD_GAPS = ("PC2", "PC504")
"""What a scaffold leaves for people to fill in: targets, weights, alignment, perspectives."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("cycle", metavar="ID", help="the cycle id, such as 2026-H1")
    parser.add_argument(
        "--from",
        dest="previous",
        metavar="PREVIOUS",
        help="the cycle whose plans hand over a development goal",
    )
    parser.add_argument("--start", type=today_arg, metavar="YYYY-MM-DD", help="first day of the period")
    parser.add_argument("--end", type=today_arg, metavar="YYYY-MM-DD", help="last day of the period")
    today_option(parser, "that decides whether evaluation has opened")


@writes
def run(args: argparse.Namespace) -> int:
    root = repo_root(args.root)
    today = args.today or today_arg(None)
    before = check_pending(root, today, {})
    broken = [f for f in before.findings if f.severity == "error" and f.path.startswith("org/")]
    if broken:
        show_findings(broken)
        sys.stderr.write("perfcode cycle open: fix org/ first (see perfcode check)\n")
        return 1
    request = Request(args.cycle, today, args.start, args.end, args.previous)
    opening = plan_opening(root, before.repo, request)
    outcome = write_checked(root, today, opening.pending, SCAFFOLD_GAPS, before=before)
    if outcome.errors:
        show_findings(outcome.errors)
        sys.stderr.write("perfcode cycle open: nothing was written\n")
        return 1
    for path in sorted(opening.pending):
        sys.stdout.write(f"created {path}\n")
    if not opening.pending:
        sys.stdout.write(f"nothing to create: every file of {opening.cycle.id} exists\n")
    gaps = [f for f in outcome.added if f.code.startswith(SCAFFOLD_GAPS)]
    if gaps:
        sys.stdout.write(
            f"note: the scaffolds leave {len(gaps)} thing(s) to fill in before planning ends "
            f"on {opening.cycle.phases['planning'][1]} (targets, weights, alignment): see perfcode check\n"
        )
    for note in opening.notes:
        sys.stdout.write(f"note: {note}\n")
    return 0
