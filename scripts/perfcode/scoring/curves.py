"""Key-result scoring: a value and a curve of the framework give a score.

- ``linear``: baseline scores 0 and target 1, straight in between, clamped to [0, cap];
- ``piecewise``: threshold, target and stretch score the curve's points (e.g. 0.5 / 1.0 /
  1.5), straight in between, ``below_threshold`` under the threshold, the stretch score
  above the stretch; clamped to [0, cap] like ``linear``;
- ``binary``: true 1, false 0; ``grade``: the 0.0-1.0 grade itself, capped;
- ``scale``: a rating of the scale, counted as its level's score.

``direction: decrease`` (lower is better) mirrors every numeric curve. A key result with no
``actual`` is scored from its latest check-in and labelled a projection; one whose value is
a running total (``accumulates: true``, counted from zero at the start of the cycle) is
projected at the pace so far: latest value x days in the cycle / days elapsed at that
check-in. With neither actual nor check-in a key result is not scored (never silently 0).
"""

from __future__ import annotations

import itertools
import operator
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from perfcode.model import CheckIn, KeyResult
from perfcode.scoring.scheme import Curve, Scheme


class KeyResultScore(NamedTuple):
    """A key result's score (a tuple: one per key result of the organisation, so it must be cheap)."""

    id: str
    curve: str
    value: object
    source: str
    score: Decimal | None
    weight: Decimal
    rule: str

    @property
    def projected(self) -> bool:
        return self.source == "check-in"


_ZERO, _UP, _DOWN = Decimal(0), Decimal(1), Decimal(-1)


class ScoringError(ValueError):
    """A key result that cannot be scored as written (the check rules say why)."""


def score_key_result(kr: KeyResult, scheme: Scheme) -> KeyResultScore:
    curve = scheme.curves.get(kr.curve or scheme.default_curve)
    if curve is None:
        return KeyResultScore(kr.id, kr.curve or "?", None, "none", None, kr.weight, "unknown curve")
    value, source = _value(kr)
    if value is None:
        return KeyResultScore(kr.id, curve.id, None, "none", None, kr.weight, "no actual and no check-in yet")
    scored, pace = _at_pace(kr, value) if source == "check-in" else (value, "")
    try:
        raw, rule = _score(kr, curve, scored, scheme)
    except (ScoringError, ArithmeticError, TypeError) as exc:
        return KeyResultScore(kr.id, curve.id, value, source, None, kr.weight, f"not scored: {exc}")
    return KeyResultScore(kr.id, curve.id, value, source, scheme.rounding(raw), kr.weight, pace + rule)


def _value(kr: KeyResult) -> tuple[object, str]:
    """The value recorded last, and where it came from."""
    if kr.actual is not None:
        return kr.actual, "actual"
    if not kr.check_ins:
        return None, "none"
    return _latest(kr).value, "check-in"


def _latest(kr: KeyResult) -> CheckIn:
    return max(kr.check_ins, key=lambda c: c.date)


def _at_pace(kr: KeyResult, value: object) -> tuple[object, str]:
    """A running total projected to the end of the cycle, and how; other values as they are."""
    numeric = isinstance(value, Decimal | int) and not isinstance(value, bool)
    if not (kr.accumulates and kr.period and numeric):
        return value, ""
    latest = _latest(kr)
    start, end = (date.fromisoformat(day) for day in kr.period)
    total = (end - start).days + 1
    done = min(max((date.fromisoformat(latest.date) - start).days + 1, 1), total)
    projected = Decimal(latest.value) * total / done
    return (
        projected,
        f"running total on {latest.date}, day {done} of {total}: at that pace {_plain(projected)}; ",
    )


def _plain(value: Decimal) -> str:
    return format(value.quantize(Decimal("0.01")).normalize(), "f")


def _number(value: object, name: str) -> Decimal:
    if type(value) is Decimal:
        return value
    if type(value) is int:
        return Decimal(value)
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise ScoringError(f"{name} {value!r} is not a number")
    return Decimal(value)


def _score(kr: KeyResult, curve: Curve, value: object, scheme: Scheme) -> tuple[Decimal, str]:
    if curve.kind == "piecewise":  # the most common kind first
        return _piecewise(kr, curve, _number(value, "value"))
    if curve.kind == "binary":
        if not isinstance(value, bool):
            raise ScoringError(f"{value!r} is not true or false")
        return Decimal(int(value)), "binary: true scores 1, false 0"
    if curve.kind == "grade":
        grade = _number(value, "grade")
        return _clamp(grade, curve.cap or Decimal(1)), f"grade {grade} taken as the score"
    if curve.kind == "scale":
        level = scheme.level(int(_number(value, "rating")))
        if level is None:
            raise ScoringError(f"rating {value} is not on the scale")
        return level.score, f"rating {level.value} ({level.label}) counts {level.score}"
    number = _number(value, "value")
    if curve.kind == "linear":
        return _linear(kr, curve, number)
    return _piecewise(kr, curve, number)


def _clamp(score: Decimal, cap: Decimal | None) -> Decimal:
    score = max(score, _ZERO)
    return min(score, cap) if cap is not None else score


def _linear(kr: KeyResult, curve: Curve, value: Decimal) -> tuple[Decimal, str]:
    baseline, target = _number(kr.baseline, "baseline"), _number(kr.target, "target")
    if baseline == target:
        raise ScoringError("baseline equals target, a zero range")
    raw = (value - baseline) / (target - baseline)
    capped = curve.capped
    return _clamp(raw, curve.cap), f"linear: ({value} - {baseline}) / ({target} - {baseline}){capped}"


def _piecewise(kr: KeyResult, curve: Curve, value: Decimal) -> tuple[Decimal, str]:
    sign = _UP if kr.direction == "increase" else _DOWN
    points = curve.points
    marks = [
        (written if type(written) is Decimal else _number(written, name), points[name])
        for name, written in (("threshold", kr.threshold), ("target", kr.target), ("stretch", kr.stretch))
        if written is not None and name in points
    ]
    if len(marks) < 2:
        raise ScoringError("a piecewise curve needs threshold and target")
    values = [v for v, _ in marks]
    if any(map(operator.eq, values, values[1:])):
        raise ScoringError("two points of the curve are equal, a zero range")
    # str() rather than an f-string: the same text for a Decimal, made faster.
    rule = "piecewise through " + ", ".join([str(v) + " -> " + str(s) for v, s in marks])
    capped = curve.capped
    if sign * value < sign * marks[0][0]:
        below = _clamp(curve.below_threshold, curve.cap)
        return below, f"{rule}: below threshold scores {below}"
    for (low, low_score), (high, high_score) in itertools.pairwise(marks):
        if sign * value <= sign * high:
            raw = low_score + (value - low) / (high - low) * (high_score - low_score)
            return _clamp(raw, curve.cap), rule + capped
    return _clamp(marks[-1][1], curve.cap), f"{rule}: beyond the last point{capped}"
