"""``perfcode feedback PERSON meeting|acknowledged``: record the feedback on a result."""

from __future__ import annotations

import argparse
import sys

from perfcode.commands.common import known_person, repo_root, today_arg, writes
from perfcode.commands.subcommands import show_findings, today_option
from perfcode.errors import UsageError
from perfcode.process import reviews
from perfcode.process.guard import check_pending, write_checked

HELP = "record the feedback meeting, or the employee's acknowledgement of the result"
DESCRIPTION = """\
Write into PERSON's review of --cycle (default: the open cycle PERSON takes part in now):
`meeting`, the day of the feedback meeting (the manager records it, within the
framework's feedback.meeting_within_days of the results phase), or `acknowledged`, the day
the employee acknowledged the result (their own record, or for someone without a GitHub
account their manager's or proxy's; within acknowledgement_within_days of the meeting),
with an optional --comment from the employee. The day is --date (default: today). The
review is then checked like `perfcode check` does; a day outside its window (PC404) is
printed and nothing is written (exit 1).
"""
FIELDS = ("meeting", "acknowledged")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("person", metavar="PERSON", help="the person whose result it is")
    parser.add_argument("what", choices=FIELDS, help="the meeting, or the acknowledgement")
    parser.add_argument("--date", type=today_arg, metavar="YYYY-MM-DD", help="the day (default: today)")
    parser.add_argument("--comment", metavar="TEXT", help="the employee's words, with the acknowledgement")
    parser.add_argument("--cycle", metavar="ID", help="the cycle (default: the one PERSON takes part in now)")
    today_option(parser, "the check is run for")


@writes
def run(args: argparse.Namespace) -> int:
    if args.comment is not None and args.what != "acknowledged":
        raise UsageError("--comment goes with the acknowledgement: the employee's words")
    root = repo_root(args.root)
    today = args.today or today_arg(None)
    day = args.date or today
    before = check_pending(root, today, {})
    person = known_person(before.repo, args.person)
    cycle = reviews.review_cycle(before.repo, person.id, args.cycle, today)
    path = f"reviews/{cycle.id}/{person.id}.yaml"
    if not (root / path).exists():
        raise UsageError(
            f"{path} does not exist: `perfcode cycle open {cycle.id}` writes it once evaluation opens"
        )
    text = reviews.feedback_text((root / path).read_text(encoding="utf-8"), args.what, day, args.comment)
    outcome = write_checked(root, today, {path: text}, before=before)
    show_findings(outcome.added)
    if outcome.errors:
        sys.stderr.write(f"perfcode feedback: {path} is unchanged\n")
        return 1
    sys.stdout.write(f"{path}: feedback {args.what} {day}\n")
    return 0
