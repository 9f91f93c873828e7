"""``perfcode cycle open|status|close``: run the process cycle."""

from __future__ import annotations

import argparse

from perfcode.commands import cycle_amend, cycle_close, cycle_open, cycle_status
from perfcode.commands.subcommands import add_nested, run_nested

HELP = "open a cycle, track who is late, close it"
DESCRIPTION = """\
Run a performance cycle: `perfcode cycle open ID` writes the cycle file and a goal
scaffold for every participant, `perfcode cycle status` shows the phase, what is due and
who is late, `perfcode cycle close ID` closes a complete cycle, writes its record and tags
it perf/ID, and `perfcode cycle amend ID PERSON` carries an appeal decided after the close
into the record.
"""
SUBCOMMANDS = {"open": cycle_open, "status": cycle_status, "close": cycle_close, "amend": cycle_amend}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_nested(parser, SUBCOMMANDS, "cycle_command")


def run(args: argparse.Namespace) -> int:
    return run_nested(args, SUBCOMMANDS, "cycle_command")
