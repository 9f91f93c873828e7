"""``perfcode check``: schemas and cross-file rules over the whole repository."""

from __future__ import annotations

import argparse
import sys

from perfcode.check import run_check
from perfcode.commands.common import code_list, repo_root, today_arg
from perfcode.report import REPORTERS

HELP = "validate every file against its schema and run the cross-file rules"
DESCRIPTION = """\
Validate every YAML file under org/, goals/ and reviews/ against its JSON Schema, then
run the cross-file rules (references, cascade, weights, phases, reviews). Prints one line
per finding: path:line:column: CODE message; hint. Exit status: 0 clean, 1 findings,
2 usage or configuration error. `perfcode rules` lists every code.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=sorted(REPORTERS),
        default="text",
        help="output format (default: text; github for workflow annotations)",
    )
    parser.add_argument(
        "--select",
        type=code_list,
        default=[],
        metavar="CODES",
        help="only these comma-separated codes or prefixes, e.g. PC2,PC301",
    )
    parser.add_argument(
        "--ignore",
        type=code_list,
        default=[],
        metavar="CODES",
        help="leave out these comma-separated codes or prefixes",
    )
    parser.add_argument(
        "--today",
        type=today_arg,
        default=None,
        metavar="YYYY-MM-DD",
        help="the date rules compare against (default: the system date)",
    )


def run(args: argparse.Namespace) -> int:
    root = repo_root(args.root)
    today = args.today or today_arg(None)
    result = run_check(root, today, args.select, args.ignore)
    sys.stdout.write(REPORTERS[args.format](result.findings, result.files))
    return 1 if result.findings else 0
