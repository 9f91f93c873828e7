"""PC5xx: the system design in org/framework.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import coverage_tests, findings, replace

CODES = [f"PC{n}" for n in range(501, 505)]
FRAMEWORK = "org/framework.yaml"
PERSPECTIVES = """    perspectives:
      - {perspective: financial, weight: 50}
      - {perspective: customer, weight: 30}
      - {perspective: learning-growth, weight: 20}
"""
LOWEST_ROW = "  - {rating: 1, bonus_multiplier: 0, promotion: not-eligible, improvement_plan: true}\n"


test_every_code_is_covered, test_clean_company_has_no_finding = coverage_tests("PC5", CODES)


@pytest.mark.parametrize(
    ("path", "old", "new", "expected"),
    [
        pytest.param(
            FRAMEWORK,
            "{method: scorecard, weight: 70}",
            "{method: scorecard, weight: 60}",
            [
                "org/framework.yaml:29:5: PC501 class 'manager' component weights sum to 90, not 100; adjust the"
                " weights so they sum to 100"
            ],
            id="PC501-components",
        ),
        pytest.param(
            FRAMEWORK,
            "{relationship: peer, weight: 25, min_count: 1}",
            "{relationship: peer, weight: 20, min_count: 1}",
            [
                "org/framework.yaml:48:5: PC501 class 'professional' evaluator weights sum to 95, not 100; adjust"
                " the weights so they sum to 100"
            ],
            id="PC501-evaluators",
        ),
        pytest.param(
            FRAMEWORK,
            "{perspective: customer, weight: 30}",
            "{perspective: customer, weight: 40}",
            [
                "org/framework.yaml:32:5: PC501 class 'manager' perspective weights sum to 110, not 100; adjust the"
                " weights so they sum to 100"
            ],
            id="PC501-perspectives",
        ),
        pytest.param(
            FRAMEWORK,
            PERSPECTIVES,
            "",
            [
                "org/framework.yaml:26:5: PC501 class 'manager' is assessed by scorecard but declares no"
                " perspectives; add perspectives with weights that sum to 100"
            ],
            id="PC501-no-perspectives",
        ),
        pytest.param(
            FRAMEWORK,
            "competencies: [leadership, collaboration]",
            "competencies: [leadership, colaboration]",
            [
                "org/framework.yaml:36:32: PC501 unknown competency 'colaboration'; did you mean"
                " 'collaboration'?",
                "reviews/2026-H1/dana-diaz.yaml:14:10: PC402 competency 'collaboration' is not rated for class"
                " 'manager'; rate one of: colaboration, leadership",
                "reviews/2026-H1/eli-evans.yaml:14:10: PC402 competency 'collaboration' is not rated for class"
                " 'manager'; rate one of: colaboration, leadership",
                "reviews/2026-H1/pat-park.yaml:14:10: PC402 competency 'collaboration' is not rated for class"
                " 'manager'; rate one of: colaboration, leadership",
            ],
            id="PC501-competency",
        ),
        pytest.param(
            FRAMEWORK,
            "    - {value: 1, label: Below, min_score: 0}\n",
            "    - {value: 1, label: Below, min_score: 0}\n    - {value: 5, label: Legendary, min_score: 2}\n",
            ["org/framework.yaml:9:8: PC502 scale value 5 is used twice; give each level its own value"],
            id="PC502-duplicate",
        ),
        pytest.param(
            FRAMEWORK,
            "{value: 4, label: Exceeds, min_score: 1.05}",
            "{value: 4, label: Exceeds, min_score: 0.85}",
            [
                "org/framework.yaml:5:34: PC502 level 4 starts at 0.85, not above level 3 (0.9); raise min_score"
                " with the level's value"
            ],
            id="PC502-bands",
        ),
        pytest.param(
            FRAMEWORK,
            "{value: 1, label: Below, min_score: 0}",
            "{value: 1, label: Below, min_score: 0.1}",
            [
                "org/framework.yaml:8:32: PC502 the lowest level starts at 0.1, so lower scores have no rating;"
                " set min_score: 0 on the lowest level"
            ],
            id="PC502-lowest",
        ),
        pytest.param(
            FRAMEWORK,
            LOWEST_ROW,
            "",
            ["org/framework.yaml:61:1: PC503 results_use has no row for rating 1; add a row with rating: 1"],
            id="PC503-missing-row",
        ),
        pytest.param(
            FRAMEWORK,
            "{rating: 1, bonus_multiplier: 0,",
            "{rating: 2, bonus_multiplier: 0,",
            [
                "org/framework.yaml:61:1: PC503 results_use has no row for rating 1; add a row with rating: 1",
                "org/framework.yaml:66:6: PC503 results_use row for rating 2 is a duplicate; keep one row per"
                " level of the scale",
            ],
            id="PC503-duplicate-row",
        ),
        pytest.param(
            FRAMEWORK,
            "{ratings: [5], max_percent: 10}",
            "{ratings: [6], max_percent: 10}",
            ["org/framework.yaml:57:18: PC503 distribution band names rating 6, which is not on the scale"],
            id="PC503-band",
        ),
        pytest.param(
            FRAMEWORK,
            "default_curve: stepped",
            "default_curve: step",
            ["org/framework.yaml:19:1: PC503 unknown curve 'step'; did you mean 'stepped'?"],
            id="PC503-default-curve",
        ),
        pytest.param(
            FRAMEWORK,
            "stretch: 1.5}",
            "stretch: 0.9}",
            [
                "org/framework.yaml:13:5: PC503 curve 'stepped' scores do not rise from threshold to target to"
                " stretch; e.g. threshold: 0.5, target: 1.0, stretch: 1.5"
            ],
            id="PC503-points",
        ),
        pytest.param(
            "goals/2026-H1/people/eli-evans.yaml",
            "    perspective: customer\n",
            "",
            [
                "goals/2026-H1/people/eli-evans.yaml:3:5: PC504 goal 'stable-releases' names no perspective; class"
                " 'manager' weighs customer, financial, learning-growth; set perspective to one of those"
            ],
            id="PC504-none",
        ),
        pytest.param(
            "goals/2026-H1/people/eli-evans.yaml",
            "perspective: customer",
            "perspective: internal-process",
            [
                "goals/2026-H1/people/eli-evans.yaml:7:5: PC504 goal 'stable-releases' has perspective"
                " internal-process; class 'manager' weighs customer, financial, learning-growth; set perspective"
                " to one of those"
            ],
            id="PC504-unweighted",
        ),
    ],
)
def test_finding(company: Path, path: str, old: str, new: str, expected: list[str]) -> None:
    replace(company, path, old, new)
    assert findings(company) == expected


def test_piecewise_curve_without_stretch(company: Path) -> None:
    replace(company, FRAMEWORK, "stretch: 1.5}", "}")
    replace(company, FRAMEWORK, "threshold: 0.5, target: 1.0, }", "threshold: 0.5, target: 1.0}")
    assert findings(company) == []
