"""PC9xx: governance records (a promotion group's reports), and reports in PC101 and PC102."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import coverage_tests, findings, replace, write

CODES = ["PC911"]
ENGINEERING = "governance/reports/2026-H2/engineering-promotion.yaml"
REPORT = """\
group: engineering-promotion
cycle: 2026-H2
reports:
  - date: "2026-09-30"
    figures: {as_of: "2026-09-30", participants: 1}
    progress: On plan.
  - date: "2026-10-30"
problems:
  - id: late-check-ins
    title: Check-ins lag
    found: "2026-09-30"
    owner: kim-kato
    due: "2026-10-31"
    status: resolved
    resolved: "2026-10-20"
  - id: weights
    title: Weights do not add up
    found: "2026-10-30"
    owner: eli-evans
    due: "2026-12-15"
    status: open
"""
SELECT = ("PC0", "PC1", "PC2", "PC3", "PC4", "PC5", "PC9")


test_every_code_is_covered, test_clean_company_has_no_finding = coverage_tests("PC91", CODES)


@pytest.fixture
def reported(company: Path) -> Path:
    write(company, ENGINEERING, REPORT)
    return company


def test_a_report_is_clean(reported: Path) -> None:
    assert findings(reported, SELECT) == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(
            'date: "2026-10-30"\nproblems',
            'date: "2026-09-30"\nproblems',
            f"{ENGINEERING}:7:5: PC911 report of 2026-09-30 follows the report of 2026-09-30; list the reports"
            " oldest first, one per day",
            id="PC911-order",
        ),
        pytest.param(
            'date: "2026-10-30"\nproblems',
            'date: "2026-11-30"\nproblems',
            f"{ENGINEERING}:7:5: PC911 report of 2026-11-30 is in the future; date it the day it is given",
            id="PC911-future",
        ),
        pytest.param(
            "id: weights",
            "id: late-check-ins",
            f"{ENGINEERING}:16:5: PC911 a second problem 'late-check-ins'; give each problem its own id",
            id="PC911-id",
        ),
        pytest.param(
            'due: "2026-12-15"',
            'due: "2026-10-01"',
            f"{ENGINEERING}:20:5: PC911 problem 'weights' is due on 2026-10-01, before it was found on"
            " 2026-10-30; correct the dates",
            id="PC911-due",
        ),
        pytest.param(
            '    resolved: "2026-10-20"\n',
            "",
            f"{ENGINEERING}:14:5: PC911 problem 'late-check-ins' is resolved, but not when; add resolved:"
            ' "YYYY-MM-DD"',
            id="PC911-resolved-when",
        ),
        pytest.param(
            "    status: open\n",
            '    status: open\n    resolved: "2026-11-01"\n',
            f"{ENGINEERING}:22:5: PC911 problem 'weights' is open and says it was resolved on 2026-11-01; set"
            " status: resolved, or remove resolved",
            id="PC911-open-resolved",
        ),
        pytest.param(
            'resolved: "2026-10-20"',
            'resolved: "2026-09-01"',
            f"{ENGINEERING}:15:5: PC911 problem 'late-check-ins' was resolved on 2026-09-01, before it was"
            " found on 2026-09-30; correct the dates",
            id="PC911-resolved-early",
        ),
        pytest.param(
            "owner: kim-kato",
            "owner: kim",
            f"{ENGINEERING}:12:5: PC101 unknown person 'kim'; add person 'kim' or correct the reference",
            id="PC101-owner",
        ),
        pytest.param(
            "cycle: 2026-H2",
            "cycle: 2026-H1",
            f"{ENGINEERING}:2:1: PC102 cycle '2026-H1' does not match the file's place ('2026-H2'); set cycle:"
            " 2026-H2 or rename the file to match",
            id="PC102-cycle",
        ),
    ],
)
def test_finding(reported: Path, old: str, new: str, expected: str) -> None:
    replace(reported, ENGINEERING, old, new)
    assert findings(reported, SELECT) == [expected]


def test_a_report_of_an_unknown_group_and_cycle(reported: Path) -> None:
    text = REPORT.replace("engineering-promotion", "engineering").replace("2026-H2", "2027-H1")
    write(reported, "governance/reports/2027-H1/engineering.yaml", text)
    assert findings(reported, SELECT) == [
        "governance/reports/2027-H1/engineering.yaml:1:1: PC101 unknown promotion group 'engineering'; did"
        " you mean 'engineering-promotion'?",
        "governance/reports/2027-H1/engineering.yaml:2:1: PC911 there is no cycle '2027-H1' to report on;"
        " cycles: 2026-H1, 2026-H2",
    ]


def test_governance_records_outlive_the_cycle(reported: Path) -> None:
    """A report on a cycle is not frozen with it: the close seals goals/ and reviews/ only."""
    from perfcode.records import in_sealed

    assert in_sealed(ENGINEERING, {"2026-H2"}) is None
