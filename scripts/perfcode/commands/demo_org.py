"""``perfcode demo-org``: a generated, valid demo company of any size."""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

from perfcode.demo.org import MIN_PEOPLE
from perfcode.demo_org import FIRST_DAY, LAST_DAY, check_destination, generate, template_root, write

HELP = "generate a valid demo company of N people, e.g. to try perfcode at scale"
DESCRIPTION = """\
Generate a realistic company of N people into DIR (new or an empty folder): units on
several levels (teams of about eight under groups and departments), all four employee
classes, the framework, governance, positions, company, unit and personal goals with key
results of every curve kind and check-ins, the annual cycle 2026 enclosing 2026-H1 (closed:
complete reviews, calibrations, feedback, appeals and plans, ratings within the
distribution guideline) and 2026-H2 (coaching, check-ins up to --today). DIR also gets the
template's schemas/, mkdocs.yml and docs/, and nothing else (no git repository).

The same N, --seed and --today give the same files, byte for byte. The result passes
`perfcode --root DIR check --today TODAY` with no findings. benchmarks/run.py uses it to
measure perfcode on companies of 1,000 to 100,000 people.
"""


def _people(value: str) -> int:
    try:
        count = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a whole number") from None
    if count < MIN_PEOPLE:
        raise argparse.ArgumentTypeError(f"a demo company has at least {MIN_PEOPLE} people")
    return count


def _day(value: str) -> str:
    try:
        day = datetime.date.fromisoformat(value).isoformat()
    except ValueError:
        day = ""
    if not FIRST_DAY <= day <= LAST_DAY:
        raise argparse.ArgumentTypeError(
            f"'{value}' is not a day from {FIRST_DAY} to {LAST_DAY} (2026-H1 closed, 2026-H2 in coaching)"
        )
    return day


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dir", metavar="DIR", help="the folder to create (new or empty)")
    parser.add_argument(
        "--people", type=_people, required=True, metavar="N", help=f"how many people (at least {MIN_PEOPLE})"
    )
    parser.add_argument("--seed", type=int, default=1, metavar="S", help="the random seed (default: 1)")
    parser.add_argument(
        "--today",
        type=_day,
        default="2026-11-24",
        metavar="YYYY-MM-DD",
        help=f"no check-in after this day; from {FIRST_DAY} to {LAST_DAY} (default: 2026-11-24)",
    )


def run(args: argparse.Namespace) -> int:
    dest = Path(args.dir).resolve()
    check_destination(dest)
    count = write(generate(args.people, args.seed, args.today), dest, template_root())
    sys.stdout.write(
        f"created {dest}: {args.people:,} people, {count:,} data files (seed {args.seed})\n"
        f"check it: perfcode --root {dest} check --today {args.today}\n"
    )
    return 0
