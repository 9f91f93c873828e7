"""``perfcode new goal``: add to the repository without hand-writing YAML."""

from __future__ import annotations

import argparse

from perfcode.commands import new_goal
from perfcode.commands.subcommands import add_nested, run_nested

HELP = "add a goal to a person's goal file"
DESCRIPTION = (
    "Add something new to the repository: `perfcode new goal PERSON --id ... --title ... --weight ...`."
)
SUBCOMMANDS = {"goal": new_goal}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_nested(parser, SUBCOMMANDS, "new_command")


def run(args: argparse.Namespace) -> int:
    return run_nested(args, SUBCOMMANDS, "new_command")
