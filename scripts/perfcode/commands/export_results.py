"""``perfcode export results --cycle C``: final ratings and results use as CSV."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from perfcode import records
from perfcode.check import run_check
from perfcode.commands.common import repo_root, today_arg
from perfcode.commands.subcommands import show_findings, today_option
from perfcode.edit import atomic_write
from perfcode.errors import UsageError
from perfcode.scoring.cycle import score_cycle
from perfcode.scoring.output import as_csv, csv_text

HELP = "write a cycle's final ratings and results use as CSV"
DESCRIPTION = """\
One row per participant of the cycle: scores, computed and final rating, where the
rating comes from, bonus multiplier, merit band, promotion eligibility, improvement plan
and development needs (the columns of `perfcode score --format csv`), for payroll or the
HRIS. Text that a spreadsheet would run as a formula is neutralised. The repository must
pass `perfcode check` (warnings allowed). A closed cycle is exported from its record, so
its export never changes after the close (an appeal decided later is the one amendment);
a cycle that is not closed yet is exported with a warning, since its ratings are not final.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--cycle", required=True, metavar="ID", help="the cycle")
    parser.add_argument("--output", metavar="FILE", help="write the CSV to FILE (default: standard output)")
    today_option(parser, "projections use")


def run(args: argparse.Namespace) -> int:
    root = repo_root(args.root)
    today = args.today or today_arg(None)
    checked = run_check(root, today)
    errors = [f for f in checked.findings if f.severity == "error"]
    if errors:
        show_findings(errors)
        sys.stderr.write(f"perfcode export results: {len(errors)} error(s) must be fixed first\n")
        return 1
    repo = checked.repo
    sealed = repo.sealed.get(args.cycle)
    cycle = repo.cycles.get(args.cycle)
    if sealed is not None:
        text = csv_text(records.payload(sealed), records.emails(sealed))
    elif cycle is None or repo.framework is None:
        known = sorted({*repo.cycles, *repo.sealed})
        raise UsageError(f"unknown cycle '{args.cycle}'; cycles: {', '.join(known) or 'none'}")
    else:
        sys.stderr.write(
            f"perfcode export results: warning: {cycle.id} is not closed; its ratings are not final\n"
        )
        text = as_csv(score_cycle(repo, cycle.id, today))
    if args.output:
        atomic_write(Path(args.output), text)
    else:
        sys.stdout.write(text)
    return 0
