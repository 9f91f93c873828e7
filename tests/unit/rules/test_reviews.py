"""PC4xx: reviewers, ratings, appeals, feedback, final ratings and improvement plans."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import coverage_tests, findings, replace

CODES = [f"PC{n}" for n in range(401, 410)]
R = "reviews/2026-H1/"
KIM = R + "kim-kato.yaml"
SAM = R + "sam-stone.yaml"
DANA = R + "dana-diaz.yaml"
LEE_AS_PEER = "reviewer: lee-lund\n    relationship: peer"


test_every_code_is_covered, test_clean_company_has_no_finding = coverage_tests("PC4", CODES)


def reviewer(who: str, relationship: str) -> str:
    return f"reviewer: {who}\n    relationship: {relationship}"


@pytest.mark.parametrize(
    ("path", "old", "new", "expected"),
    [
        pytest.param(
            KIM,
            reviewer("eli-evans", "manager"),
            reviewer("pat-park", "manager"),
            "reviews/2026-H1/kim-kato.yaml:8:5: PC401 manager reviewer 'pat-park': the manager of 'kim-kato' is"
            " 'eli-evans'; correct the reviewer or the relationship",
            id="PC401-manager",
        ),
        pytest.param(
            KIM,
            reviewer("kim-kato", "self"),
            reviewer("lee-lund", "self"),
            "reviews/2026-H1/kim-kato.yaml:4:5: PC401 self reviewer 'lee-lund': a self-assessment must be by"
            " 'kim-kato'; correct the reviewer or the relationship",
            id="PC401-self",
        ),
        pytest.param(
            KIM,
            LEE_AS_PEER,
            reviewer("pat-park", "peer"),
            "reviews/2026-H1/kim-kato.yaml:15:5: PC401 peer reviewer 'pat-park': 'pat-park' is 'kim-kato' or in"
            " their management line, not a peer; correct the reviewer or the relationship",
            id="PC401-peer",
        ),
        pytest.param(
            KIM,
            LEE_AS_PEER,
            reviewer("dana-diaz", "skip-level"),
            "reviews/2026-H1/kim-kato.yaml:15:5: PC401 skip-level reviewer 'dana-diaz': the skip-level manager"
            " of 'kim-kato' is 'pat-park'; correct the reviewer or the relationship",
            id="PC401-skip-level",
        ),
        pytest.param(
            DANA,
            reviewer("eli-evans", "peer"),
            reviewer("eli-evans", "skip-level"),
            "reviews/2026-H1/dana-diaz.yaml:16:5: PC401 skip-level reviewer 'eli-evans': 'dana-diaz' has no"
            " skip-level manager; correct the reviewer or the relationship",
            id="PC401-no-skip-level",
        ),
        pytest.param(
            R + "eli-evans.yaml",
            reviewer("dana-diaz", "peer"),
            reviewer("sam-stone", "direct-report"),
            "reviews/2026-H1/eli-evans.yaml:15:5: PC401 direct-report reviewer 'sam-stone': 'sam-stone' does"
            " not report to 'eli-evans'; correct the reviewer or the relationship",
            id="PC401-direct-report",
        ),
        pytest.param(
            R + "pat-park.yaml",
            reviewer("eli-evans", "committee"),
            reviewer("kim-kato", "committee"),
            "reviews/2026-H1/pat-park.yaml:8:5: PC401 committee reviewer 'kim-kato': 'kim-kato' is not on the"
            " performance committee; correct the reviewer or the relationship",
            id="PC401-committee",
        ),
        pytest.param(
            KIM,
            LEE_AS_PEER + "\n",
            f"{LEE_AS_PEER}\n  - {LEE_AS_PEER}\n",
            "reviews/2026-H1/kim-kato.yaml:17:5: PC401 'lee-lund' assesses 'kim-kato' twice as peer; keep one"
            " assessment per reviewer and relationship",
            id="PC401-twice",
        ),
        pytest.param(
            KIM,
            LEE_AS_PEER,
            reviewer("lee-lundh", "peer"),
            "reviews/2026-H1/kim-kato.yaml:15:5: PC101 unknown person 'lee-lundh'; did you mean 'lee-lund'?",
            id="PC401-unknown-reviewer",
        ),
        pytest.param(
            KIM,
            'submitted: "2026-06-04"\n    rating: 4',
            'submitted: "2026-06-04"\n    rating: 6',
            "reviews/2026-H1/kim-kato.yaml:7:5: PC402 rating 6 is not on the scale (1, 2, 3, 4, 5); use a level"
            " of the framework's scale",
            id="PC402-rating",
        ),
        pytest.param(
            KIM,
            "{id: craft, rating: 5}",
            "{id: leadership, rating: 5}",
            "reviews/2026-H1/kim-kato.yaml:13:10: PC402 competency 'leadership' is not rated for class"
            " 'professional'; rate one of: collaboration, craft",
            id="PC402-competency",
        ),
        pytest.param(
            SAM,
            'filed: "2026-07-15"',
            'filed: "2026-07-21"',
            "reviews/2026-H1/sam-stone.yaml:25:3: PC403 appeal filed 2026-07-21, outside the window"
            " 2026-07-06..2026-07-20; appeals are filed within 14 days of the results phase start",
            id="PC403-filed",
        ),
        pytest.param(
            SAM,
            'decided: "2026-07-30"',
            'decided: "2026-08-30"',
            "reviews/2026-H1/sam-stone.yaml:28:3: PC403 appeal decided 2026-08-30, outside"
            " 2026-07-15..2026-08-14; decisions fall within 30 days of filing",
            id="PC403-decided",
        ),
        pytest.param(
            KIM,
            'meeting: "2026-07-13", acknowledged: "2026-07-15"',
            'meeting: "2026-07-28", acknowledged: "2026-07-28"',
            "reviews/2026-H1/kim-kato.yaml:20:12: PC404 feedback meeting on 2026-07-28, outside the window"
            " 2026-07-06..2026-07-27; hold it within 21 days of the results phase start",
            id="PC404-meeting",
        ),
        pytest.param(
            KIM,
            'acknowledged: "2026-07-15"',
            'acknowledged: "2026-07-21"',
            "reviews/2026-H1/kim-kato.yaml:20:35: PC404 acknowledged on 2026-07-21, outside"
            " 2026-07-13..2026-07-20; the employee acknowledges after the meeting, within the framework's days",
            id="PC404-acknowledged",
        ),
        pytest.param(
            KIM,
            'meeting: "2026-07-13", ',
            "",
            "reviews/2026-H1/kim-kato.yaml:20:12: PC404 acknowledged, but no feedback meeting is recorded; add"
            " feedback.meeting",
            id="PC404-no-meeting",
        ),
        pytest.param(
            DANA,
            "final_rating: 4",
            "final_rating: 3",
            "reviews/2026-H1/dana-diaz.yaml:25:1: PC405 final rating 3 differs from the calibrated rating 4; set"
            " final_rating: 4",
            id="PC405-calibrated",
        ),
        pytest.param(
            DANA,
            "approved_by: performance-committee",
            "approved_by: pat-park",
            "reviews/2026-H1/dana-diaz.yaml:23:3: PC405 calibration approved by 'pat-park', which is not a"
            " governance body; use one of: engineering-promotion, hr-support, performance-committee,"
            " sales-promotion",
            id="PC405-approver",
        ),
        pytest.param(
            SAM,
            "decision: upheld",
            "decision: amended\n  rating: 4",
            "reviews/2026-H1/sam-stone.yaml:22:1: PC405 final rating 3 differs from the amended appeal rating 4;"
            " set final_rating: 4",
            id="PC405-appeal",
        ),
        pytest.param(
            R + "lee-lund.yaml",
            "kind: improvement",
            "kind: development",
            "reviews/2026-H1/lee-lund.yaml:20:1: PC406 final rating 1 requires an improvement plan, and the"
            " review has none; add plan: {kind: improvement, start, end, items}",
            id="PC406",
        ),
    ],
)
def test_finding(company: Path, path: str, old: str, new: str, expected: str) -> None:
    replace(company, path, old, new)
    assert findings(company) == [expected]


def test_calibration_without_approver(company: Path) -> None:
    replace(company, DANA, "  approved_by: performance-committee\n", "")
    assert findings(company) == [
        "reviews/2026-H1/dana-diaz.yaml:20:1: PC010 'calibration' is missing the required key 'approved_by';"
        " expected: The committee's adjustment of the computed rating; only with a reason"
    ]


def test_an_earlier_manager_gives_input_when_the_framework_asks(company: Path) -> None:
    """Kim moved from Eli to Pat in the middle of 2026-H1; the framework asks for Eli's input."""
    replace(
        company,
        "org/people/kim-kato.yaml",
        "class: professional\n",
        'class: professional\nhistory:\n  - {until: "2026-03-31", manager: pat-park}\n',
    )
    assert findings(company, select=("PC409",)) == []
    replace(company, "org/framework.yaml", "appeals:", "participation: {earlier_manager: input}\nappeals:")
    assert [f.split(": ", 1)[1] for f in findings(company, select=("PC409",))] == [
        "PC409 'kim-kato' had 'pat-park' as manager during 2026-H1, who has not assessed them; add an assessment"
        " by 'pat-park' with relationship earlier-manager"
    ]
