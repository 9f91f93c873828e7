"""Recusal (PC723): nobody decides their own calibration, final rating or appeal, nor that
of someone they report to; when everyone eligible is, the governance's fallback decides."""

from __future__ import annotations

import pytest
from git_support import Company, perfcode

DANA = "reviews/2026-H2/dana-diaz.yaml"
PAT = "reviews/2026-H2/pat-park.yaml"
LEE = "reviews/2026-H1/lee-lund.yaml"
GOVERNANCE = "org/governance.yaml"
CALIBRATION_DAY = "2027-01-08"
CALIBRATED = """\
calibration:
  rating: 5
  reason: Carried the year.
  approved_by: performance-committee
  date: "2027-01-08"
"""


def review(person: str) -> str:
    return (
        f"person: {person}\ncycle: 2026-H2\nassessments:\n  - reviewer: {person}\n    relationship: self\n"
        '    submitted: "2026-12-08"\n    rating: 4\n'
    )


def policy(capsys: pytest.CaptureFixture[str], company: Company, actor: str, today: str) -> list[str]:
    args = ("check", "--select", "PC7", "--today", today, "--base", "main", "--actor", actor)
    return perfcode(capsys, company.root, *args)[1].splitlines()[:-1]


def calibrate(company: Company, path: str, person: str) -> None:
    company.write(path, review(person))
    company.commit(f"Self-assessment of {person}", person)
    company.write(path, review(person) + CALIBRATED)


def test_a_committee_member_does_not_calibrate_her_own_review(
    company_repo: Company, capsys: pytest.CaptureFixture[str]
) -> None:
    calibrate(company_repo, DANA, "dana-diaz")
    assert policy(capsys, company_repo, "dana-diaz", CALIBRATION_DAY) == [
        f"{DANA}:8:1: PC723 'calibration' added by @dana-diaz: nobody decides their own case or that of someone"
        " they report to; the performance committee (@eli-evans or @pat-park) may make this change",
    ]
    assert policy(capsys, company_repo, "eli-evans", CALIBRATION_DAY) == []


def test_the_presidents_case_goes_to_the_fallback(
    company_repo: Company, capsys: pytest.CaptureFixture[str]
) -> None:
    calibrate(company_repo, PAT, "pat-park")
    refused = (
        f"{PAT}:8:1: PC723 'calibration' added by @eli-evans: nobody decides their own case or that of someone"
        " they report to; the board of directors (@acme-board-chair) may make this change"
    )
    assert policy(capsys, company_repo, "eli-evans", CALIBRATION_DAY) == [refused]
    assert policy(capsys, company_repo, "acme-board-chair", CALIBRATION_DAY) == []


def test_without_a_fallback_nobody_decides_the_presidents_case(
    company_repo: Company, capsys: pytest.CaptureFixture[str]
) -> None:
    company_repo.replace(GOVERNANCE, "  github: [acme-board-chair]\n", "  github: [pat-park]\n")
    company_repo.commit("A fallback who is recused in the president's case")
    calibrate(company_repo, PAT, "pat-park")
    assert policy(capsys, company_repo, "pat-park", CALIBRATION_DAY) == [
        f"{PAT}:8:1: PC723 'calibration' added by @pat-park: nobody decides their own case or that of someone"
        " they report to; nobody may: everyone eligible is recused; declare a recusal_fallback in"
        " org/governance.yaml",
    ]


def test_an_appeal_body_member_does_not_decide_her_own_appeal(
    company_repo: Company, capsys: pytest.CaptureFixture[str]
) -> None:
    company_repo.replace(
        LEE,
        "final_rating: 1\n",
        'final_rating: 1\nappeal:\n  filed: "2026-07-21"\n  grounds: The defects were not mine.\n',
    )
    company_repo.commit("My appeal", "lee-lund")
    company_repo.replace(
        LEE, "  grounds: The defects were not mine.\n",
        '  grounds: The defects were not mine.\n  decision: amended\n  decided: "2026-08-01"\n  rating: 2\n',
    )  # fmt: skip
    company_repo.replace(LEE, "final_rating: 1\n", "final_rating: 2\n")
    recused = "by @lee-lund: nobody decides their own case or that of someone they report to"
    assert policy(capsys, company_repo, "lee-lund", "2026-11-24") == [
        f"{LEE}:20:1: PC723 'final_rating' changed 1 -> 2 {recused}; those not recused (@dana-diaz, @eli-evans"
        " or @pat-park) may make this change",
        f"{LEE}:21:1: PC723 'appeal' added {recused}; the board of directors (@acme-board-chair) may make this"
        " change",
    ]
