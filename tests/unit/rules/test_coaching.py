"""PC407-PC408 (coaching records), and the coaching record in PC101, PC102 and PC305.

The codes are counted with the other PC4xx codes in test_reviews.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from support import findings, replace, write

KIM = "reviews/2026-H2/coaching/kim-kato.yaml"
RECORD = """\
person: kim-kato
cycle: 2026-H2
conversations:
  - date: "2026-08-12"
    coach: eli-evans
    goals: [firmware-update]
    notes: On track.
  - date: "2026-10-01"
    coach: pat-park
    actions:
      - {action: Ship the beta, due: "2026-10-31"}
"""


@pytest.fixture
def coached(company: Path) -> Path:
    write(company, KIM, RECORD)
    return company


def test_a_record_by_the_manager_and_the_skip_level_is_clean(coached: Path) -> None:
    assert findings(coached) == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(
            "coach: pat-park",
            "coach: lee-lund",
            "reviews/2026-H2/coaching/kim-kato.yaml:9:5: PC407 'lee-lund' is not the manager or skip-level"
            " manager of 'kim-kato' on 2026-10-01; the coach is 'eli-evans' or 'pat-park'",
            id="PC407-peer",
        ),
        pytest.param(
            "coach: pat-park",
            "coach: pat-parker",
            "reviews/2026-H2/coaching/kim-kato.yaml:9:5: PC101 unknown person 'pat-parker'; did you mean"
            " 'pat-park'?",
            id="PC101-coach",
        ),
        pytest.param(
            'date: "2026-10-01"',
            'date: "2026-08-12"',
            "reviews/2026-H2/coaching/kim-kato.yaml:8:5: PC408 a second conversation on 2026-08-12; merge the"
            " two into one",
            id="PC408-twice",
        ),
        pytest.param(
            'date: "2026-10-01"',
            'date: "2026-06-30"',
            "reviews/2026-H2/coaching/kim-kato.yaml:8:5: PC408 conversation on 2026-06-30 is outside 2026-H2"
            " (2026-07-01..2026-12-31); record it in the coaching record of the cycle it belongs to",
            id="PC408-outside",
        ),
        pytest.param(
            'date: "2026-10-01"',
            'date: "2026-11-30"',
            "reviews/2026-H2/coaching/kim-kato.yaml:8:5: PC408 conversation on 2026-11-30 is in the future;"
            " record it once it is held",
            id="PC408-future",
        ),
        pytest.param(
            "goals: [firmware-update]",
            "goals: [firmware-updates]",
            "reviews/2026-H2/coaching/kim-kato.yaml:6:13: PC408 conversation on 2026-08-12 names goal"
            " 'firmware-updates', which is not in goals/2026-H2/people/kim-kato.yaml; did you mean"
            " 'firmware-update'?",
            id="PC408-goal",
        ),
        pytest.param(
            "cycle: 2026-H2",
            "cycle: 2026-H1",
            "reviews/2026-H2/coaching/kim-kato.yaml:2:1: PC102 cycle '2026-H1' does not match the file's"
            " place ('2026-H2'); set cycle: 2026-H2 or rename the file to match",
            id="PC102-cycle",
        ),
    ],
)
def test_finding(coached: Path, old: str, new: str, expected: str) -> None:
    replace(coached, KIM, old, new)
    assert findings(coached) == [expected]


def test_a_record_named_after_someone_else(coached: Path) -> None:
    replace(coached, KIM, "person: kim-kato", "person: lee-lund")
    assert findings(coached) == [
        "reviews/2026-H2/coaching/kim-kato.yaml:1:1: PC102 person 'lee-lund' does not match the file's"
        " place ('kim-kato'); set person: kim-kato or rename the file to match",
        "reviews/2026-H2/coaching/kim-kato.yaml:1:1: PC305 'lee-lund' does not take part in 2026-H2; add"
        " their class to the cycle's classes, or remove them from exclude",
    ]


def test_the_coach_is_the_manager_of_the_day(coached: Path) -> None:
    """A transfer during the cycle changes who coaches: the day of the conversation decides."""
    replace(
        coached,
        "org/people/kim-kato.yaml",
        "manager: eli-evans\n",
        'manager: dana-diaz\nhistory:\n  - {until: "2026-09-30", manager: eli-evans}\n',
    )
    assert findings(coached) == []
    replace(coached, KIM, "coach: eli-evans", "coach: dana-diaz")
    assert findings(coached) == [
        "reviews/2026-H2/coaching/kim-kato.yaml:5:5: PC407 'dana-diaz' is not the manager or skip-level"
        " manager of 'kim-kato' on 2026-08-12; the coach is 'eli-evans' or 'pat-park'"
    ]


def test_a_record_of_someone_outside_the_cycle(coached: Path) -> None:
    write(coached, "reviews/2026-H2/coaching/lee-lund.yaml", RECORD.replace("kim-kato", "lee-lund"))
    assert findings(coached) == [
        "reviews/2026-H2/coaching/lee-lund.yaml:1:1: PC305 'lee-lund' does not take part in 2026-H2; add"
        " their class to the cycle's classes, or remove them from exclude"
    ]
