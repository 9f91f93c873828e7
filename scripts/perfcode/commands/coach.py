"""``perfcode coach PERSON``: record a coaching conversation, or the employee's comment on one."""

from __future__ import annotations

import argparse
import sys

from perfcode.commands.common import repo_root, today_arg, writes
from perfcode.commands.new_goal import current_cycle
from perfcode.commands.subcommands import show_findings, today_option
from perfcode.errors import UsageError
from perfcode.model import Repository
from perfcode.process.coaching import coaching_path, conversation, with_comment, with_conversation
from perfcode.process.guard import check_pending, write_checked
from perfcode.rules.coaching import coaches

HELP = "record a coaching conversation with a person, or the employee's comment on one"
DESCRIPTION = """\
Add a conversation {date, coach, goals, notes, actions} to PERSON's coaching record,
reviews/<cycle>/coaching/PERSON.yaml (of --cycle, or of the shortest open cycle holding
the date in which PERSON takes part), creating the record when there is none. The coach
is PERSON's manager unless --coach names the skip-level manager. With --comment, the
employee's own comment is written on the conversation of --date instead (only the
employee may make that change in a pull request). The file is then checked like
`perfcode check` does; if the change adds a problem, the finding is printed and nothing
is written (exit 1). The notes are confidential: the site shows only counts.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("person", metavar="PERSON", help="the person coached")
    parser.add_argument("--date", type=today_arg, metavar="YYYY-MM-DD", help="the day held (default: today)")
    parser.add_argument("--coach", metavar="ID", help="who held it (default: the person's manager)")
    parser.add_argument("--goal", action="append", default=[], metavar="ID", help="a goal discussed (repeat)")
    parser.add_argument("--notes", metavar="TEXT", help="the coach's notes (confidential)")
    parser.add_argument(
        "--action", action="append", default=[], metavar="TEXT", help="an agreed action (repeat)"
    )
    parser.add_argument(
        "--comment", metavar="TEXT", help="the employee's comment on the conversation of --date"
    )
    parser.add_argument("--cycle", metavar="ID", help="the cycle (default: found from the date)")
    today_option(parser, "the check is run for")


@writes
def run(args: argparse.Namespace) -> int:
    root = repo_root(args.root)
    today = args.today or today_arg(None)
    day = args.date or today
    before = check_pending(root, today, {})
    repo = before.repo
    if args.person not in repo.people:
        raise UsageError(f"unknown person '{args.person}' (or their file fails perfcode check)")
    cycle = args.cycle or current_cycle(repo, args.person, "person", day)
    if cycle in repo.sealed or (cycle in repo.cycles and repo.cycles[cycle].status == "closed"):
        raise UsageError(f"cycle {cycle} is closed: its coaching records stay as they are")
    if cycle not in repo.cycles:
        raise UsageError(f"unknown cycle '{cycle}'; cycles: {', '.join(sorted(repo.cycles)) or 'none'}")
    path = coaching_path(cycle, args.person)
    existing = (root / path).read_text(encoding="utf-8") if (root / path).exists() else None
    text, done = _edit(args, repo, existing, cycle, day)
    outcome = write_checked(root, today, {path: text}, before=before)
    show_findings(outcome.added)
    if outcome.errors:
        sys.stderr.write(f"perfcode coach: {path} is {'unchanged' if existing else 'not created'}\n")
        return 1
    sys.stdout.write(f"{path}: {done}\n")
    return 0


def _edit(
    args: argparse.Namespace, repo: Repository, existing: str | None, cycle: str, day: str
) -> tuple[str, str]:
    """The record's new text, and what was done, in words."""
    if args.comment is not None:
        if args.coach or args.goal or args.notes or args.action:
            raise UsageError("--comment is the employee's alone: give it with --date only")
        if existing is None:
            raise UsageError(f"'{args.person}' has no coaching record in {cycle}")
        return with_comment(existing, day, args.comment), f"comment of {args.person} on {day}"
    allowed = coaches(repo, args.person, day)
    coach = args.coach or (allowed[0] if allowed else None)
    if coach is None:
        raise UsageError(f"'{args.person}' has no manager on {day}: give --coach")
    entry = conversation(day, coach, args.goal, args.notes, args.action)
    return with_conversation(existing, args.person, cycle, entry), f"conversation on {day} with {coach}"
