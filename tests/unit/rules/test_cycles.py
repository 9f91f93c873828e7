"""PC3xx: cycles, their phases and who takes part."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import coverage_tests, findings, replace, write

CODES = [f"PC{n}" for n in range(301, 306)]
H2 = "goals/2026-H2/"
CYCLE = H2 + "cycle.yaml"


test_every_code_is_covered, test_clean_company_has_no_finding = coverage_tests("PC3", CODES)


@pytest.mark.parametrize(
    ("path", "old", "new", "expected"),
    [
        pytest.param(
            CYCLE,
            'end: "2026-12-31"',
            'end: "2026-06-30"',
            "goals/2026-H2/cycle.yaml:3:1: PC301 cycle 2026-H2 ends (2026-06-30) before it starts (2026-07-01);"
            " swap or correct the dates",
            id="PC301-period",
        ),
        pytest.param(
            CYCLE,
            'evaluation: {start: "2026-12-07", end: "2026-12-18"}',
            'evaluation: {start: "2026-12-18", end: "2026-12-07"}',
            "goals/2026-H2/cycle.yaml:10:3: PC301 phase evaluation of 2026-H2 ends (2026-12-07) before it"
            " starts (2026-12-18); correct the dates",
            id="PC301-phase",
        ),
        pytest.param(
            CYCLE,
            'evaluation: {start: "2026-12-07"',
            'evaluation: {start: "2026-12-04"',
            "goals/2026-H2/cycle.yaml:10:16: PC301 phase evaluation of 2026-H2 starts 2026-12-04, not after"
            " phase coaching ends (2026-12-04); phases follow each other in order without overlapping",
            id="PC301-overlap",
        ),
        pytest.param(
            CYCLE,
            'planning: {start: "2026-07-01"',
            'planning: {start: "2026-06-20"',
            "goals/2026-H2/cycle.yaml:8:14: PC301 phase planning of 2026-H2 starts 2026-06-20, before the"
            " period starts (2026-07-01); phases follow each other in order without overlapping",
            id="PC301-planning",
        ),
        pytest.param(
            CYCLE,
            "status: open",
            'parent: "2026"\nstatus: open',
            "goals/2026-H2/cycle.yaml:4:1: PC302 enclosing cycle '2026' does not exist; add"
            " goals/2026/cycle.yaml or remove parent",
            id="PC302-unknown-parent",
        ),
        pytest.param(
            CYCLE,
            "status: open",
            "parent: 2026-H1\nstatus: open",
            "goals/2026-H2/cycle.yaml:3:1: PC302 period 2026-07-01..2026-12-31 lies outside enclosing cycle"
            " 2026-H1 (2026-01-01..2026-06-30); keep the period inside the enclosing cycle's",
            id="PC302-outside-parent",
        ),
        pytest.param(
            "goals/2026-H1/people/sam-stone.yaml",
            'date: "2026-03-31"',
            'date: "2025-12-31"',
            "goals/2026-H1/people/sam-stone.yaml:18:14: PC303 check-in of 'close-deals/deals' on 2025-12-31 is"
            " outside cycle 2026-H1 (2026-01-01..2026-06-30); date the check-in inside the cycle",
            id="PC303-outside",
        ),
        pytest.param(
            H2 + "people/sam-stone.yaml",
            'date: "2026-10-30"',
            'date: "2026-11-30"',
            "goals/2026-H2/people/sam-stone.yaml:19:14: PC303 check-in of 'upsell-accounts/upsell' is dated"
            " 2026-11-30, after today (2026-11-24); a check-in records progress already made: date it today or earlier",
            id="PC303-future",
        ),
    ],
)
def test_finding(company: Path, path: str, old: str, new: str, expected: str) -> None:
    replace(company, path, old, new)
    assert findings(company) == [expected]


def test_unknown_class_takes_its_people_out(company: Path) -> None:
    replace(company, CYCLE, "classes: [professional]", "classes: [professionals]")
    assert findings(company) == [
        "goals/2026-H2/cycle.yaml:5:11: PC302 unknown class 'professionals'; did you mean 'professional'?",
        "goals/2026-H2/people/kim-kato.yaml:1:1: PC305 'kim-kato' does not take part in 2026-H2; add their"
        " class to the cycle's classes, or remove them from exclude",
        "goals/2026-H2/people/sam-stone.yaml:1:1: PC305 'sam-stone' does not take part in 2026-H2; add their"
        " class to the cycle's classes, or remove them from exclude",
    ]


def test_folder_without_cycle(company: Path) -> None:
    write(company, "goals/2026-Q4/units/sales.yaml", "owner: sales\ngoals: []\n")
    assert findings(company) == [
        "goals/2026-Q4/units/sales.yaml:1:1: PC302 cycle '2026-Q4' has no goals/2026-Q4/cycle.yaml; add the"
        " cycle file or move this file into an existing cycle"
    ]


def test_missing_goal_file_after_planning(company: Path) -> None:
    (company / H2 / "people" / "kim-kato.yaml").unlink()
    assert findings(company) == [
        "goals/2026-H2/cycle.yaml:8:3: PC304 'kim-kato' takes part in 2026-H2 but has no"
        " goals/2026-H2/people/kim-kato.yaml; add the goal file, or list 'kim-kato' under exclude"
    ]


def test_missing_goal_file_is_fine_during_planning(company: Path) -> None:
    (company / H2 / "people" / "kim-kato.yaml").unlink()
    replace(
        company,
        CYCLE,
        'planning: {start: "2026-07-01", end: "2026-07-20"}',
        'planning: {start: "2026-07-01", end: "2026-11-24"}',
    )
    replace(company, CYCLE, 'coaching: {start: "2026-07-21"', 'coaching: {start: "2026-11-25"')
    assert findings(company) == []


@pytest.mark.parametrize("person", ["lee-lund", "eli-evans"], ids=["excluded", "other-class"])
def test_non_participant(company: Path, person: str) -> None:
    write(company, f"{H2}people/{person}.yaml", f"owner: {person}\ngoals: []\n")
    assert findings(company) == [
        f"goals/2026-H2/people/{person}.yaml:1:1: PC305 '{person}' does not take part in 2026-H2; add their"
        " class to the cycle's classes, or remove them from exclude"
    ]
