"""``perfcode revise OWNER GOAL --set FIELD=VALUE --reason TEXT``: change a locked target."""

from __future__ import annotations

import argparse
import sys

from perfcode.commands.common import repo_root, today_arg, writes
from perfcode.commands.subcommands import show_findings, today_option
from perfcode.edit import Scalar, parse_value
from perfcode.errors import UsageError
from perfcode.process.goals import REVISABLE, goal_file_for, revised_text
from perfcode.process.guard import check_pending, write_checked

HELP = "change a goal's weight or a key result's targets after planning, with a revision"
DESCRIPTION = """\
After planning, a goal's weight and its key results' baseline, threshold, target, stretch
and weight are locked (PC711): they change only together with a revision {date, change,
reason} on the goal. This command makes both changes in OWNER's goal file (a person, a
unit or company; of --cycle, or of the cycle whose period holds the date): each --set
FIELD=VALUE on the goal, or with --kr on that key result, and a revision dated --date
(default: today), which must fall inside the cycle after planning, saying what changed
("ship-ota: target 500 -> 450") and why (--reason), and who approved it (--approved-by,
a person or body id). The manager's approval of the pull request is the approval
CODEOWNERS asks for. The file is then checked like `perfcode check` does; a change that
adds a problem is printed and nothing is written (exit 1).
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("owner", metavar="OWNER", help="whose goal it is: a person, a unit or company")
    parser.add_argument("goal", metavar="GOAL", help="the goal id")
    parser.add_argument("--kr", metavar="KR", help="the key result whose fields change (default: the goal's)")
    parser.add_argument(
        "--set",
        dest="fields",
        action="append",
        required=True,
        metavar="FIELD=VALUE",
        help=f"a new value; FIELD is one of {', '.join(REVISABLE)}; repeatable",
    )
    parser.add_argument("--reason", required=True, metavar="TEXT", help="why it changes")
    parser.add_argument("--approved-by", metavar="ID", help="the person or body who approved it")
    parser.add_argument(
        "--date", type=today_arg, metavar="YYYY-MM-DD", help="the revision's day (default: today)"
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
    cycle = before.repo.cycles[goals.cycle]
    planned = cycle.phases["planning"][1]
    if not planned < day <= min(today, cycle.end):
        raise UsageError(
            f"a revision of {cycle.id} is dated after its planning ({planned}) and by {min(today, cycle.end)}, "
            f"not {day}: before then, change the goal itself"
        )
    values = dict(_field(text) for text in args.fields)
    path = goals.where.path
    text, change = revised_text(
        (root / path).read_text(encoding="utf-8"),
        args.goal,
        args.kr,
        values,
        day,
        args.reason,
        args.approved_by,
    )
    outcome = write_checked(root, today, {path: text}, before=before)
    show_findings(outcome.added)
    if outcome.errors:
        sys.stderr.write(f"perfcode revise: {path} is unchanged\n")
        return 1
    sys.stdout.write(f"{path}: {args.goal} revised on {day}: {change}\n")
    return 0


def _field(text: str) -> tuple[str, Scalar]:
    name, sep, value = text.partition("=")
    if not sep or name not in REVISABLE:
        raise UsageError(f"--set takes FIELD=VALUE with FIELD one of {', '.join(REVISABLE)}, not '{text}'")
    return name, parse_value(value)
