"""Helpers for tests that check a copy of the minimal company in a temporary folder.

The minimal company (tests/fixtures/minimal/) is small but complete and valid: perfcode
check reports nothing on it. Tests copy it, change one thing and assert the findings.

YAML edits go through :func:`edit`: PyYAML's safe loader and dumper. Numbers come back as
int or float; a float is dumped as its shortest repr (0.1 as ``0.1``), which perfcode's
loader reads as exactly that decimal. A number written as a Python string is dumped quoted,
so it stays a string; quoted dates stay strings the same way. The dumper writes block
style, so line numbers are those of the dumped file; use :func:`replace` to change text in
place when the fixture's own line numbers should hold.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

import pytest
import yaml

from perfcode.check import run_check
from perfcode.report import line_of

REPO = Path(__file__).resolve().parents[1]
MINIMAL = REPO / "tests" / "fixtures" / "minimal"
TODAY = "2026-11-24"
RULES = ("PC0", "PC1", "PC2", "PC3", "PC4", "PC5")
"""The codes the rule tests look at: the scoring rules (PC6xx) follow the computed scores,
which tests/unit/scoring covers."""


def make_company(dest: Path) -> Path:
    """A copy of the minimal company with the repository's schemas, at ``dest``."""
    shutil.copytree(MINIMAL, dest, dirs_exist_ok=True)
    shutil.copytree(REPO / "schemas", dest / "schemas")
    return dest


def git(root: Path, *args: str) -> None:
    """git in ``root`` as a fixed test author (a real repository, no mocks)."""
    author = ("-c", "user.name=T", "-c", "user.email=t@example.com")
    subprocess.run(["git", "-C", str(root), *author, *args], check=True, capture_output=True)


def commit_all(root: Path, message: str = "start") -> None:
    """Make ``root`` a git repository if it is not one, and commit everything in it."""
    if not (root / ".git").exists():
        git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", message)


def edit(root: Path, rel: str, change: Callable[[Any], object]) -> None:
    """Load ``rel``, let ``change`` modify the data in place (or return new data), dump it."""
    path = root / rel
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    result = change(data)
    if result is not None:
        data = result
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000), encoding="utf-8")


def replace(root: Path, rel: str, old: str, new: str) -> None:
    """Replace the one occurrence of ``old`` in ``rel`` by ``new``, keeping every other line."""
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {rel}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def findings(root: Path, select: Collection[str] = RULES, today: str = TODAY) -> list[str]:
    """The findings of the company as the text format shows them (without the summary).

    Each finding has the severity its rule is registered with: a code is an error or a
    warning, never both, so --select, --ignore and the exit code mean one thing per code.
    """
    from perfcode.rules import REGISTRY

    found = run_check(root, today, select).findings
    assert [(f.code, f.severity) for f in found] == [(f.code, REGISTRY[f.code].severity) for f in found]
    return [line_of(f) for f in found]


def codes(lines: Collection[str]) -> list[str]:
    """The rule code of each finding line."""
    return [line.split(": ", 1)[1].split(" ", 1)[0] for line in lines]


def registered(prefix: str) -> list[str]:
    """The codes in the rule registry that start with ``prefix``."""
    from perfcode.rules import all_rules

    return [rule.code for rule in all_rules() if rule.code.startswith(prefix)]


def coverage_tests(
    prefix: str, covered: list[str]
) -> tuple[Callable[[], None], Callable[[list[str], str], None]]:
    """The two tests every rules module has: its codes are the registry's, and the clean
    company has no finding of any of them."""

    def test_every_code_is_covered() -> None:
        assert registered(prefix) == covered

    @pytest.mark.parametrize("code", covered)
    def test_clean_company_has_no_finding(clean_findings: list[str], code: str) -> None:
        assert code not in codes(clean_findings)

    return test_every_code_is_covered, test_clean_company_has_no_finding
