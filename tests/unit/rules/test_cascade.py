"""PC2xx: the cascade of goals, their weights and their key results."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from perfcode.check import run_check
from perfcode.report import line_of
from support import coverage_tests, edit, findings, replace

CODES = [f"PC{n}" for n in range(201, 213)]
H1 = "goals/2026-H1/"
KIM = H1 + "people/kim-kato.yaml"
LEE = H1 + "people/lee-lund.yaml"
SAM = H1 + "people/sam-stone.yaml"
TO_RELEASES = "aligns_to: [engineering/reliable-releases]"


test_every_code_is_covered, test_clean_company_has_no_finding = coverage_tests("PC2", CODES)


@pytest.mark.parametrize(
    ("path", "old", "new", "expected"),
    [
        pytest.param(
            KIM,
            "engineering/reliable-releases",
            "engineering/reliable-release",
            "goals/2026-H1/people/kim-kato.yaml:6:17: PC201 goal 'automate-tests' aligns to unknown goal"
            " 'engineering/reliable-release'; did you mean 'engineering/reliable-releases'?",
            id="PC201",
        ),
        pytest.param(
            H1 + "company.yaml",
            "    theme: quality\n",
            "",
            "goals/2026-H1/company.yaml:17:5: PC202 company goal 'ship-quality' names no strategy theme; add"
            " theme: <a theme id from org/company.yaml>",
            id="PC202-company",
        ),
        pytest.param(
            H1 + "units/sales.yaml",
            "    aligns_to: [company/grow-revenue]\n",
            "",
            "goals/2026-H1/units/sales.yaml:3:5: PC202 goal 'win-customers' aligns to nothing; add aligns_to:"
            " [<owner>/<goal>], or local: {reason: ...}",
            id="PC202-unit",
        ),
        pytest.param(
            KIM,
            f"    {TO_RELEASES}\n",
            "",
            "goals/2026-H1/people/kim-kato.yaml:3:5: PC202 goal 'automate-tests' aligns to nothing; add"
            " aligns_to: [<owner>/<goal>] or indicator: <position>/<indicator>, or local: {reason: ...}",
            id="PC202-person",
        ),
        pytest.param(
            KIM,
            "weight: 60",
            "weight: 50",
            "goals/2026-H1/people/kim-kato.yaml:7:5: PC204 key-result weights of goal 'automate-tests' sum to"
            " 90, not 100; adjust the weights so they sum to 100",
            id="PC204",
        ),
        pytest.param(
            "goals/2026-H2/people/sam-stone.yaml",
            "sales/expand-accounts",
            "sales/win-customers",
            "goals/2026-H2/people/sam-stone.yaml:6:17: PC206 'sales/win-customers' is a goal of cycle 2026-H1,"
            " which does not enclose 2026-H2; align to a goal of 2026-H2 or of a cycle that encloses it",
            id="PC206",
        ),
        pytest.param(
            KIM,
            TO_RELEASES,
            "aligns_to: [lee-lund/fix-backlog]",
            "goals/2026-H1/people/kim-kato.yaml:6:17: PC207 goal 'automate-tests' aligns to the personal goals"
            " of 'lee-lund'; align upward: to a company goal or a goal of an enclosing unit",
            id="PC207-person",
        ),
        pytest.param(
            H1 + "units/sales.yaml",
            "company/grow-revenue",
            "engineering/reliable-releases",
            "goals/2026-H1/units/sales.yaml:6:17: PC207 goal 'win-customers' aligns to unit 'engineering',"
            " which is not above unit 'sales'; align upward: to a company goal or a goal of an enclosing unit",
            id="PC207-unit",
        ),
        pytest.param(
            H1 + "company.yaml",
            "    theme: quality\n",
            "    theme: quality\n    aligns_to: [company/grow-revenue]\n",
            "goals/2026-H1/company.yaml:21:17: PC207 goal 'ship-quality' is a company goal; company goals serve"
            " strategy themes, not other goals; remove aligns_to and name the theme",
            id="PC207-company",
        ),
        pytest.param(
            LEE,
            "id: fix-backlog",
            "id: deliver-on-time",
            "goals/2026-H1/people/lee-lund.yaml:17:5: PC208 goal id 'deliver-on-time' is used 2 times; give"
            " each one its own id",
            id="PC208-goal",
        ),
        pytest.param(
            KIM,
            "id: flaky",
            "id: coverage",
            "goals/2026-H1/people/kim-kato.yaml:17:9: PC208 key-result id 'coverage' in goal 'automate-tests'"
            " is used 2 times; give each one its own id",
            id="PC208-key-result",
        ),
        pytest.param(
            H1 + "company.yaml",
            "theme: quality",
            "theme: qualty",
            "goals/2026-H1/company.yaml:20:5: PC209 unknown strategy theme 'qualty'; did you mean 'quality'?",
            id="PC209-theme",
        ),
        pytest.param(
            SAM,
            "indicator: specialist/on-time",
            "indicator: specialist/ontime",
            "goals/2026-H1/people/sam-stone.yaml:23:5: PC209 unknown position indicator 'specialist/ontime';"
            " did you mean 'specialist/on-time'?",
            id="PC209-indicator",
        ),
        pytest.param(
            SAM,
            "indicator: specialist/on-time",
            "indicator: head/team-engagement",
            "goals/2026-H1/people/sam-stone.yaml:23:5: PC211 indicator 'head/team-engagement' belongs to"
            " position 'head', but 'sam-stone' holds position 'specialist'; take in an indicator of the owner's"
            " own position",
            id="PC211",
        ),
        pytest.param(
            KIM,
            "curve: linear",
            "curve: liner",
            "goals/2026-H1/people/kim-kato.yaml:21:9: PC209 unknown curve 'liner'; did you mean 'linear'?",
            id="PC209-curve",
        ),
        pytest.param(
            KIM,
            "        stretch: 95\n",
            "",
            "goals/2026-H1/people/kim-kato.yaml:8:9: PC210 key result 'coverage' has a piecewise curve but no"
            " stretch; add stretch",
            id="PC210-piecewise-points",
        ),
        pytest.param(
            KIM,
            "        baseline: 40\n",
            "",
            "goals/2026-H1/people/kim-kato.yaml:17:9: PC210 key result 'flaky' has a linear curve but no"
            " baseline; add baseline",
            id="PC210-linear-points",
        ),
        pytest.param(
            KIM,
            "target: 80",
            "target: 40",
            "goals/2026-H1/people/kim-kato.yaml:13:9: PC210 key result 'coverage' (increase): target 40 is not"
            " above threshold 50; for direction increase, order baseline, threshold, target, stretch upward",
            id="PC210-order-increase",
        ),
        pytest.param(
            H1 + "company.yaml",
            "stretch: 15",
            "stretch: 30",
            "goals/2026-H1/company.yaml:28:9: PC210 key result 'defects' (decrease): stretch 30 is not below"
            " target 25; for direction decrease, order baseline, threshold, target, stretch downward",
            id="PC210-order-decrease",
        ),
        pytest.param(
            H1 + "units/sales.yaml",
            "actual: true",
            "actual: 1",
            "goals/2026-H1/units/sales.yaml:20:9: PC210 key result 'crm-live': value 1 of a binary key result"
            " must be true or false",
            id="PC210-binary",
        ),
        pytest.param(
            H1 + "units/engineering.yaml",
            "actual: 0.8",
            "actual: 80",
            "goals/2026-H1/units/engineering.yaml:11:9: PC210 key result 'release-objective': grade 80 must be"
            " a number from 0.0 to 1.0",
            id="PC210-grade",
        ),
        pytest.param(
            H1 + "people/dana-diaz.yaml",
            "actual: 4",
            "actual: 7",
            "goals/2026-H1/people/dana-diaz.yaml:27:9: PC210 key result 'coaching-quality': rating 7 is not on"
            " the scale (1, 2, 3, 4, 5)",
            id="PC210-scale",
        ),
        pytest.param(
            KIM,
            "actual: 85",
            "actual: true",
            "goals/2026-H1/people/kim-kato.yaml:15:9: PC210 key result 'coverage': value true must be a number",
            id="PC210-number",
        ),
        pytest.param(
            "goals/2026-H2/people/kim-kato.yaml",
            "value: false",
            "value: 0.5",
            "goals/2026-H2/people/kim-kato.yaml:13:34: PC210 key result 'ota-live': value 0.5 of a binary key"
            " result must be true or false",
            id="PC210-check-in",
        ),
    ],
)
def test_finding(company: Path, path: str, old: str, new: str, expected: str) -> None:
    replace(company, path, old, new)
    assert findings(company) == [expected]


@pytest.mark.parametrize(
    ("weight", "total"),
    [(70, "110"), (59.5, "99.5")],
)
def test_goal_weights(company: Path, weight: object, total: str) -> None:
    def reweigh(data: Any) -> None:
        data["goals"][0]["weight"] = weight

    edit(company, SAM, reweigh)
    assert findings(company) == [
        f"goals/2026-H1/people/sam-stone.yaml:2:1: PC203 goal weights of 'sam-stone' in 2026-H1 sum to {total},"
        " not 100; adjust the weights so they sum to 100"
    ]


def test_alignment_loop(company: Path) -> None:
    replace(company, KIM, TO_RELEASES, "aligns_to: [lee-lund/fix-backlog]")
    replace(company, LEE, TO_RELEASES, "aligns_to: [kim-kato/automate-tests]")
    assert findings(company) == [
        "goals/2026-H1/people/kim-kato.yaml:6:5: PC205 alignment loops: kim-kato/automate-tests ->"
        " lee-lund/fix-backlog -> kim-kato/automate-tests; remove one link of the loop",
        "goals/2026-H1/people/kim-kato.yaml:6:17: PC207 goal 'automate-tests' aligns to the personal goals of"
        " 'lee-lund'; align upward: to a company goal or a goal of an enclosing unit",
        "goals/2026-H1/people/lee-lund.yaml:6:17: PC207 goal 'fix-backlog' aligns to the personal goals of"
        " 'kim-kato'; align upward: to a company goal or a goal of an enclosing unit",
    ]


def test_a_goal_file_is_a_draft_while_planning_runs(company: Path) -> None:
    """During 2026-H2's planning (to 2026-07-20) unfinished weights and targets are PC212
    warnings; the day after, the same file has the errors PC203 and PC210."""
    sam = "goals/2026-H2/people/sam-stone.yaml"
    replace(company, sam, "    weight: 100\n    aligns_to", "    weight: 90\n    aligns_to")
    replace(company, sam, "        stretch: 130000\n", "")
    during = [line_of(f) for f in run_check(company, "2026-07-20", ("PC2",)).findings]
    assert during == [
        "goals/2026-H2/people/sam-stone.yaml:2:1: PC212 goal weights of 'sam-stone' in 2026-H2 sum to 90, not"
        " 100 (a draft until planning ends on 2026-07-20); adjust the weights so they sum to 100",
        "goals/2026-H2/people/sam-stone.yaml:8:9: PC212 key result 'upsell' has a piecewise curve but no stretch"
        " (a draft until planning ends on 2026-07-20); add stretch",
    ]
    after = [line_of(f).split(": ", 1)[1][:5] for f in run_check(company, "2026-07-21", ("PC2",)).findings]
    assert after == ["PC203", "PC210"]
