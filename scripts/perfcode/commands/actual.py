"""``perfcode actual OWNER GOAL KR VALUE``: record the final value of a key result."""

from __future__ import annotations

import argparse
import sys

from perfcode.commands.common import repo_root, today_arg, writes
from perfcode.commands.subcommands import show_findings, today_option
from perfcode.edit import parse_value
from perfcode.process.goals import actual_text, goal_file_for
from perfcode.process.guard import check_pending, write_checked

HELP = "record the actual (final) value of a key result at the end of a cycle"
DESCRIPTION = """\
Set `actual: VALUE` on key result KR of goal GOAL in OWNER's goal file (OWNER: a person, a
unit or company; of --cycle, or of the cycle whose period holds --today). The actual is
the value the key result is scored on once the cycle ends (check-ins only project it);
every key result needs one before its cycle can close (PC604). VALUE is read as the files
are: 12 and 0.5 are exact numbers, true/false a milestone. Setting it again replaces it.
Only the actual is written: comments and layout stay. The file is then checked like
`perfcode check` does; if the value adds a problem (one the curve cannot score ...), the
finding is printed and the file is left unchanged (exit 1).
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("owner", metavar="OWNER", help="whose goal it is: a person, a unit or company")
    parser.add_argument("goal", metavar="GOAL", help="the goal id")
    parser.add_argument("key_result", metavar="KR", help="the key result id")
    parser.add_argument("value", metavar="VALUE", help="the final value: a number, true or false")
    parser.add_argument(
        "--cycle", metavar="ID", help="the cycle of the goal file (default: found from --today)"
    )
    today_option(parser, "the check is run for")


@writes
def run(args: argparse.Namespace) -> int:
    root = repo_root(args.root)
    today = args.today or today_arg(None)
    before = check_pending(root, today, {})
    goals = goal_file_for(before.repo, args.owner, args.goal, args.cycle, today)
    value = parse_value(args.value)
    path = goals.where.path
    kr = next(
        (k for g in goals.goals if g.id == args.goal for k in g.key_results if k.id == args.key_result), None
    )
    if kr is not None and kr.actual == value and type(kr.actual) is type(value):
        sys.stdout.write(f"{path}: {args.goal}/{args.key_result} has the actual {args.value} already\n")
        return 0
    text = actual_text((root / path).read_text(encoding="utf-8"), args.goal, args.key_result, value)
    outcome = write_checked(root, today, {path: text}, before=before)
    show_findings(outcome.added)
    if outcome.errors:
        sys.stderr.write(f"perfcode actual: {path} is unchanged\n")
        return 1
    was = f" (was {kr.actual})" if kr is not None and kr.actual is not None else ""
    sys.stdout.write(f"{path}: {args.goal}/{args.key_result} actual {args.value}{was}\n")
    return 0
