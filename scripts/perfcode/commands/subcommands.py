"""Helpers of the commands that group subcommands (``cycle open``, ``new goal`` ...) and
of the commands that write files."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Mapping
from types import ModuleType

from perfcode.commands.common import today_arg
from perfcode.findings import Finding
from perfcode.report import line_of


def add_nested(
    parser: argparse.ArgumentParser, table: Mapping[str, ModuleType], dest: str, metavar: str = "SUBCOMMAND"
) -> None:
    """One subparser per module of ``table``, each with its own help and ``--root``."""
    subparsers = parser.add_subparsers(dest=dest, metavar=metavar, required=True)
    for name, module in table.items():
        sub = subparsers.add_parser(
            name,
            help=module.HELP,
            description=module.DESCRIPTION,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        sub.add_argument(
            "--root",
            default=argparse.SUPPRESS,
            metavar="DIR",
            help="the repository root (default: the current folder or the nearest one above it with schemas/)",
        )
        module.add_arguments(sub)


def run_nested(args: argparse.Namespace, table: Mapping[str, ModuleType], dest: str) -> int:
    return int(table[getattr(args, dest)].run(args))


def show_findings(findings: Iterable[Finding]) -> None:
    """Findings in the text format, on standard error."""
    for finding in findings:
        suffix = " [warning]" if finding.severity == "warning" else ""
        sys.stderr.write(f"{line_of(finding)}{suffix}\n")


def today_option(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "--today",
        type=today_arg,
        default=None,
        metavar="YYYY-MM-DD",
        help=f"the date {what} (default: $PERFCODE_TODAY, else the system date)",
    )
