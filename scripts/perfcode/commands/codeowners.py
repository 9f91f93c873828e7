"""``perfcode codeowners``: generate .github/CODEOWNERS from the organisation, or check it."""

from __future__ import annotations

import argparse
import sys

from perfcode.commands.common import repo_root, writes
from perfcode.edit import atomic_write
from perfcode.git.codeowners import PATH, org_broken, render, route, unified
from perfcode.git.repo import snapshot_of_worktree
from perfcode.locate import locate
from perfcode.report import line_of
from perfcode.schema import Schemas

HELP = "generate .github/CODEOWNERS from org/ (--write), or check that it is up to date"
DESCRIPTION = """\
CODEOWNERS decides whose approval a pull request needs. perfcode generates it from
org/people, org/units and org/governance.yaml: a person's goal file goes to their
manager; a unit's goals to the head of the parent unit; company goals, cycles,
org/company.yaml, org/framework.yaml, org/governance.yaml and calibration files to the
performance committee (its team, else its members); a review to the person's skip-level
manager, else the HR support group; org/people, org/units and org/positions to the HR
support group; scripts/, schemas/, .github/, mkdocs.yml, Makefile and pyproject.toml to
the maintainers. Without an option it prints the file. --check exits 1 and prints the
difference when the committed file is not the generated one (perfcode check reports this
too, as PC701). Owners without a GitHub handle are replaced by the next one up (PC702).
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--write", action="store_true", help=f"write {PATH}")
    action.add_argument(
        "--check",
        action="store_true",
        help=f"exit 1 and show the difference when {PATH} is not the generated file",
    )


@writes
def run(args: argparse.Namespace) -> int:
    root = repo_root(args.root)
    snapshot = snapshot_of_worktree(root, Schemas.load(root / "schemas"))
    if org_broken(snapshot.repo):
        sys.stderr.write("perfcode codeowners: org/ has errors; fix them first (see perfcode check)\n")
        return 1
    routing = route(snapshot.repo)
    texts = {d.path: d.text for d in snapshot.documents}
    sys.stderr.write("".join(line_of(f) + " [warning]\n" for f in locate(routing.fallbacks, texts)))
    expected = render(routing)
    target = root / PATH
    if args.write:
        atomic_write(target, expected)
        sys.stdout.write(f"wrote {PATH} ({len(expected.splitlines())} lines)\n")
        return 0
    if not args.check:
        sys.stdout.write(expected)
        return 0
    actual = target.read_text(encoding="utf-8", errors="replace") if target.is_file() else None
    if actual == expected:
        sys.stdout.write(f"{PATH} is up to date\n")
        return 0
    sys.stdout.write(unified(actual, expected))
    state = "is missing" if actual is None else "is not the one generated from org/"
    sys.stderr.write(f"perfcode codeowners: {PATH} {state}; run `perfcode codeowners --write`\n")
    return 1
