"""Helpers for git scenarios: a company in a real git repository, and running perfcode.

Commits get fixed dates and the author of the scenario, so that commit ids only depend on
the content; tests read ids from the repository, never hard-code them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import git
import pytest

from perfcode.cli import main


@dataclass
class Company:
    """A company in a git repository, with helpers to change, commit and run perfcode."""

    root: Path
    repo: git.Repo
    clock: int = 0

    def commit(self, message: str, author: str = "maintainer") -> str:
        self.clock += 1
        date = f"2026-11-{self.clock:02d}T09:00:00+00:00"
        env = {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
        self.repo.git.add("--all")
        self.repo.git.execute(
            [
                "git",
                "-c",
                f"user.name={author}",
                "-c",
                f"user.email={author}@acme.example",
                "commit",
                "-q",
                "-m",
                message,
            ],
            env=env,
        )
        return self.sha("HEAD")

    def branch(self, name: str) -> None:
        self.repo.git.execute(["git", "switch", "-q", "-c", name])

    def switch(self, name: str) -> None:
        self.repo.git.execute(["git", "switch", "-q", name])

    def sha(self, ref: str) -> str:
        return str(self.repo.git.execute(["git", "rev-parse", "--verify", "--end-of-options", ref]))

    def replace(self, rel: str, old: str, new: str) -> None:
        path = self.root / rel
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {rel}"
        path.write_text(text.replace(old, new), encoding="utf-8")

    def write(self, rel: str, text: str) -> None:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def perfcode(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> tuple[int, str, str]:
    """Run the perfcode command line; its exit code, standard output and standard error."""
    code = main(["--root", str(root), *args])
    out, err = capsys.readouterr()
    return code, out, err
