from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from perfcode.check import run_check
from perfcode.model import Cycle, GoalFile, Repository, Review, Where
from perfcode.scoring.cycle import earlier_ratings, score_cycle
from perfcode.scoring.people import person_result, results_use
from perfcode.scoring.rollup import (
    ComponentScore,
    competencies_component,
    components,
    final_score,
    goals_component,
    score_goal,
    score_goals,
    three_sixty_component,
)
from support import edit, make_company, write

from .factories import HERE, assessment, goal, key_result, person, review, rules, scored

RULES = rules()
PROFESSIONAL = RULES.classes["professional"]
MANAGER = RULES.classes["manager"]
D = Decimal


def test_goal_is_the_weighted_mean_of_its_key_results() -> None:
    result = score_goal(
        goal(
            "ship",
            100,
            key_result("okr", id="a", actual=D("0.8"), weight=60),
            key_result("linear", id="b", baseline=0, target=200, actual=100, weight=40),
        ),
        RULES,
    )
    assert [kr.score for kr in result.key_results] == [D("0.8000"), D("0.5000")]
    assert result.score == D("0.6800")
    assert (result.complete, result.projected) == (True, False)


def test_goal_uses_the_rounded_key_result_scores() -> None:
    thirds = [key_result("linear", id=f"k{i}", baseline=0, target=3, actual=1, weight=1) for i in range(3)]
    assert score_goal(goal("g", 100, *thirds), RULES).score == D("0.3333")


def test_goal_skips_key_results_not_scored_and_is_none_without_any() -> None:
    partly = score_goal(
        goal(
            "g",
            100,
            key_result("okr", id="a", actual=D("0.8"), weight=60),
            key_result("okr", id="b", weight=40),
        ),
        RULES,
    )
    assert (partly.score, partly.complete) == (D("0.8000"), False)
    assert score_goal(goal("g", 100, key_result("okr", id="b")), RULES).score is None


def test_goal_is_projected_when_a_key_result_is_projected() -> None:
    result = score_goal(goal("g", 100, key_result("okr", check_ins=(("2026-05-01", D("0.5")),))), RULES)
    assert (result.score, result.projected) == (D("0.5000"), True)


def test_goals_component_is_the_weighted_mean_of_its_goals() -> None:
    goals = score_goals(
        GoalFile("2026-H1", "person", "ada", (scored("a", 60, "0.8"), scored("b", 40, "1.1")), HERE), RULES
    )
    result = goals_component("okr", D(60), goals, PROFESSIONAL, RULES)
    assert result == ComponentScore(
        "okr", D(60), D("0.9200"), (("a", D(60), D("0.8000")), ("b", D(40), D("1.1000")))
    )


def test_goals_without_method_count_toward_the_first_goals_method() -> None:
    operator = RULES.classes["operator"]
    goals = [
        score_goal(g, RULES)
        for g in (
            scored("a", 50, "0.6"),
            scored("b", 50, "1.0", method="kpi"),
            scored("c", 100, "0.9", method="okr"),
        )
    ]
    kpi, okr = components(operator, goals, None, RULES)
    assert (kpi.method, kpi.score, [p[0] for p in kpi.parts]) == ("kpi", D("0.8000"), ["a", "b"])
    assert (okr.method, okr.score, [p[0] for p in okr.parts]) == ("okr", D("0.9000"), ["c"])


def test_no_goals_is_not_scored() -> None:
    assert score_goals(None, RULES) == ()
    assert goals_component("okr", D(60), (), PROFESSIONAL, RULES).score is None


def test_scorecard_renormalises_over_the_perspectives_present() -> None:
    goals = [
        score_goal(scored("revenue", 80, "0.75", perspective="financial"), RULES),
        score_goal(scored("people", 20, "1.1", perspective="learning-growth"), RULES),
    ]
    result = goals_component("scorecard", D(70), goals, MANAGER, RULES)
    assert result.parts == (
        ("financial", D(50), D("0.7500")),
        ("customer", D(30), None),
        ("learning-growth", D(20), D("1.1000")),
    )
    assert result.score == D("0.8500")  # (50 x 0.75 + 20 x 1.1) / 70


def test_scorecard_weighs_goals_within_a_perspective() -> None:
    goals = [
        score_goal(scored("a", 30, "1.2", perspective="customer"), RULES),
        score_goal(scored("b", 10, "0.8", perspective="customer"), RULES),
        score_goal(scored("c", 60, "1.0", perspective="financial"), RULES),
    ]
    result = goals_component("scorecard", D(70), goals, MANAGER, RULES)
    assert result.parts[1] == ("customer", D(30), D("1.1000"))
    assert result.score == D("1.0375")  # (50 x 1.0 + 30 x 1.1) / 80


def test_competencies_are_the_mean_of_the_manager_ratings() -> None:
    result = competencies_component(
        D(20),
        review(
            assessment("self", 5, {"craft": 5, "collaboration": 5}),
            assessment("manager", 4, {"craft": 3, "collaboration": 4, "not-of-this-class": 1}),
        ),
        PROFESSIONAL,
        RULES,
    )
    assert result.score == D("0.9750")
    assert result.parts == (("craft", D(1), D("0.9")), ("collaboration", D(1), D("1.05")))
    assert result.notes == ("rated by the manager (manager-reviewer)",)


def test_competencies_without_a_manager_come_from_the_committee() -> None:
    result = competencies_component(
        D(20), review(assessment("committee", 4, {"craft": 4, "collaboration": 4})), PROFESSIONAL, RULES
    )
    assert (result.score, result.notes) == (D("1.05"), ("rated by the committee (committee-reviewer)",))


def test_competencies_without_manager_ratings_are_not_scored() -> None:
    note = ("no competency ratings by the manager or committee yet",)
    assert competencies_component(D(20), None, PROFESSIONAL, RULES) == ComponentScore(
        "competencies", D(20), None, notes=note
    )
    only_self = review(assessment("self", 4, {"craft": 4}))
    assert competencies_component(D(20), only_self, PROFESSIONAL, RULES).notes == note


def test_360_weighs_the_evaluator_groups() -> None:
    result = three_sixty_component(
        D(20),
        review(
            assessment("manager", 4),
            assessment("peer", 4),
            assessment("peer", 3),
            assessment("self", 5),
        ),
        PROFESSIONAL,
        RULES,
    )
    assert result.parts == (
        ("manager", D(60), D("1.05")),
        ("peer", D(25), D("0.9750")),
        ("self", D(15), D("1.2")),
    )
    assert (result.score, result.notes) == (D("1.0538"), ())  # (63 + 24.375 + 18) / 100


def test_360_renormalises_when_a_group_is_missing() -> None:
    result = three_sixty_component(
        D(20),
        review(assessment("manager", 4), assessment("peer", 4), assessment("peer", 3)),
        PROFESSIONAL,
        RULES,
    )
    assert [part[0] for part in result.parts] == ["manager", "peer"]
    assert result.score == D("1.0279")  # (60 x 1.05 + 25 x 0.975) / 85
    assert result.notes == ("no self assessment: group left out",)


def test_360_drops_a_group_under_its_minimum_with_a_note() -> None:
    result = three_sixty_component(
        D(20),
        review(assessment("manager", 4), assessment("peer", 3), assessment("self", 5)),
        PROFESSIONAL,
        RULES,
    )
    assert [part[0] for part in result.parts] == ["manager", "self"]
    assert result.score == D("1.0800")  # (60 x 1.05 + 15 x 1.2) / 75
    assert result.notes == ("peer: 1 assessment(s), under the minimum of 2: group dropped",)


def test_360_ignores_assessments_without_an_overall_rating() -> None:
    result = three_sixty_component(
        D(20), review(assessment("manager", 4), assessment("self", None)), PROFESSIONAL, RULES
    )
    assert result.score == D("1.0500")
    assert result.notes == ("no peer assessment: group left out", "no self assessment: group left out")


def test_360_without_review_is_not_scored() -> None:
    assert three_sixty_component(D(20), None, PROFESSIONAL, RULES) == ComponentScore(
        "360", D(20), None, notes=("no review yet",)
    )


def test_final_score_weighs_the_components() -> None:
    parts = [
        ComponentScore("okr", D(60), D("1.0657")),
        ComponentScore("competencies", D(20), D("1.125")),
        ComponentScore("360", D(20), D("1.05")),
    ]
    assert final_score(parts, RULES) == D("1.0744")  # 0.63942 + 0.225 + 0.21 = 1.07442


def test_final_score_is_none_until_every_weighted_component_is_scored() -> None:
    parts = [ComponentScore("okr", D(60), D("1.0")), ComponentScore("competencies", D(40), None)]
    assert final_score(parts, RULES) is None


@pytest.mark.parametrize(
    ("score", "rating"),
    [
        ("0", 1),
        ("0.6999", 1),
        ("0.7", 2),
        ("0.8999", 2),
        ("0.9", 3),
        ("1.0", 3),
        ("1.0499", 3),
        ("1.05", 4),
        ("1.1999", 4),
        ("1.2", 5),
        ("2.5", 5),
    ],
)
def test_computed_rating_is_the_band_holding_the_score(score: str, rating: int) -> None:
    assert RULES.band(D(score)).value == rating


def test_meets_is_the_level_of_a_score_of_one() -> None:
    assert RULES.meets().value == 3


def _result(the_review: Review | None, earlier: tuple[int | None, ...] = ()) -> Any:
    goals = GoalFile("2026-H1", "person", "ada", (scored("deliver", 100, "1.0"),), HERE)
    repo = Repository(goal_files=(goals,), goal_owners={("2026-H1", "ada"): goals})
    return person_result(repo, RULES, "2026-H1", person(), the_review, list(earlier))


def _reviewed(**options: Any) -> Review:
    return review(
        assessment("manager", 4, {"craft": 4, "collaboration": 4}),
        assessment("peer", 4),
        assessment("peer", 4),
        assessment("self", 4),
        **options,
    )


def test_person_result_computes_the_rating() -> None:
    result = _result(_reviewed())
    assert [c.score for c in result.components] == [D("1.0000"), D("1.0500"), D("1.0500")]
    assert (result.goals_score, result.final_score) == (D("1.0000"), D("1.0200"))
    assert (result.computed_rating, result.final_rating, result.rating_source) == (3, 3, "computed")


def test_calibration_sets_the_final_rating() -> None:
    calibration = {"rating": 4, "reason": "Context.", "approved_by": "performance-committee"}
    result = _result(_reviewed(calibration=calibration))
    assert (result.computed_rating, result.final_rating, result.rating_source) == (3, 4, "calibration")
    assert result.calibration == calibration


def test_an_amended_appeal_sets_the_final_rating() -> None:
    amended = {
        "filed": "2026-07-15",
        "grounds": "...",
        "decision": "amended",
        "decided": "2026-07-30",
        "rating": 5,
    }
    result = _result(_reviewed(calibration={"rating": 4, "reason": "x"}, appeal=amended))
    assert (result.final_rating, result.rating_source) == (5, "appeal")
    assert result.results_use.bonus_multiplier == D("1.5")


@pytest.mark.parametrize("decision", ["upheld", "rejected", None])
def test_an_appeal_not_amended_changes_nothing(decision: str | None) -> None:
    appeal = {"filed": "2026-07-15", "grounds": "...", "rating": 5}
    if decision:
        appeal |= {"decision": decision, "decided": "2026-07-30"}
    result = _result(_reviewed(calibration={"rating": 4, "reason": "x"}, appeal=appeal))
    assert (result.final_rating, result.rating_source) == (4, "calibration")


def test_without_review_there_is_no_final_score_nor_rating() -> None:
    result = _result(None)
    assert (result.goals_score, result.final_score) == (D("1.0000"), None)
    assert (result.computed_rating, result.final_rating, result.rating_source) == (None, None, "none")
    assert result.results_use is None


def test_a_calibrated_rating_counts_even_before_the_score_is_complete() -> None:
    result = _result(review(calibration={"rating": 4, "reason": "x"}))
    assert (result.final_score, result.final_rating, result.rating_source) == (None, 4, "calibration")


@pytest.mark.parametrize(
    ("rating", "row"),
    [
        (5, (D("1.5"), "A", True, "rating 5: eligible", False)),
        (3, (D("1.0"), "C", False, "rating 3: not-eligible", False)),
        (2, (D("0.5"), "D", False, "rating 2: not-eligible", True)),
        (1, (D("0"), None, False, "rating 1: not-eligible", True)),
    ],
)
def test_results_use_takes_the_row_of_the_rating(rating: int, row: tuple[object, ...]) -> None:
    use = results_use(RULES, rating, None, [rating])
    assert (
        use.bonus_multiplier,
        use.merit_band,
        use.promotion_eligible,
        use.promotion_basis,
        use.improvement_plan_required,
    ) == row


def test_results_use_of_a_rating_without_a_row() -> None:
    use = results_use(RULES, 9, None, [9])
    assert (use.bonus_multiplier, use.merit_band, use.promotion_eligible) == (None, None, False)


@pytest.mark.parametrize(
    ("history", "eligible", "basis"),
    [
        ([4, 4], True, "4, 4"),
        ([4, 5, 1], True, "4, 5"),
        ([4, 3], False, "4, 3"),
        ([4, None], False, "4, -"),
        ([4], False, "4"),
    ],
)
def test_consecutive_promotion(history: list[int | None], eligible: bool, basis: str) -> None:
    use = results_use(RULES, 4, None, history)
    assert (use.promotion_eligible, use.promotion_basis) == (
        eligible,
        f"rating 4+ in 2 consecutive cycles: {basis}",
    )


def test_development_needs_are_competencies_rated_below_meets() -> None:
    rated = review(assessment("manager", 3, {"craft": 2, "collaboration": 3, "leadership": 1}))
    assert results_use(RULES, 3, rated, [3]).development_needs == ("craft", "leadership")
    assert results_use(RULES, 3, None, [3]).development_needs == ()


def _cycle(ident: str, start: str, end: str, parent: str | None = None) -> Cycle:
    return Cycle(ident, parent, start, end, "closed", None, (), {}, Where(f"goals/{ident}/cycle.yaml"))


def test_earlier_ratings_follow_the_series_of_the_cycle() -> None:
    cycles = [
        _cycle("2025", "2025-01-01", "2025-12-31"),
        _cycle("2025-H1", "2025-01-01", "2025-06-30", "2025"),
        _cycle("2025-H2", "2025-07-01", "2025-12-31", "2025"),
        _cycle("2026", "2026-01-01", "2026-12-31"),
        _cycle("2026-H1", "2026-01-01", "2026-06-30", "2026"),
        _cycle("2026-H2", "2026-07-01", "2026-12-31", "2026"),
    ]
    ratings = {"2025": 3, "2025-H1": 5, "2025-H2": 4, "2026-H1": 4}
    repo = Repository(
        cycles={c.id: c for c in cycles},
        reviews=tuple(review(cycle=c, final_rating=r) for c, r in ratings.items()),
    )
    assert earlier_ratings(repo, repo.cycles["2026-H2"], "ada") == [4, 4, 5]
    assert earlier_ratings(repo, repo.cycles["2026-H1"], "ada") == [4, 5]
    assert earlier_ratings(repo, repo.cycles["2026"], "ada") == [3]
    assert earlier_ratings(repo, repo.cycles["2026"], "bob") == [None]


H2_REVIEW = """\
person: kim-kato
cycle: 2026-H2
calibration:
  rating: 4
  reason: The over-the-air updates reached every device.
  approved_by: performance-committee
  date: "2027-01-08"
"""


def _promotion(tmp_path: Path, h1_rating: int) -> Any:
    root = make_company(tmp_path / "company")
    edit(root, "reviews/2026-H1/kim-kato.yaml", lambda data: data.update(final_rating=h1_rating))
    write(root, "reviews/2026-H2/kim-kato.yaml", H2_REVIEW)
    checked = run_check(root, "2027-01-20")
    assert [f for f in checked.findings if f.code.startswith("PC0")] == []
    result = score_cycle(checked.repo, "2026-H2", "2027-01-20")
    return next(p for p in result.people if p.person.id == "kim-kato")


def test_consecutive_promotion_across_two_cycles(tmp_path: Path) -> None:
    kim = _promotion(tmp_path, 4)
    assert (kim.final_rating, kim.rating_source) == (4, "calibration")
    assert kim.results_use.promotion_eligible is True
    assert kim.results_use.promotion_basis == "rating 4+ in 2 consecutive cycles: 4, 4"


def test_no_promotion_when_the_previous_cycle_was_rated_lower(tmp_path: Path) -> None:
    kim = _promotion(tmp_path, 3)
    assert kim.results_use.promotion_eligible is False
    assert kim.results_use.promotion_basis == "rating 4+ in 2 consecutive cycles: 4, 3"


def test_every_cycle_of_the_fixture_scores_without_error(company: Path) -> None:
    checked = run_check(company, "2026-11-24")
    for cycle in checked.repo.cycles:
        result = score_cycle(checked.repo, cycle, "2026-11-24")
        assert {p.person.id for p in result.people} <= set(checked.repo.people)
