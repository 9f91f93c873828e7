"""``perfcode export results``: hand the repository's results to other systems."""

from __future__ import annotations

import argparse

from perfcode.commands import export_results
from perfcode.commands.subcommands import add_nested, run_nested

HELP = "export a cycle's final ratings and results use as CSV"
DESCRIPTION = "Hand results to other systems: `perfcode export results --cycle C` (CSV for payroll or HRIS)."
SUBCOMMANDS = {"results": export_results}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_nested(parser, SUBCOMMANDS, "export_command")


def run(args: argparse.Namespace) -> int:
    return run_nested(args, SUBCOMMANDS, "export_command")
