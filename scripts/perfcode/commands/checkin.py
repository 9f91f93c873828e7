"""``perfcode checkin OWNER GOAL KR VALUE``: record progress on a key result."""

from __future__ import annotations

import argparse
import sys

from perfcode.commands.common import repo_root, today_arg, writes
from perfcode.commands.subcommands import show_findings, today_option
from perfcode.edit import parse_value
from perfcode.process.goals import check_in_entry, checkin_text, goal_file_for
from perfcode.process.guard import check_pending, write_checked

HELP = "record a check-in on a key result, keeping the goal file's comments and layout"
DESCRIPTION = """\
Add {date, value, note} to the check-ins of key result KR of goal GOAL in OWNER's goal
file (OWNER: a person, a unit or company; of --cycle, or of the cycle whose period holds
the date). VALUE is read as the
files are: 12 and 0.5 are exact numbers, true/false a milestone. Only the new check-in
is written: comments and layout stay. The file is then checked like `perfcode check`
does; if the check-in adds a problem (a value the curve cannot score, a date outside the
cycle ...), the finding is printed and the file is left unchanged (exit 1). Check-ins
run one at a time (the repository is locked from the read to the write), so two at once
are both recorded; a file that cannot be written is one error line and exit 2.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("owner", metavar="OWNER", help="whose goal it is: a person, a unit or company")
    parser.add_argument("goal", metavar="GOAL", help="the goal id")
    parser.add_argument("key_result", metavar="KR", help="the key result id")
    parser.add_argument("value", metavar="VALUE", help="the value measured: a number, true or false")
    parser.add_argument("--note", metavar="TEXT", help="words on the progress")
    parser.add_argument(
        "--date", type=today_arg, metavar="YYYY-MM-DD", help="the day measured (default: today)"
    )
    parser.add_argument(
        "--cycle", metavar="ID", help="the cycle of the goal file (default: found from the date)"
    )
    today_option(parser, "the check is run for")


@writes
def run(args: argparse.Namespace) -> int:
    root = repo_root(args.root)
    today = args.today or today_arg(None)
    day = args.date or today
    before = check_pending(root, today, {})
    goals = goal_file_for(before.repo, args.owner, args.goal, args.cycle, day)
    value = parse_value(args.value)
    goal = next(g for g in goals.goals if g.id == args.goal)
    kr = next((k for k in goal.key_results if k.id == args.key_result), None)
    if kr is not None and any(
        c.date == day and c.value == value and c.note == (args.note or "") for c in kr.check_ins
    ):
        sys.stdout.write(f"{goals.where.path}: this check-in is recorded already\n")
        return 0
    path = goals.where.path
    text = checkin_text(
        (root / path).read_text(encoding="utf-8"),
        args.goal,
        args.key_result,
        check_in_entry(day, value, args.note),
    )
    outcome = write_checked(root, today, {path: text}, before=before)
    show_findings(outcome.added)
    if outcome.errors:
        sys.stderr.write(f"perfcode checkin: {path} is unchanged\n")
        return 1
    sys.stdout.write(f"{path}: {args.goal}/{args.key_result} {args.value} on {day}\n")
    return 0
