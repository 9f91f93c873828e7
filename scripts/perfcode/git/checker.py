"""Checker: the files that make up the checker, and a pull request that changes them (PC731).

CI judges a pull request with the base's code, schemas, lock and workflows, so a change to
those is never judged by what it introduces: nothing automatic reviewed it. PC731 says so
on each such file, as a warning (it must not block a dependency update), for the reviewer.
Changed paths come from ``git diff -z`` (unquoted, whatever the name) between the base and
both the commit checked out and the working tree: CI replaces the working tree's
``schemas/`` with the base's, and the commit still shows what the pull request changed.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from perfcode.errors import UsageError
from perfcode.findings import Finding

AREAS: dict[str, str] = {
    ".github/workflows/": "a workflow; the check ran the base's workflow",
    "schemas/": "a schema; it was judged with the base's schemas",
    "scripts/": "perfcode's code; it was judged with the base's code",
    "pyproject.toml": "perfcode's dependencies; it was judged with the base's lock",
    "requirements.txt": "the lock; it was judged with the base's lock",
}
HINT = "nothing automatic reviewed this change: a maintainer reads it line by line"


def checker_changes(root: Path, base: str) -> list[Finding]:
    """A PC731 warning for each file of the checker that differs from the commit ``base``."""
    return [
        Finding(path, 1, 1, "PC731", f"the pull request changes {_area(path)}", "warning", HINT)
        for path in sorted(_changed(root, base, "HEAD") | _changed(root, base))
    ]


def _area(path: str) -> str:
    return next(text for prefix, text in AREAS.items() if path == prefix or path.startswith(prefix))


def _changed(root: Path, *commits: str) -> set[str]:
    """Paths of the checker that differ between the commits (one: it and the working tree)."""
    command = ["git", "-C", str(root), "diff", "--relative", "--name-only", "--no-renames", "-z", *commits]
    try:
        done = subprocess.run([*command, "--", *AREAS], capture_output=True, check=True, timeout=120)
    except (OSError, subprocess.SubprocessError) as exc:
        raise UsageError(f"cannot list the files changed since {commits[0][:12]}: {exc}") from None
    return {name.decode("utf-8", "surrogateescape") for name in done.stdout.split(b"\0") if name}
