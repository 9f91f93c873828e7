"""Calendar: the period of a cycle from its id, and the dates of its phases.

A cycle id names its period: ``2026`` (the year), ``2026-H1``/``2026-H2`` (halves),
``2026-Q1``..``2026-Q4`` (quarters). The framework's ``calendar`` says how many days each
phase takes; the phases are laid out on the period like this:

- planning: the first ``planning_days`` of the period;
- evaluation: the last ``evaluation_days`` of the period;
- coaching: everything between the two;
- calibration: the ``calibration_days`` after the period ends;
- results: the ``results_days`` after calibration (results use, feedback, appeals).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

DEFAULT_CALENDAR = {"planning_days": 21, "evaluation_days": 14, "calibration_days": 14, "results_days": 28}
"""Used for each key that org/framework.yaml's ``calendar`` leaves out."""

_ID = re.compile(r"(?P<year>[0-9]{4})(?:-(?P<kind>[HQ])(?P<n>[1-4]))?")
_ORDINALS = ("First", "Second", "Third", "Fourth")
FREQUENCY_MONTHS = {"annual": 12, "semiannual": 6, "quarterly": 3}


def period_of(cycle_id: str) -> tuple[str, str] | None:
    """The first and last day a cycle id names, or None when it names no period."""
    match = _ID.fullmatch(cycle_id)
    if match is None or (match["kind"] == "H" and match["n"] not in "12"):
        return None
    year = int(match["year"])
    months = {None: 12, "H": 6, "Q": 3}[match["kind"]]
    first_month = 1 + (int(match["n"]) - 1) * months if match["kind"] else 1
    start = date(year, first_month, 1)
    end = _add_months(start, months) - timedelta(days=1)
    return start.isoformat(), end.isoformat()


def name_of(cycle_id: str) -> str:
    """A name for the cycle: "2026", "First half of 2026", "Third quarter of 2026"."""
    match = _ID.fullmatch(cycle_id)
    if match is None or match["kind"] is None:
        return cycle_id
    word = "half" if match["kind"] == "H" else "quarter"
    return f"{_ORDINALS[int(match['n']) - 1]} {word} of {match['year']}"


def enclosing_ids(cycle_id: str) -> list[str]:
    """The ids of the cycles that would enclose this one, innermost first."""
    match = _ID.fullmatch(cycle_id)
    if match is None or match["kind"] is None:
        return []
    if match["kind"] == "Q":
        return [f"{match['year']}-H{1 + (int(match['n']) - 1) // 2}", match["year"]]
    return [match["year"]]


def months(start: str, end: str) -> int:
    """The length of a period in whole months, rounded."""
    first, last = date.fromisoformat(start), date.fromisoformat(end) + timedelta(days=1)
    return round(((last.year - first.year) * 12 + last.month - first.month) + (last.day - first.day) / 30)


def frequency_of(start: str, end: str) -> str | None:
    """The class frequency (annual, semiannual, quarterly) a period fits, if any."""
    length = months(start, end)
    return next((name for name, n in FREQUENCY_MONTHS.items() if n == length), None)


def calendar_of(framework: Mapping[str, Any] | None) -> dict[str, int]:
    """The framework's calendar with the defaults filled in."""
    declared = (framework or {}).get("calendar") or {}
    return {key: int(declared.get(key, default)) for key, default in DEFAULT_CALENDAR.items()}


def phases(start: str, end: str, calendar: Mapping[str, int]) -> dict[str, tuple[str, str]]:
    """The five phases of a period; ValueError when the period leaves no day for coaching."""
    first, last = date.fromisoformat(start), date.fromisoformat(end)
    planning_end = first + timedelta(days=calendar["planning_days"] - 1)
    evaluation_start = last - timedelta(days=calendar["evaluation_days"] - 1)
    if evaluation_start - planning_end < timedelta(days=2):
        raise ValueError(
            f"the period {start}..{end} is too short for {calendar['planning_days']} days of planning "
            f"and {calendar['evaluation_days']} of evaluation with coaching between"
        )
    calibration_end = last + timedelta(days=calendar["calibration_days"])
    results_end = calibration_end + timedelta(days=calendar["results_days"])
    spans = {
        "planning": (first, planning_end),
        "coaching": (planning_end + timedelta(days=1), evaluation_start - timedelta(days=1)),
        "evaluation": (evaluation_start, last),
        "calibration": (last + timedelta(days=1), calibration_end),
        "results": (calibration_end + timedelta(days=1), results_end),
    }
    return {name: (a.isoformat(), b.isoformat()) for name, (a, b) in spans.items()}


def _add_months(day: date, count: int) -> date:
    month = day.month - 1 + count
    return date(day.year + month // 12, month % 12 + 1, 1)
