"""``perfcode rules``: every rule code with its severity and summary, or one explained."""

from __future__ import annotations

import argparse
import sys

from perfcode.errors import UsageError
from perfcode.rules import REGISTRY, all_rules

HELP = "list the rule codes, or explain one"
DESCRIPTION = "List every rule code with its severity and summary; `perfcode rules CODE` explains one."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("code", nargs="?", help="a rule code to explain, e.g. PC203")


def run(args: argparse.Namespace) -> int:
    rules = all_rules()
    if args.code:
        rule = REGISTRY.get(args.code.upper())
        if rule is None:
            raise UsageError(f"unknown rule code '{args.code}' (see `perfcode rules`)")
        sys.stdout.write(f"{rule.code} {rule.name} ({rule.severity})\n{rule.summary}\n\n{rule.explanation}\n")
        return 0
    for rule in rules:
        sys.stdout.write(f"{rule.code}  {rule.severity:<7}  {rule.name:<24} {rule.summary}\n")
    return 0
