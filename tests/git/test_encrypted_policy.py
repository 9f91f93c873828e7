"""The pull-request policy over encrypted reviews: judged from the ciphertext alone, with no key."""

from __future__ import annotations

from pathlib import Path

import pyrage
import pytest
from git_support import Company
from test_policy import KIM_REVIEW, policy

from perfcode.check import run_check
from perfcode.crypt.recipients import audience
from perfcode.crypt.seal import seal_document
from perfcode.emit import dump
from perfcode.strict_yaml import read_data

PEOPLE = ("dana-diaz", "eli-evans", "kim-kato", "lee-lund", "pat-park", "sam-stone")
KIM = {
    "person": "kim-kato",
    "cycle": "2026-H2",
    "assessments": [
        {"reviewer": "eli-evans", "relationship": "manager", "submitted": "2026-12-15", "rating": 3}
    ],
    "final_rating": 3,
}
KEYS = {person: pyrage.x25519.Identity.generate() for person in (*PEOPLE, "scoring")}


def seal(root: Path, plain: dict[str, object]) -> None:
    path = root / KIM_REVIEW
    previous = read_data(path.read_text()) if path.exists() else None
    repo = run_check(root, "2026-11-24", use_cache=False).repo
    sealed = seal_document("review", plain, audience(repo, "kim-kato"), [KEYS["lee-lund"]], previous)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump(sealed))


@pytest.fixture
def encrypted(company_repo: Company) -> Company:
    for person in PEOPLE:
        path = company_repo.root / "org/people" / f"{person}.yaml"
        path.write_text(path.read_text() + f"age: {KEYS[person].to_public()}\n")
    gov = company_repo.root / "org/governance.yaml"
    gov.write_text(f"scoring_key: {KEYS['scoring'].to_public()}\n" + gov.read_text())
    seal(company_repo.root, KIM)
    company_repo.commit("Kim's review, encrypted", "eli-evans")
    return company_repo


LOCK = (
    "after calibration of 2026-H2 closed on 2027-01-15: ratings are locked; a rating now changes only through an "
    "appeal decision (decision: amended, with the rating), recorded by the HR support group (@lee-lund)"
)


def test_a_changed_assessment_is_locked_after_calibration(
    encrypted: Company, capsys: pytest.CaptureFixture[str]
) -> None:
    seal(encrypted.root, {**KIM, "assessments": [{**KIM["assessments"][0], "rating": 4}]})
    found = [line.split(": ", 1)[1] for line in policy(capsys, encrypted, "eli-evans", "2027-01-20")]
    assert found == [f"PC712 'assessments[eli-evans/manager].encrypted' changed {LOCK}"]


def test_the_appeal_body_changes_the_decision_and_the_final_rating_without_a_key(
    encrypted: Company, capsys: pytest.CaptureFixture[str]
) -> None:
    filed = {"filed": "2027-01-18", "grounds": "The December deal counts."}
    seal(encrypted.root, {**KIM, "appeal": filed})
    encrypted.commit("Kim appeals", "kim-kato")
    decided = {**filed, "decision": "amended", "decided": "2027-01-19", "rating": 4}
    seal(encrypted.root, {**KIM, "appeal": decided, "final_rating": 4})
    assert policy(capsys, encrypted, "lee-lund", "2027-01-20") == []


def test_a_final_rating_alone_is_refused(encrypted: Company, capsys: pytest.CaptureFixture[str]) -> None:
    seal(encrypted.root, {**KIM, "final_rating": 4})
    found = [line.split(": ", 1)[1] for line in policy(capsys, encrypted, "kim-kato", "2027-01-20")]
    assert [line.split(" ")[0] for line in found] == ["PC712", "PC721"]
    assert all("'final_rating.encrypted' changed" in line for line in found)
