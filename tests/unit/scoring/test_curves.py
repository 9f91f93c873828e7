from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from perfcode.scoring.curves import score_key_result
from perfcode.scoring.scheme import Rounding

from .factories import key_result, rules

RULES = rules()


def score(**fields: object) -> Decimal | None:
    return score_key_result(key_result(**fields), RULES).score


@pytest.mark.parametrize(
    ("actual", "expected"),
    [
        ("-10", "0.0000"),  # below the baseline: clamped to 0
        ("0", "0.0000"),
        ("50", "0.2500"),
        ("100", "0.5000"),
        ("200", "1.0000"),
        ("230", "1.1500"),
        ("240", "1.2000"),
        ("300", "1.2000"),  # capped at the curve's cap
    ],
)
def test_linear_increase(actual: str, expected: str) -> None:
    assert score(curve="linear", baseline="0", target="200", actual=actual) == Decimal(expected)


@pytest.mark.parametrize(
    ("actual", "expected"),
    [
        ("50", "0.0000"),  # worse than the baseline
        ("40", "0.0000"),
        ("25", "0.5000"),
        ("16", "0.8000"),
        ("10", "1.0000"),
        ("4", "1.2000"),
        ("0", "1.2000"),  # (0 - 40) / (10 - 40) = 1.3333, capped
    ],
)
def test_linear_decrease(actual: str, expected: str) -> None:
    fields = {"direction": "decrease", "baseline": "40", "target": "10"}
    assert score(curve="linear", actual=actual, **fields) == Decimal(expected)


def test_linear_rounds_half_up_to_four_places() -> None:
    assert score(curve="linear", baseline="0", target="3", actual="1") == Decimal("0.3333")
    assert score(curve="linear", baseline="0", target="3", actual="2") == Decimal("0.6667")
    assert score(curve="linear", baseline="0", target="160000", actual="1") == Decimal("0.0000")
    assert score(curve="linear", baseline="0", target="20000", actual="1") == Decimal("0.0001")


def test_linear_without_cap_is_not_capped() -> None:
    assert score(curve="open", baseline="0", target="200", actual="300") == Decimal("1.5000")
    assert score(curve="open", baseline="0", target="200", actual="-1") == Decimal("0.0000")


def test_an_enormous_uncapped_score_is_still_rounded() -> None:
    result = score(curve="open", baseline="0", target="0.0001", actual="1E+25")
    assert str(result) == "100000000000000000000000000000.0000"


@pytest.mark.parametrize(
    ("actual", "expected"),
    [
        ("100", "0"),  # below threshold: below_threshold
        ("149.99", "0"),
        ("150", "0.5000"),
        ("200", "0.7500"),
        ("250", "1.0000"),
        ("285", "1.2500"),
        ("320", "1.5000"),
        ("400", "1.5000"),  # above the stretch: capped at the stretch score
    ],
)
def test_piecewise_increase(actual: str, expected: str) -> None:
    assert score(threshold="150", target="250", stretch="320", actual=actual) == Decimal(expected)


@pytest.mark.parametrize(
    ("actual", "expected"),
    [
        ("45", "0"),
        ("40", "0.5000"),
        ("30", "0.8333"),
        ("25", "1.0000"),
        ("20", "1.2500"),
        ("15", "1.5000"),
        ("5", "1.5000"),
    ],
)
def test_piecewise_decrease(actual: str, expected: str) -> None:
    fields = {"direction": "decrease", "threshold": "40", "target": "25", "stretch": "15"}
    assert score(curve="stepped", actual=actual, **fields) == Decimal(expected)


def test_piecewise_below_threshold_and_cap_of_the_curve() -> None:
    curve = {
        "id": "soft",
        "kind": "piecewise",
        "points": {"threshold": Decimal("0.5"), "target": 1, "stretch": Decimal("1.5")},
        "below_threshold": Decimal("0.2"),
        "cap": Decimal("1.2"),
    }
    soft = rules(curves=[curve], default_curve="soft")
    marks = {"threshold": Decimal(150), "target": Decimal(250), "stretch": Decimal(320)}
    scores = [
        score_key_result(key_result(actual=Decimal(actual), **marks), soft).score
        for actual in ("100", "200", "264", "285", "400")
    ]
    assert scores == [Decimal(s) for s in ("0.2000", "0.7500", "1.1000", "1.2000", "1.2000")]


def test_piecewise_without_a_stretch_stops_at_the_target_score() -> None:
    assert score(threshold="150", target="250", actual="300") == Decimal("1.0000")


def test_a_curve_without_a_stretch_point_stops_at_the_target_score() -> None:
    """docs/scoring.md: a curve may stop at its target; the key result's stretch is then unused."""
    curve = {"id": "capped", "kind": "piecewise", "points": {"threshold": Decimal("0.5"), "target": 1}}
    capped = rules(curves=[curve], default_curve="capped")
    kr = key_result(threshold="150", target="250", stretch="320", actual="300")
    assert score_key_result(kr, capped).score == Decimal("1.0000")


def test_a_running_total_is_scored_at_its_exact_pace_not_the_rounded_one_shown() -> None:
    """7 by day 123 of 184 is a pace of 10.4715...: it scores 0.7358, where 10.47 would score 0.7350."""
    kr = key_result(threshold="10", target="11", stretch="12", check_ins=(("2026-10-31", Decimal(7)),))
    kr = dataclasses.replace(kr, accumulates=True, period=("2026-07-01", "2026-12-31"))
    result = score_key_result(kr, RULES)
    assert result.score == Decimal("0.7358")
    assert result.rule.startswith("running total on 2026-10-31, day 123 of 184: at that pace 10.47; ")


def test_binary() -> None:
    assert score(curve="milestone", actual=True) == Decimal(1)
    assert score(curve="milestone", actual=False) == Decimal(0)
    result = score_key_result(key_result("milestone", actual=True), RULES)
    assert result.rule == "binary: true scores 1, false 0"


def test_binary_needs_true_or_false() -> None:
    result = score_key_result(key_result("milestone", actual=1), RULES)
    assert (result.score, result.rule) == (None, "not scored: 1 is not true or false")


@pytest.mark.parametrize(
    ("grade", "expected"),
    [("0", "0.0000"), ("0.35", "0.3500"), ("0.7", "0.7000"), ("1.0", "1.0000"), ("1.3", "1.0000")],
)
def test_grade(grade: str, expected: str) -> None:
    assert score(curve="okr", actual=grade) == Decimal(expected)


@pytest.mark.parametrize(("rating", "expected"), [(5, "1.2"), (4, "1.05"), (3, "0.9"), (2, "0.7"), (1, "0")])
def test_scale_counts_the_level_score(rating: int, expected: str) -> None:
    result = score_key_result(key_result("rated", actual=rating), RULES)
    assert result.score == Decimal(expected)
    assert result.score == RULES.rounding(Decimal(expected))


def test_scale_rating_off_the_scale_is_not_scored() -> None:
    result = score_key_result(key_result("rated", actual=7), RULES)
    assert (result.score, result.rule) == (None, "not scored: rating 7 is not on the scale")


def test_scale_rule_names_the_level() -> None:
    result = score_key_result(key_result("rated", actual=4), RULES)
    assert result.rule == "rating 4 (Exceeds) counts 1.05"


def test_no_actual_is_projected_from_the_latest_check_in() -> None:
    check_ins = (
        ("2026-08-31", Decimal(20000)),
        ("2026-10-30", Decimal(61000)),
        ("2026-09-30", Decimal(45000)),
    )
    kr = key_result(threshold="60000", target="100000", stretch="130000", check_ins=check_ins)
    result = score_key_result(kr, RULES)
    assert (result.value, result.source, result.projected) == (Decimal(61000), "check-in", True)
    assert result.score == Decimal("0.5125")


def test_an_actual_wins_over_check_ins() -> None:
    kr = key_result(
        threshold="60000", target="100000", stretch="130000", actual="100000", check_ins=(("2026-10-30", 1),)
    )
    result = score_key_result(kr, RULES)
    assert (result.source, result.projected, result.score) == ("actual", False, Decimal("1.0000"))


def test_no_actual_and_no_check_in_is_not_scored_never_zero() -> None:
    result = score_key_result(key_result(threshold="1", target="2", stretch="3"), RULES)
    assert (result.score, result.source, result.projected) == (None, "none", False)
    assert result.rule == "no actual and no check-in yet"


def test_zero_range_linear_is_not_scored_with_a_reason() -> None:
    result = score_key_result(key_result("linear", baseline="10", target="10", actual="12"), RULES)
    assert (result.score, result.rule) == (None, "not scored: baseline equals target, a zero range")


@pytest.mark.parametrize("actual", ["10", "20", "30", "40"])
def test_zero_range_piecewise_is_not_scored_wherever_the_actual_lies(actual: str) -> None:
    kr = key_result(threshold="20", target="20", stretch="30", actual=actual)
    result = score_key_result(kr, RULES)
    assert (result.score, result.rule) == (
        None,
        "not scored: two points of the curve are equal, a zero range",
    )


def test_linear_without_baseline_is_not_scored() -> None:
    result = score_key_result(key_result("linear", target="10", actual="5"), RULES)
    assert (result.score, result.rule) == (None, "not scored: baseline None is not a number")


def test_unknown_curve_is_not_scored() -> None:
    result = score_key_result(key_result("nope", actual="5"), RULES)
    assert (result.score, result.curve, result.rule) == (None, "nope", "unknown curve")


def test_default_curve_applies_when_the_key_result_names_none() -> None:
    result = score_key_result(key_result(threshold="150", target="250", stretch="320", actual="200"), RULES)
    assert (result.curve, result.score) == ("stepped", Decimal("0.7500"))


@pytest.mark.parametrize(
    ("mode", "places", "value", "expected"),
    [
        ("half-up", 4, "0.66665", "0.6667"),
        ("half-even", 4, "0.66665", "0.6666"),
        ("half-even", 4, "0.66675", "0.6668"),
        ("down", 2, "1.999", "1.99"),
        ("up", 2, "1.001", "1.01"),
        ("half-up", 0, "2.5", "3"),
    ],
)
def test_rounding_modes(mode: str, places: int, value: str, expected: str) -> None:
    assert str(Rounding(places, mode)(Decimal(value))) == expected


def test_rounding_of_the_framework_applies_to_key_results() -> None:
    down = rules(rounding={"places": 2, "mode": "down"})
    result = score_key_result(key_result("linear", baseline="0", target="3", actual="2"), down)
    assert str(result.score) == "0.66"
