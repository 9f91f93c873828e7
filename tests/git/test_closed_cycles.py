"""Pull requests against a closed cycle that has a record: only the appeal body, and only
to carry an appeal decision into the review and the record."""

from __future__ import annotations

import json

import pytest
from git_support import Company, perfcode

SAM_REVIEW = "reviews/2026-H1/sam-stone.yaml"
SAM_RECORD = "reviews/2026-H1/record/sam-stone.yaml"


@pytest.fixture
def sealed(company_repo: Company, capsys: pytest.CaptureFixture[str]) -> Company:
    code, _, err = perfcode(capsys, company_repo.root, "cycle", "close", "2026-H1", "--today", "2026-11-24")
    assert (code, err) == (0, "")
    return company_repo


def policy(capsys: pytest.CaptureFixture[str], company: Company, actor: str) -> list[str]:
    args = ("check", "--select", "PC7,PC8", "--today", "2026-11-24", "--base", "main", "--actor", actor)
    return perfcode(capsys, company.root, *args)[1].splitlines()[:-1]


def amend(capsys: pytest.CaptureFixture[str], company: Company) -> None:
    company.replace(SAM_REVIEW, "  decision: upheld\n", "  decision: amended\n  rating: 4\n")
    code, _, err = perfcode(
        capsys, company.root, "cycle", "amend", "2026-H1", "sam-stone", "--today", "2026-11-24"
    )
    assert (code, err) == (0, "")


def test_the_appeal_body_amends_a_closed_cycle(sealed: Company, capsys: pytest.CaptureFixture[str]) -> None:
    amend(capsys, sealed)
    assert policy(capsys, sealed, "lee-lund") == []


def test_nobody_else_amends_a_closed_cycle(sealed: Company, capsys: pytest.CaptureFixture[str]) -> None:
    amend(capsys, sealed)
    found = policy(capsys, sealed, "sam-stone")
    assert [(line.split(":")[0], line.split(" ", 2)[1]) for line in found] == [
        (SAM_RECORD, "PC721"),
        (SAM_RECORD, "PC721"),
        (SAM_RECORD, "PC721"),
        (SAM_REVIEW, "PC721"),
    ]
    assert all("the HR support group (@lee-lund) may make this change" in line for line in found)


def test_a_forged_record_is_refused(sealed: Company, capsys: pytest.CaptureFixture[str]) -> None:
    """The record's own values change only with an amended appeal in the review."""
    sealed.replace(SAM_RECORD, "  final_rating: 3\n", "  final_rating: 5\n")
    found = policy(capsys, sealed, "lee-lund")
    assert [line.split(" ", 2)[1] for line in found] == ["PC713"]
    assert (
        "in closed cycle 2026-H1: a closed cycle is read-only except through an appeal decision" in found[0]
    )


def test_a_closed_review_stays_locked(sealed: Company, capsys: pytest.CaptureFixture[str]) -> None:
    sealed.replace(SAM_REVIEW, "    rating: 5\n", "    rating: 4\n")
    found = policy(capsys, sealed, "dana-diaz")
    assert sorted(line.split(" ", 2)[1] for line in found) == ["PC713", "PC721", "PC801"]


def test_a_leaver_matches_no_actor_and_approves_nothing(
    company_repo: Company, capsys: pytest.CaptureFixture[str]
) -> None:
    company_repo.replace(
        "org/people/sam-stone.yaml", "class: professional\n", 'class: professional\nleft: "2026-10-31"\n'
    )
    code, _, err = perfcode(capsys, company_repo.root, "codeowners", "--write")
    assert (code, err) == (0, "")
    assert "@sam-stone" not in (company_repo.root / ".github/CODEOWNERS").read_text(encoding="utf-8")
    company_repo.commit("Sam left")
    company_repo.replace(
        "goals/2026-H2/people/sam-stone.yaml",
        '          - {date: "2026-08-31", value: 20000}\n',
        '          - {date: "2026-08-31", value: 20000}\n          - {date: "2026-11-20", value: 90000}\n',
    )
    found = policy(capsys, company_repo, "sam-stone")
    assert len(found) == 1 and "by @sam-stone (not a person in org/people)" in found[0]


def test_the_diff_reads_a_closed_cycle_from_its_record(
    sealed: Company, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = perfcode(capsys, sealed.root, "diff", "HEAD^1", "HEAD", "--today", "2026-11-24")
    assert code == 0 and out.endswith("- no score or rating moves in `2026-H1`\n")
    amend(capsys, sealed)
    code, out, _ = perfcode(capsys, sealed.root, "diff", "HEAD", "--today", "2026-11-24", "--format", "json")
    moved = [(s["subject"], s["measure"], s["before"], s["after"]) for s in json.loads(out)["scores"]]
    assert moved == [("sam-stone", "final rating", "3", "4")]
