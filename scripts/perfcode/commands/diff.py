"""``perfcode diff``: what a change means, for a manager reading a pull request."""

from __future__ import annotations

import argparse
import sys

from perfcode.cache import DocumentCache
from perfcode.commands.common import repo_root, today_arg
from perfcode.git.diff import compare
from perfcode.git.repo import open_repo, snapshot_at, snapshot_of_worktree
from perfcode.git.summary import COMMENT_LIMIT, to_json, to_markdown
from perfcode.schema import Schemas

HELP = "say what a change means: goals, targets, check-ins, ratings and the effect on scores"
DESCRIPTION = """\
Compare the data files of two commits (HEAD defaults to the working tree) and say what
changed in the words of the framework: goals added, removed or re-aligned; targets,
thresholds and weights (old -> new); check-ins and actuals; assessments, calibrations and
final ratings. Then the effect on scores of every affected cycle (each person's goals and
final score and rating, each unit, the company; projected from check-ins while a cycle
runs), and notes such as goal weights that no longer sum to 100.

Markdown escapes every value taken from the files, and fits GitHub's limits: written in
full up to --max-chars (default 65,536, a pull-request comment; a job summary takes 1 MiB),
else summarised per file. CI writes it to the job summary:
perfcode diff HEAD^1 HEAD >> "$GITHUB_STEP_SUMMARY"
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("base", metavar="BASE", help="the commit before the change (a branch, tag or commit)")
    parser.add_argument(
        "head", metavar="HEAD", nargs="?", help="the commit after it (default: the working tree)"
    )
    parser.add_argument(
        "--format", choices=("markdown", "json"), default="markdown", help="output format (default: markdown)"
    )
    parser.add_argument(
        "--max-chars",
        type=int,
        default=COMMENT_LIMIT,
        metavar="N",
        help=f"summarise Markdown longer than this (default: {COMMENT_LIMIT})",
    )
    parser.add_argument(
        "--today",
        type=today_arg,
        default=None,
        metavar="YYYY-MM-DD",
        help="the date scores and projections use (default: $PERFCODE_TODAY, else the system date)",
    )


def run(args: argparse.Namespace) -> int:
    root = repo_root(args.root)
    today = args.today or today_arg(None)
    schemas = Schemas.load(root / "schemas")
    repo = open_repo(root)
    # Blobs the checker parsed before (either side of a pull request) come from its cache.
    cache = DocumentCache.open(root, schemas.key)
    base = snapshot_at(repo, repo.resolve(args.base), schemas, cache)
    head = (
        snapshot_at(repo, repo.resolve(args.head), schemas, cache)
        if args.head
        else snapshot_of_worktree(root, schemas)
    )
    cache.save(prune=False)
    report = compare(base, head, today)
    sys.stdout.write(to_json(report) if args.format == "json" else to_markdown(report, args.max_chars))
    return 0
