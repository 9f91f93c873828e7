"""PC731: a pull request that changes the checker itself is a warning for the reviewer,
whether the working tree still shows the change or CI put the base's schemas back."""

from __future__ import annotations

import pytest
from git_support import Company, perfcode

SAM = "goals/2026-H2/people/sam-stone.yaml"
HINT = "nothing automatic reviewed this change: a maintainer reads it line by line [warning]"


def change_the_checker(company: Company, capsys: pytest.CaptureFixture[str]) -> None:
    assert perfcode(capsys, company.root, "codeowners", "--write")[0] == 0
    company.commit("CODEOWNERS")
    company.branch("sam-stone/tools")
    company.replace("schemas/unit.schema.json", '"title": ', '"$comment": "looser",\n  "title": ')
    company.write("scripts/perfcode/policy_é.py", "ALLOW_ALL = True\n")
    company.write(".github/workflows/check.yml", "name: check\n")
    company.write("requirements.txt", "pyyaml==6.0.2\n")
    company.write("docs/notes.md", "not the checker\n")
    company.commit("Tools", "sam-stone")


def check(capsys: pytest.CaptureFixture[str], company: Company) -> tuple[int, list[str]]:
    args = ("check", "--select", "PC7", "--today", "2026-11-24", "--base", "main", "--actor", "sam-stone")
    code, out, _ = perfcode(capsys, company.root, *args)
    return code, out.splitlines()


def test_a_change_to_the_checker_is_a_warning_on_each_file(
    company_repo: Company, capsys: pytest.CaptureFixture[str]
) -> None:
    change_the_checker(company_repo, capsys)
    expected = [
        f".github/workflows/check.yml:1:1: PC731 the pull request changes a workflow; the check ran the base's"
        f" workflow; {HINT}",
        f"requirements.txt:1:1: PC731 the pull request changes the lock; it was judged with the base's lock; {HINT}",
        f"schemas/unit.schema.json:1:1: PC731 the pull request changes a schema; it was judged with the base's"
        f" schemas; {HINT}",
        f"scripts/perfcode/policy_é.py:1:1: PC731 the pull request changes perfcode's code; it was judged with"
        f" the base's code; {HINT}",
    ]
    code, lines = check(capsys, company_repo)
    assert (code, lines[:-1]) == (0, expected)
    company_repo.repo.git.execute(["git", "checkout", "main", "--", "schemas"])  # as CI does
    assert check(capsys, company_repo)[1][:-1] == expected


def test_a_data_change_alone_warns_of_nothing(
    company_repo: Company, capsys: pytest.CaptureFixture[str]
) -> None:
    company_repo.branch("sam-stone/progress")
    company_repo.replace(SAM, "value: 61000", "value: 62000")
    company_repo.commit("Progress", "sam-stone")
    assert check(capsys, company_repo)[1][:-1] == []
