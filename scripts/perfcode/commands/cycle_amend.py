"""``perfcode cycle amend ID PERSON``: carry an appeal decided after the close into the record."""

from __future__ import annotations

import argparse
import sys

from perfcode.commands.common import known_person, repo_root, today_arg
from perfcode.commands.subcommands import show_findings, today_option
from perfcode.errors import UsageError
from perfcode.process.amending import amended_record
from perfcode.process.guard import check_pending, write_checked
from perfcode.records import person_record_path

HELP = "carry an appeal decided after a cycle closed into its record"
DESCRIPTION = """\
A closed cycle's record changes in one way only: the appeal body decides an appeal after
the close, records the decision in reviews/ID/PERSON.yaml (decision: amended, decided,
rating), and this command carries it into reviews/ID/record/PERSON.yaml: the person's
result is derived again from the cycle's files under the framework the cycle was judged
under (kept in its record), the review's new blob id is listed, and the earlier final
rating and its source stay in the record's amendments. Commit both files in one pull
request, which the appeal body approves.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("cycle", metavar="ID", help="the closed cycle")
    parser.add_argument("person", metavar="PERSON", help="the person whose appeal was decided")
    today_option(parser, "recorded as the amendment's day")


def run(args: argparse.Namespace) -> int:
    root = repo_root(args.root)
    today = args.today or today_arg(None)
    before = check_pending(root, today, {})
    sealed = before.repo.sealed.get(args.cycle)
    if sealed is None:
        raise UsageError(f"'{args.cycle}' is not a closed cycle with a record")
    known_person(before.repo, args.person)
    text = amended_record(root, before.repo, sealed, args.person, today)
    path = person_record_path(sealed.id, args.person)
    outcome = write_checked(root, today, {path: text}, before=before)
    if outcome.errors:
        show_findings(outcome.errors)
        return 1
    sys.stdout.write(f"amended {path}: the appeal's decision is in the record\n")
    return 0
