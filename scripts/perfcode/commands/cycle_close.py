"""``perfcode cycle close ID``: close a complete cycle, commit it and tag it perf/ID."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from perfcode.commands.common import repo_root, today_arg, writes
from perfcode.commands.subcommands import show_findings, today_option
from perfcode.edit import atomic_write
from perfcode.errors import UsageError
from perfcode.process import vcs
from perfcode.process.closing import blockers, closed_text, tag_name
from perfcode.process.guard import check_pending, write_checked

HELP = "close a complete cycle: status closed, committed, tagged perf/ID"
DESCRIPTION = """\
Refuse, listing every item, while the cycle is incomplete: goals, actual values,
assessments, final ratings, feedback meetings and acknowledgements, undecided appeals,
or an error in org/ or the cycle's files; also while those files have changes that are
not committed. Otherwise set status: closed and closed: <today> in goals/ID/cycle.yaml,
commit that file and create the annotated tag perf/ID, so that the exact data behind
every rating can be restored with `git checkout perf/ID`.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("cycle", metavar="ID", help="the cycle to close")
    today_option(parser, "recorded as the closing day")


@writes
def run(args: argparse.Namespace) -> int:
    root = repo_root(args.root)
    today = args.today or today_arg(None)
    before = check_pending(root, today, {})
    cycle = before.repo.cycles.get(args.cycle)
    if cycle is None:
        raise UsageError(
            f"unknown cycle '{args.cycle}'; cycles: {', '.join(sorted(before.repo.cycles)) or 'none'}"
        )
    if cycle.status == "closed":
        sys.stdout.write(f"cycle {cycle.id} is closed already\n")
        return 0
    if not vcs.is_repository(root):
        raise UsageError(f"{root} is not a git repository: closing commits and tags the cycle")
    if vcs.tag_exists(root, tag_name(cycle.id)):
        raise UsageError(f"the tag {tag_name(cycle.id)} exists already")
    open_items = blockers(before, cycle.id, today)
    dirty = vcs.uncommitted(root, ["org", f"goals/{cycle.id}", f"reviews/{cycle.id}"])
    if open_items or dirty:
        _refuse(cycle.id, open_items, dirty)
        return 1
    path = cycle.where.path
    original = (root / path).read_text(encoding="utf-8")
    outcome = write_checked(root, today, {path: closed_text(original, today)}, before=before)
    if outcome.errors:
        show_findings(outcome.errors)
        return 1
    _commit_and_tag(root, path, original, cycle.id, today)
    sys.stdout.write(f"closed {cycle.id} on {today}: committed {path}, tagged {tag_name(cycle.id)}\n")
    return 0


def _refuse(cycle_id: str, open_items: list[str], dirty: list[str]) -> None:
    out = sys.stderr
    out.write(f"perfcode cycle close: {cycle_id} is not complete; {len(open_items)} item(s) open:\n")
    out.writelines(f"  {line}\n" for line in open_items)
    if dirty:
        out.write("commit these changes first:\n")
        out.writelines(f"  {path}\n" for path in dirty)


def _commit_and_tag(root: Path, path: str, original: str, cycle_id: str, today: str) -> None:
    try:
        vcs.commit(root, f"Close cycle {cycle_id}", [path])
    except UsageError:
        atomic_write(root / path, original)
        raise
    vcs.tag(root, tag_name(cycle_id), f"Cycle {cycle_id} closed on {today}: the data behind its ratings")
