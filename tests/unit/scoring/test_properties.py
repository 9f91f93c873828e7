from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from perfcode.model import Goal
from perfcode.scoring.curves import score_key_result
from perfcode.scoring.rollup import goals_component, score_goal, weighted
from perfcode.scoring.scheme import Scheme

from .factories import goal, key_result, rules

bounded = settings(max_examples=200, deadline=None)

RULES = rules()
MODES = ("half-up", "half-even", "down", "up")

numbers = st.decimals(min_value=-(10**6), max_value=10**6, places=2, allow_nan=False, allow_infinity=False)
gaps = st.decimals(min_value=Decimal("0.01"), max_value=10**5, places=2)
caps = st.one_of(st.none(), st.decimals(min_value=Decimal("0.1"), max_value=3, places=2))
weights = st.integers(min_value=1, max_value=100)
grades = st.decimals(min_value=0, max_value=1, places=4)
factors = st.one_of(
    st.integers(min_value=1, max_value=1000), st.decimals(min_value="0.01", max_value=50, places=2)
)


def _rules(kind: str, cap: Decimal | None, mode: str = "half-up", **curve: Any) -> Scheme:
    spec = {"id": "c", "kind": kind, **curve, **({"cap": cap} if cap is not None else {})}
    return rules(curves=[spec], default_curve="c", rounding={"places": 4, "mode": mode})


@st.composite
def linear_case(draw: st.DrawFn, direction: str) -> tuple[dict[str, Any], Scheme]:
    baseline, gap = draw(numbers), draw(gaps)
    target = baseline + gap if direction == "increase" else baseline - gap
    scheme = _rules("linear", draw(caps), draw(st.sampled_from(MODES)))
    return {"direction": direction, "baseline": baseline, "target": target}, scheme


@st.composite
def piecewise_case(draw: st.DrawFn, direction: str) -> tuple[dict[str, Any], Scheme]:
    threshold, first, second = draw(numbers), draw(gaps), draw(gaps)
    sign = 1 if direction == "increase" else -1
    marks = {"threshold": threshold, "target": threshold + sign * first}
    marks["stretch"] = marks["target"] + sign * second
    scores = sorted(draw(st.lists(st.decimals(min_value=0, max_value=2, places=2), min_size=4, max_size=4)))
    points = dict(zip(("threshold", "target", "stretch"), scores[1:], strict=True))
    curve = {"points": points, "below_threshold": scores[0]}
    return {"direction": direction, **marks}, _rules(
        "piecewise", draw(caps), draw(st.sampled_from(MODES)), **curve
    )


def _score(fields: dict[str, Any], scheme: Scheme, actual: Decimal) -> Decimal:
    result = score_key_result(key_result(actual=actual, **fields), scheme).score
    assert result is not None
    return result


cases = st.sampled_from(("linear", "piecewise"))


@bounded
@given(st.data(), cases, numbers, numbers)
def test_a_higher_actual_never_scores_lower_when_increase_is_better(
    data: st.DataObject, kind: str, a: Decimal, b: Decimal
) -> None:
    fields, scheme = data.draw(linear_case("increase") if kind == "linear" else piecewise_case("increase"))
    low, high = sorted((a, b))
    assert _score(fields, scheme, low) <= _score(fields, scheme, high)


@bounded
@given(st.data(), cases, numbers, numbers)
def test_a_higher_actual_never_scores_higher_when_decrease_is_better(
    data: st.DataObject, kind: str, a: Decimal, b: Decimal
) -> None:
    fields, scheme = data.draw(linear_case("decrease") if kind == "linear" else piecewise_case("decrease"))
    low, high = sorted((a, b))
    assert _score(fields, scheme, low) >= _score(fields, scheme, high)


@bounded
@given(st.data(), cases, st.sampled_from(("increase", "decrease")), numbers)
def test_numeric_scores_stay_within_zero_and_the_cap(
    data: st.DataObject, kind: str, direction: str, actual: Decimal
) -> None:
    fields, scheme = data.draw(linear_case(direction) if kind == "linear" else piecewise_case(direction))
    cap = scheme.curves["c"].cap
    score = _score(fields, scheme, actual)
    assert score >= 0
    assert cap is None or score <= cap


@bounded
@given(caps, st.decimals(min_value=0, max_value=2, places=4))
def test_grades_stay_within_zero_and_the_cap(cap: Decimal | None, grade: Decimal) -> None:
    score = _score({}, _rules("grade", cap), grade)
    assert 0 <= score <= (cap if cap is not None else 1)


def _goals(draw: st.DrawFn, count: int) -> list[Goal]:
    perspectives = st.sampled_from(("financial", "customer", "learning-growth"))
    return [
        goal(
            f"g{i}",
            draw(weights),
            *(
                key_result("okr", id=f"k{j}", actual=draw(grades), weight=draw(weights))
                for j in range(draw(st.integers(1, 3)))
            ),
            perspective=draw(perspectives),
        )
        for i in range(count)
    ]


@st.composite
def goal_list(draw: st.DrawFn) -> list[Goal]:
    return _goals(draw, draw(st.integers(min_value=1, max_value=6)))


def _component(goals: list[Goal], method: str) -> Decimal | None:
    cls = RULES.classes["manager" if method == "scorecard" else "professional"]
    return goals_component(method, Decimal(60), [score_goal(g, RULES) for g in goals], cls, RULES).score


def _scaled_goal(g: Goal, factor: Decimal, key_results: bool) -> Goal:
    if key_results:
        krs = tuple(
            key_result("okr", id=kr.id, actual=kr.actual, weight=kr.weight * factor) for kr in g.key_results
        )
        return goal(g.id, g.weight, *krs, perspective=g.perspective)
    return goal(g.id, g.weight * factor, *g.key_results, perspective=g.perspective)


@bounded
@given(goal_list(), factors, st.sampled_from(("okr", "scorecard")), st.booleans())
def test_scaling_every_weight_changes_nothing(
    goals: list[Goal], factor: Decimal, method: str, key_results: bool
) -> None:
    scaled = [_scaled_goal(g, Decimal(factor), key_results) for g in goals]
    assert _component(scaled, method) == _component(goals, method)
    assert [score_goal(g, RULES).score for g in scaled] == [score_goal(g, RULES).score for g in goals]


@bounded
@given(st.data(), goal_list(), st.sampled_from(("okr", "scorecard")))
def test_the_order_of_goals_changes_nothing(data: st.DataObject, goals: list[Goal], method: str) -> None:
    shuffled = data.draw(st.permutations(goals))
    assert _component(list(shuffled), method) == _component(goals, method)


@bounded
@given(st.lists(st.tuples(weights, st.one_of(st.none(), grades)), max_size=8), factors)
def test_weighted_mean_lies_between_the_scores_and_ignores_scale(
    items: list[tuple[int, Decimal | None]], factor: Decimal
) -> None:
    pairs = [(Decimal(w), s) for w, s in items]
    mean = weighted(pairs, RULES.rounding)
    scores = [s for _, s in pairs if s is not None]
    if not scores:
        assert mean is None
        return
    assert mean is not None
    assert RULES.rounding(min(scores)) <= mean <= RULES.rounding(max(scores))
    assert weighted([(w * Decimal(factor), s) for w, s in pairs], RULES.rounding) == mean
