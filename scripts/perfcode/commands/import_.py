"""``perfcode import people``: bring data from other systems into the repository."""

from __future__ import annotations

import argparse

from perfcode.commands import import_people
from perfcode.commands.subcommands import add_nested, run_nested

HELP = "import people from an HRIS export"
DESCRIPTION = "Bring data from other systems into the repository: `perfcode import people FILE.csv`."
SUBCOMMANDS = {"people": import_people}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_nested(parser, SUBCOMMANDS, "import_command")


def run(args: argparse.Namespace) -> int:
    return run_nested(args, SUBCOMMANDS, "import_command")
