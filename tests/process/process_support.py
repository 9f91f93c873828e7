"""Helpers of the process tests: run the CLI, edit files as people do, compare trees."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from perfcode.process.vcs import git

PEOPLE_CSV = """\
id,name,email,github,unit,position,manager,class
ada-lovelace,Ada Lovelace,ada@acme.example,ada-l,acme-gauges,president,,executive
bob-brown,Bob Brown,bob@acme.example,bobb,engineering,department-head,ada-lovelace,executive
cara-diaz,Cara Diaz,cara@acme.example,carad,firmware,team-lead,bob-brown,manager
dan-evans,Dan Evans,dan@acme.example,dane,firmware,specialist,cara-diaz,professional
eve-fox,Eve Fox,eve@acme.example,evef,firmware,specialist,cara-diaz,professional
"""


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str

    @property
    def out_lines(self) -> list[str]:
        return self.out.splitlines()

    @property
    def err_lines(self) -> list[str]:
        return self.err.splitlines()


Cli = Callable[..., Run]


def commit_all(root: Path, message: str) -> None:
    git(root, "add", "--all", "--", ".")
    git(root, "commit", "--quiet", "-m", message)


def tree(root: Path) -> dict[str, bytes]:
    """Every file below ``root`` but git's own, with its bytes."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".git" not in p.relative_to(root).parts
    }


def replace(root: Path, rel: str, old: str, new: str, count: int = 1) -> None:
    """Replace ``old`` (which occurs exactly ``count`` times) in a file, as a person would edit it."""
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == count, f"{old!r} occurs {text.count(old)} times in {rel}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def located(lines: list[str]) -> list[str]:
    """Findings as ``path:line:column: CODE``: the wording is each rule's own to change."""
    return [" ".join(line.split()[:2]) for line in lines]
