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
from perfcode.process.closing import blockers, closed_text, record_texts, tag_name
from perfcode.process.guard import check_pending, write_checked

HELP = "close a complete cycle: its record written, committed, tagged perf/ID"
DESCRIPTION = """\
Refuse, listing every item, while the cycle is incomplete: goals, actual values,
assessments, final ratings, feedback meetings and acknowledgements, undecided appeals,
or an error in org/ or the cycle's files; also while those files have changes that are
not committed. Otherwise set status: closed and closed: <today> in goals/ID/cycle.yaml
and write the cycle's record: reviews/ID/record.yaml and reviews/ID/record/<person>.yaml
(what each participant was judged as, their scores, ratings and results use, the
framework's fingerprint and every file's blob id). From then on score, export, the site
and later cycles read the record, and `perfcode check` verifies the cycle's files against
it. The command commits these files and creates the annotated tag perf/ID. A cycle closed
by an earlier perfcode, without a record, gets its record the same way.
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
    if cycle is None and args.cycle in before.repo.sealed:
        sys.stdout.write(f"cycle {args.cycle} is closed already\n")
        return 0
    if cycle is None:
        raise UsageError(
            f"unknown cycle '{args.cycle}'; cycles: {', '.join(sorted(before.repo.cycles)) or 'none'}"
        )
    if not vcs.is_repository(root):
        raise UsageError(f"{root} is not a git repository: closing commits and tags the cycle")
    again = cycle.status == "closed"
    if not again and vcs.tag_exists(root, tag_name(cycle.id)):
        raise UsageError(f"the tag {tag_name(cycle.id)} exists already")
    open_items = blockers(before, cycle.id, today)
    dirty = vcs.uncommitted(root, ["org", f"goals/{cycle.id}", f"reviews/{cycle.id}"])
    if open_items or dirty:
        _refuse(cycle.id, open_items, dirty)
        return 1
    path = cycle.where.path
    original = (root / path).read_text(encoding="utf-8")
    closed = original if again else closed_text(original, today)
    day = cycle_closed_on(before.repo.files[path], today)
    pending: dict[str, str | None] = {path: closed, **record_texts(root, before.repo, cycle.id, day, closed)}
    outcome = write_checked(root, today, pending, before=before)
    if outcome.errors:
        show_findings(outcome.errors)
        return 1
    _commit_and_tag(
        root,
        pending,
        {path: original},
        cycle.id,
        day,
        tagged=again and vcs.tag_exists(root, tag_name(cycle.id)),
    )
    sys.stdout.write(
        f"closed {cycle.id} on {day}: wrote its record for {len(pending) - 2} participant(s), "
        f"committed {len(pending)} file(s), tagged {tag_name(cycle.id)}\n"
    )
    return 0


def cycle_closed_on(data: dict[str, object], today: str) -> str:
    """The closing day: the one the cycle file records when it was closed before, else today."""
    closed = data.get("closed")
    return closed if isinstance(closed, str) else today


def _refuse(cycle_id: str, open_items: list[str], dirty: list[str]) -> None:
    out = sys.stderr
    out.write(f"perfcode cycle close: {cycle_id} is not complete; {len(open_items)} item(s) open:\n")
    out.writelines(f"  {line}\n" for line in open_items)
    if dirty:
        out.write("commit these changes first:\n")
        out.writelines(f"  {path}\n" for path in dirty)


def _commit_and_tag(
    root: Path,
    pending: dict[str, str | None],
    originals: dict[str, str],
    cycle_id: str,
    day: str,
    tagged: bool,
) -> None:
    try:
        vcs.commit(root, f"Close cycle {cycle_id}", sorted(pending))
    except UsageError:
        for rel in pending:
            if rel in originals:
                atomic_write(root / rel, originals[rel])
            else:
                (root / rel).unlink(missing_ok=True)
        raise
    if not tagged:
        vcs.tag(root, tag_name(cycle_id), f"Cycle {cycle_id} closed on {day}: the data behind its ratings")
