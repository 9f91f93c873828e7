"""``perfcode score``: scores, ratings and results use of a cycle."""

from __future__ import annotations

import argparse
import sys

from perfcode import records
from perfcode.check import run_check
from perfcode.commands.common import known_person, repo_root, today_arg
from perfcode.errors import UsageError
from perfcode.model import Repository
from perfcode.records import SealedCycle
from perfcode.report import line_of
from perfcode.scoring.cycle import score_cycle
from perfcode.scoring.explain import explain
from perfcode.scoring.output import FORMATS, csv_text, json_text, text_of
from perfcode.scoring.whatif import unsealed

HELP = "compute scores, ratings and results use for a cycle"
DESCRIPTION = """\
Score every participant of a cycle from the framework's curves and weights: key results
-> goals -> components (goals, competencies, 360) -> final score -> computed rating ->
calibrated or appealed final rating -> results use (bonus multiplier, merit band,
promotion eligibility, improvement plan, development needs). Also unit and company
scores, alignment coverage and progress to date. Key results without an actual are
projected from their latest check-in and labelled so. The repository must pass
`perfcode check` first (warnings allowed).
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--cycle", metavar="ID", help="the cycle (default: the innermost cycle containing today)"
    )
    parser.add_argument(
        "--format", choices=sorted(FORMATS), default="text", help="output format (default: text)"
    )
    parser.add_argument(
        "--explain", metavar="PERSON", help="print the whole derivation of one person's result"
    )
    parser.add_argument(
        "--what-if",
        action="store_true",
        help="score a closed cycle again under today's framework (its record is read, never changed)",
    )
    parser.add_argument(
        "--today",
        type=today_arg,
        default=None,
        metavar="YYYY-MM-DD",
        help="the date projections and progress use (default: $PERFCODE_TODAY, else the system date)",
    )


def run(args: argparse.Namespace) -> int:
    root = repo_root(args.root)
    today = args.today or today_arg(None)
    checked = run_check(root, today)
    errors = [f for f in checked.findings if f.severity == "error"]
    if errors:
        sys.stderr.write("".join(line_of(f) + "\n" for f in errors))
        sys.stderr.write(f"perfcode score: {len(errors)} error(s) must be fixed first (see perfcode check)\n")
        return 1
    repo = checked.repo
    cycle = args.cycle or default_cycle(repo, today)
    if cycle not in repo.cycles and cycle not in repo.sealed:
        known = sorted({*repo.cycles, *repo.sealed})
        raise UsageError(f"unknown cycle '{cycle}'; cycles: {', '.join(known) or 'none'}")
    if args.what_if and cycle not in repo.sealed:
        raise UsageError(f"--what-if scores a closed cycle again; {cycle} is not closed")
    if cycle in repo.sealed and not args.what_if:
        return _from_record(repo.sealed[cycle], args)
    if cycle in repo.sealed:
        repo = unsealed(repo, cycle)
    result = score_cycle(repo, cycle, today)
    if args.explain:
        known_person(repo, args.explain)
        person = next((p for p in result.people if p.person.id == args.explain), None)
        if person is None:
            raise UsageError(f"'{args.explain}' does not take part in cycle {cycle}")
        sys.stdout.write(explain(result, person))
        return 0
    sys.stdout.write(FORMATS[args.format](result))
    return 0


def _from_record(sealed: SealedCycle, args: argparse.Namespace) -> int:
    """A closed cycle's scores as its record holds them, in the format asked for."""
    if args.explain:
        raise UsageError(
            f"{sealed.id} is closed: its record holds the results; "
            "add --what-if to see the derivation under today's framework"
        )
    scores = records.payload(sealed)
    writers = {
        "json": lambda: json_text(scores),
        "csv": lambda: csv_text(scores, records.emails(sealed)),
        "text": lambda: text_of(records.heading(sealed), scores),
    }
    sys.stdout.write(writers[args.format]())
    return 0


def default_cycle(repo: Repository, today: str) -> str:
    """The innermost cycle whose period holds today; else the one that started last."""
    if not repo.cycles:
        raise UsageError("there is no cycle yet (goals/<cycle>/cycle.yaml)")
    current = [c for c in repo.cycles.values() if c.start <= today <= c.end]
    if current:
        return (
            min(current, key=lambda c: (c.end, c.id)).id
            if len(current) == 1
            else max(current, key=lambda c: c.start).id
        )
    return max(repo.cycles.values(), key=lambda c: (c.start, c.id)).id
