"""Acceptance cases: each folder of tests/cases/ changes the minimal company and holds the
exact output of ``perfcode check --today 2026-11-24`` on the result.

A case folder holds files that overlay the company at the same relative paths; an (empty)
file named ``<path>.delete`` deletes that file or folder. ``expected.txt`` is the output,
``args.txt`` optional extra arguments (split on whitespace) and ``expected_exit.txt`` the
exit status, needed only when the output is not the text format (the text format's summary
says whether there are findings). Run with UPDATE_CASES=1 to rewrite every expected.txt,
then review the diff.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from perfcode.cli import main
from support import REPO, TODAY, make_company

CASES = REPO / "tests" / "cases"
META = {"expected.txt", "expected_exit.txt", "args.txt"}
UPDATE = os.environ.get("UPDATE_CASES") == "1"


def build(case: Path, dest: Path) -> Path:
    """The minimal company at ``dest`` with the case's files laid over it."""
    make_company(dest)
    for source in sorted(p for p in case.rglob("*") if p.is_file()):
        rel = source.relative_to(case)
        if rel.as_posix() in META:
            continue
        target = dest / rel
        if source.name.endswith(".delete"):
            doomed = target.with_name(source.name.removesuffix(".delete"))
            assert doomed.exists(), f"{rel}: nothing to delete"
            shutil.rmtree(doomed) if doomed.is_dir() else doomed.unlink()
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    return dest


def expected_exit(case: Path, output: str) -> int:
    if (case / "expected_exit.txt").exists():
        return int((case / "expected_exit.txt").read_text(encoding="utf-8"))
    # Warnings inform, errors block: the summary line says which there are.
    return 1 if re.search(r": [1-9][0-9]* error\(s\)", output.splitlines()[-1]) else 0


@pytest.mark.parametrize("name", sorted(p.name for p in CASES.iterdir() if p.is_dir()))
def test_case(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case = CASES / name
    root = build(case, tmp_path / "company")
    args_file = case / "args.txt"
    args = args_file.read_text(encoding="utf-8").split() if args_file.exists() else []
    code = main(["--root", str(root), "check", "--today", TODAY, *args])
    output = capsys.readouterr().out
    if UPDATE:
        (case / "expected.txt").write_text(output, encoding="utf-8")
    assert output == (case / "expected.txt").read_text(encoding="utf-8")
    assert code == expected_exit(case, output)
