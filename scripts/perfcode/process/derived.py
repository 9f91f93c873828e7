"""Derived files: what a change to the organisation changes in generated files.

``.github/CODEOWNERS`` is generated from org/ (:mod:`perfcode.git.codeowners`), and
``perfcode check`` fails when the committed one differs (PC701). The commands that change
org/ write the new CODEOWNERS with their own changes, so their result checks clean.
"""

from __future__ import annotations

from pathlib import Path

from perfcode.git.codeowners import PATH, org_broken, render, route
from perfcode.model import Repository


def codeowners_change(root: Path, repo: Repository) -> dict[str, str]:
    """``{".github/CODEOWNERS": text}`` when the organisation ``repo`` needs another one;
    nothing in a repository without a .github folder, or while org/ has errors."""
    if not (root / ".github").is_dir() or org_broken(repo):
        return {}
    expected = render(route(repo))
    target = root / PATH
    current = target.read_text(encoding="utf-8", errors="replace") if target.is_file() else None
    return {} if current == expected else {PATH: expected}
