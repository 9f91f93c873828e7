"""``perfcode history``: who changed what, when, and through which pull request."""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from collections.abc import Sequence
from dataclasses import asdict

from perfcode.commands.common import repo_root
from perfcode.errors import UsageError
from perfcode.git.history import Event, events, goals_of, target_of
from perfcode.git.repo import open_repo, snapshot_of_worktree
from perfcode.report import clean
from perfcode.schema import Schemas

HELP = "show who changed a file or a goal, when, and through which pull request"
DESCRIPTION = """\
List the commits that changed the data files (all of them, one PATH, a folder, or one goal
given as a goal reference <owner>/<goal-id> across every cycle), newest first: the date,
the pull request, the author (the person whose email matches, else the git author, and
"for PERSON" when a manager or proxy posted a check-in, an actual or the acknowledgement of
someone without a GitHub account), the file and what changed in it. Pull request numbers come from squash-merge subjects
("Title (#12)") and from the merge commits that brought commits in ("Merge pull request
#12 from ..."); a commit pushed directly shows no number.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "target",
        metavar="PATH | GOAL-REF",
        nargs="?",
        help="a file or folder, or a goal such as alice/close-deals",
    )
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )


def run(args: argparse.Namespace) -> int:
    root = repo_root(args.root)
    model = snapshot_of_worktree(root, Schemas.load(root / "schemas")).repo
    repo = open_repo(root)
    target = target_of(repo, model, args.target)
    found = list(events(repo, model, target))
    if target.goal is not None and target.owner is not None and not found:
        known = goals_of(model, target.owner)
        if target.goal not in known:
            close = difflib.get_close_matches(target.goal, sorted(known), n=1, cutoff=0.6)
            hint = (
                f"did you mean '{target.owner}/{close[0]}'?"
                if close
                else f"goals: {', '.join(sorted(known)) or 'none'}"
            )
            raise UsageError(
                f"'{target.owner}' has no goal '{target.goal}' in any cycle or in the history; {hint}"
            )
    sys.stdout.write(as_json(found) if args.format == "json" else as_text(found))
    return 0


def as_text(found: Sequence[Event]) -> str:
    lines = []
    for event in found:
        number = f"#{event.pull_request}" if event.pull_request else "-"
        who = event.person or event.author
        if event.acted_for:
            who = f"{who} for {event.acted_for}"
        lines.append(clean(f"{event.date[:10]}  {number:<6} {who}  {event.path}  {event.commit[:12]}"))
        lines += [f"    {clean(change)}" for change in event.changes]
    return "\n".join([*lines, f"{len(found)} change{'s' if len(found) != 1 else ''}"]) + "\n"


def as_json(found: Sequence[Event]) -> str:
    return json.dumps({"events": [asdict(e) for e in found]}, indent=2, ensure_ascii=False) + "\n"
