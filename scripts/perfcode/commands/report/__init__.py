"""``perfcode report draft GROUP``: a promotion group's reports."""

from __future__ import annotations

import argparse

from perfcode.commands.report import draft
from perfcode.commands.subcommands import add_nested, run_nested

HELP = "draft a promotion group's report with the tracker's figures"
DESCRIPTION = """\
A promotion group reports regularly to the performance committee and the HR support
group (its reporting cadence in org/governance.yaml): `perfcode report draft GROUP`
adds today's report to governance/reports/<cycle>/GROUP.yaml with the figures of the
group's department, and the group writes the rest.
"""
SUBCOMMANDS = {"draft": draft}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_nested(parser, SUBCOMMANDS, "report_command")


def run(args: argparse.Namespace) -> int:
    return run_nested(args, SUBCOMMANDS, "report_command")
