"""VCS: the few git operations the process commands need: init, commit, tag, status.

git runs without a shell, with paths after ``--`` and names after ``--end-of-options``
(https://git-scm.com/docs/gitcli), so no file or cycle name is ever read as an option.
"""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from pathlib import Path

from perfcode.errors import UsageError


def git(root: Path, *args: str, strip: bool = True) -> str:
    """Run git in ``root``; its output (``strip``: without surrounding blanks), or a usage
    error with git's own message."""
    try:
        done = subprocess.run(
            ["git", *args], cwd=root, capture_output=True, text=True, check=False, stdin=subprocess.DEVNULL
        )
    except FileNotFoundError:
        raise UsageError("git is not installed") from None
    if done.returncode != 0:
        message = (done.stderr or done.stdout).strip().splitlines()
        raise UsageError(f"git {args[0]} failed: {' '.join(message) or f'exit {done.returncode}'}")
    return done.stdout.strip() if strip else done.stdout


def is_repository(root: Path) -> bool:
    try:
        return git(root, "rev-parse", "--show-toplevel") != ""
    except UsageError:
        return False


def uncommitted(root: Path, paths: Sequence[str]) -> list[str]:
    """The paths below ``paths`` with changes that are not committed (untracked included)."""
    output = git(root, "status", "--porcelain", "-z", "--untracked-files=all", "--", *paths, strip=False)
    return _porcelain_paths(output)


def _porcelain_paths(output: str) -> list[str]:
    """The paths of ``git status --porcelain -z``: ``XY path``, a rename's old path after it.

    ``-z`` gives paths unquoted (https://git-scm.com/docs/git-status#_porcelain_format_version_1).
    """
    records = iter(output.split("\0"))
    found: list[str] = []
    for record in records:
        if len(record) > 3:
            found.append(record[3:])
            if record[0] in "RC":
                next(records, None)
    return found


def commit(root: Path, message: str, paths: Sequence[str]) -> None:
    """Commit exactly ``paths`` (whatever else is staged stays staged)."""
    git(root, "add", "--", *paths)
    git(root, "commit", "--quiet", "-m", message, "--", *paths)


def tag_exists(root: Path, name: str) -> bool:
    return git(root, "tag", "--list", "--end-of-options", name) != ""


def tag(root: Path, name: str, message: str) -> None:
    """An annotated tag on HEAD."""
    git(root, "tag", "--annotate", "-m", message, "--end-of-options", name)


def init(root: Path, message: str) -> None:
    """A new repository on branch main with everything in ``root`` as its first commit."""
    git(root, "init", "--quiet", "--initial-branch=main")
    git(root, "add", "--all", "--", ".")
    git(root, "commit", "--quiet", "-m", message)
