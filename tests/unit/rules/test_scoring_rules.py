"""Scoring rules: PC602, a 360 group under its class's minimum, none included."""

from __future__ import annotations

from pathlib import Path

from support import findings, replace

SAM = "reviews/2026-H1/sam-stone.yaml"
PEER = """\
  - reviewer: kim-kato
    relationship: peer
    submitted: "2026-06-12"
    rating: 4
"""


def test_no_peer_assessment_is_under_the_minimum_too(company: Path) -> None:
    """Sam's class asks for a peer; a review without any is the same finding as one short."""
    assert findings(company, select=("PC602",)) == []
    replace(company, SAM, PEER, "")
    assert findings(company, select=("PC602",)) == [
        "reviews/2026-H1/sam-stone.yaml:3:1: PC602 0 peer assessment(s) of 'sam-stone', under the minimum of 1:"
        " the group is left out of the 360 score; add 1 more peer assessment(s)",
    ]


def test_a_group_nobody_can_be_in_is_left_out(company: Path) -> None:
    """Professionals are asked for a direct report's assessment: nobody reports to Sam, so his
    review has no finding, until Kim does."""
    replace(
        company,
        "org/framework.yaml",
        "      - {relationship: manager, weight: 60}\n",
        "      - {relationship: manager, weight: 55}\n      - {relationship: direct-report, weight: 5}\n",
    )
    assert findings(company, select=("PC602",)) == []
    replace(company, "org/people/kim-kato.yaml", "manager: eli-evans", "manager: sam-stone")
    assert findings(company, select=("PC602",)) == [
        "reviews/2026-H1/sam-stone.yaml:3:1: PC602 0 direct-report assessment(s) of 'sam-stone', under the"
        " minimum of 1: the group is left out of the 360 score; add 1 more direct-report assessment(s)",
    ]
