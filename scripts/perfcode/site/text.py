"""How values read on the site: numbers, scores, dates and days."""

from __future__ import annotations

import datetime
from decimal import Decimal

PHASE_NAMES = {
    "planning": "Planning",
    "coaching": "Coaching",
    "evaluation": "Evaluation",
    "calibration": "Calibration",
    "results": "Results and feedback",
}


def number(value: object) -> str:
    """A value as people write it: 12,000,000; 0.85; yes / no for milestones."""
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, Decimal):
        text = f"{value:,f}"
        return text.rstrip("0").rstrip(".") if "." in text else text
    return str(value)


def score(value: Decimal | None) -> str:
    """A score as a percentage of the target score: 1 -> 100%."""
    return "not scored" if value is None else f"{value * 100:.0f}%"


def state(value: Decimal | None) -> str:
    """The colour of a score: good (target reached), fair (70% or more), low, or none."""
    if value is None:
        return "none"
    return "good" if value >= 1 else "fair" if value >= Decimal("0.7") else "low"


def bar(value: Decimal | None) -> str:
    """The width of a progress bar for a score, as a CSS percentage (0 to 100)."""
    if value is None:
        return "0"
    return f"{min(max(float(value), 0.0), 1.0) * 100:.1f}"


def day(text: str | None) -> str:
    """2026-11-24 -> 24 Nov 2026."""
    if not text:
        return "-"
    try:
        value = datetime.date.fromisoformat(text)
    except ValueError:
        return text
    return f"{value.day} {value:%b %Y}"


def days_between(first: str, second: str) -> int:
    return (datetime.date.fromisoformat(second) - datetime.date.fromisoformat(first)).days


def add_days(text: str, days: int) -> str:
    return (datetime.date.fromisoformat(text) + datetime.timedelta(days=days)).isoformat()
