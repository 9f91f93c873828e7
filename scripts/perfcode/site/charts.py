"""Charts as inline SVG, drawn at build time: no chart library, no request, no script.

Numbers are formatted by this module; the only text from data (a key result's unit) goes
through :func:`markupsafe.escape`. Colours come from CSS classes (assets/perfcode.css), so
the charts follow the light and dark palettes.

Each chart is an image to assistive technology (``role="img"``) named by its ``<title>``
and described by its ``<desc>``, which says in words what the chart draws: the check-ins
and marks, or a curve's score at each named value. A screen reader reads neither the
shapes nor their tooltips inside an image, so the description carries all the data.
https://www.w3.org/TR/svg-aam-1.0/#mapping_additional_nd
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from markupsafe import Markup, escape

from perfcode.site.text import number

WIDTH, HEIGHT = 360, 150
LEFT, RIGHT, TOP, BOTTOM = 8, 352, 12, 124


@dataclass(frozen=True)
class Series:
    """A key result's check-ins over a period, with its marks (target, threshold ...)."""

    start: str
    end: str
    points: Sequence[tuple[str, Decimal]]
    marks: Sequence[tuple[str, Decimal]]
    today: str
    final: Decimal | None = None
    unit: str = ""


def _day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def progress_chart(series: Series, label: str) -> Markup:
    """Value over time: check-ins as a line, marks as dashed rules, today as a thin line."""
    start, end = _day(series.start), _day(series.end)
    span = max((end - start).days, 1)
    values = [v for _, v in series.points] + [v for _, v in series.marks]
    if series.final is not None:
        values.append(series.final)
    low, high = float(min(values)), float(max(values))
    pad = (high - low) * 0.08 or abs(high) * 0.1 or 1.0
    low, high = low - pad, high + pad

    def x(day: str) -> float:
        offset = min(max((_day(day) - start).days, 0), span)
        return LEFT + (RIGHT - LEFT) * offset / span

    def y(value: Decimal) -> float:
        return BOTTOM - (BOTTOM - TOP) * (float(value) - low) / (high - low)

    parts = [_frame(series, x)]
    marks = sorted(((y(value), name, value) for name, value in series.marks), reverse=True)
    labels = _spread([at for at, _, _ in marks])
    parts += [
        _mark(name, value, at, label, series.unit)
        for (at, name, value), label in zip(marks, labels, strict=True)
    ]
    line = " ".join(f"{_fmt(x(day))},{_fmt(y(value))}" for day, value in series.points)
    if len(series.points) > 1:
        parts.append(f'<polyline class="pc-line" points="{line}"/>')
    for day, value in series.points:
        parts.append(
            f'<circle class="pc-point" cx="{_fmt(x(day))}" cy="{_fmt(y(value))}" r="3">'
            f"<title>{escape(day)}: {escape(number(value))}</title></circle>"
        )
    if series.final is not None:
        parts.append(
            f'<circle class="pc-final" cx="{_fmt(x(series.end))}" cy="{_fmt(y(series.final))}" r="4">'
            f"<title>actual: {escape(number(series.final))}</title></circle>"
        )
    return _svg(label, _described(series), "".join(parts))


def _described(series: Series) -> str:
    """The chart in words: period, check-ins, actual and marks."""
    unit = f" {series.unit}" if series.unit else ""
    checkins = ", ".join(f"{day} {number(value)}" for day, value in series.points)
    text = f"From {series.start} to {series.end}. Check-ins: {checkins or 'none'}."
    if series.final is not None:
        text += f" Actual: {number(series.final)}{unit}."
    if series.marks:
        text += " " + ", ".join(f"{name} {number(value)}" for name, value in series.marks) + f"{unit}."
    return text


def _frame(series: Series, x: Callable[[str], float]) -> str:
    today = ""
    if series.start <= series.today <= series.end:
        at = _fmt(x(series.today))
        today = f'<line class="pc-today" x1="{at}" x2="{at}" y1="{TOP}" y2="{BOTTOM}"/>'
    return (
        f'<line class="pc-axis" x1="{LEFT}" x2="{RIGHT}" y1="{BOTTOM}" y2="{BOTTOM}"/>'
        f'<text class="pc-tick" x="{LEFT}" y="{HEIGHT - 8}">{escape(series.start)}</text>'
        f'<text class="pc-tick" x="{RIGHT}" y="{HEIGHT - 8}" text-anchor="end">{escape(series.end)}</text>'
        + today
    )


def _spread(lines: list[float], gap: float = 10.0) -> list[float]:
    """Label baselines for rules at ``lines`` (bottom first), at least ``gap`` apart."""
    labels: list[float] = []
    for at in lines:
        label = at - 3
        if labels and label > labels[-1] - gap:
            label = labels[-1] - gap
        labels.append(label)
    shift = max(0.0, 9 - min(labels, default=9))
    return [label + shift for label in labels]


def _mark(name: str, value: Decimal, at: float, label: float, unit: str) -> str:
    text = f"{name} {number(value)}" + (f" {unit}" if unit else "")
    return (
        f'<line class="pc-mark pc-{name}" x1="{LEFT}" x2="{RIGHT}" y1="{_fmt(at)}" y2="{_fmt(at)}"/>'
        f'<text class="pc-label pc-{name}" x="{RIGHT - 2}" y="{_fmt(label)}" text-anchor="end">'
        f"{escape(text)}</text>"
    )


def _svg(label: str, description: str, body: str, width: int = WIDTH, height: int = HEIGHT) -> Markup:
    return Markup(
        f'<svg class="pc-chart" viewBox="0 0 {width} {height}" role="img" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(label)}</title><desc>{escape(description)}</desc>{body}</svg>"
    )


def curve_chart(
    points: Sequence[tuple[float, float]], ticks: Sequence[tuple[float, str]], label: str
) -> Markup:
    """A scoring curve: score (0 to the highest score) over the key result's value.

    ``points`` are (x, score) with x from 0 to 1 across the chart; ``ticks`` name places on
    the x axis (threshold, target ...).
    """
    top = max(max(s for _, s in points), 1.0) * 1.1

    def px(at: float) -> float:
        return 40 + (RIGHT - 40) * at

    def py(score: float) -> float:
        return BOTTOM - (BOTTOM - TOP) * score / top

    grid = "".join(
        f'<line class="pc-grid" x1="40" x2="{RIGHT}" y1="{_fmt(py(s))}" y2="{_fmt(py(s))}"/>'
        f'<text class="pc-tick" x="34" y="{_fmt(py(s) + 4)}" text-anchor="end">{_fmt(s)}</text>'
        for s in _score_ticks(top)
    )
    axis = "".join(
        f'<line class="pc-grid" x1="{_fmt(px(at))}" x2="{_fmt(px(at))}" y1="{TOP}" y2="{BOTTOM}"/>'
        f'<text class="pc-tick" x="{_fmt(px(at))}" y="{HEIGHT - 8}" text-anchor="middle">{escape(name)}</text>'
        for at, name in ticks
    )
    line = " ".join(f"{_fmt(px(a))},{_fmt(py(s))}" for a, s in points)
    body = grid + axis + f'<polyline class="pc-curve" points="{line}"/>'
    return _svg(label, _curve_described(points, ticks), body)


def _curve_described(points: Sequence[tuple[float, float]], ticks: Sequence[tuple[float, str]]) -> str:
    """A curve in words: the score at each named value, and the highest score."""
    scores = ", ".join(f"{name} scores {_said(_score_at(points, at))}" for at, name in ticks)
    return f"{scores}; the highest score is {_said(max(s for _, s in points))}."


def _said(score: float) -> str:
    return f"{score:.4f}".rstrip("0").rstrip(".")


def _score_at(points: Sequence[tuple[float, float]], at: float) -> float:
    """The curve's score at ``at`` (0 to 1 across): the last point at or before it, or on the
    line from there to the next."""
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        if x0 <= at < x1:
            return y0 + (y1 - y0) * (at - x0) / (x1 - x0)
    return points[-1][1]


def _score_ticks(top: float) -> list[float]:
    step = 0.5 if top > 1.2 else 0.25
    count = int(top / step) + 1
    return [round(i * step, 2) for i in range(count) if i * step < top]
