"""Cycle periods from ids, and phase dates from the framework's calendar."""

from __future__ import annotations

import pytest

from perfcode.process.calendar import DEFAULT_CALENDAR, frequency_of, name_of, period_of, phases


@pytest.mark.parametrize(
    ("cycle", "period", "name", "frequency"),
    [
        ("2026", ("2026-01-01", "2026-12-31"), "2026", "annual"),
        ("2026-H2", ("2026-07-01", "2026-12-31"), "Second half of 2026", "semiannual"),
        ("2028-Q1", ("2028-01-01", "2028-03-31"), "First quarter of 2028", "quarterly"),
        ("2026-Q4", ("2026-10-01", "2026-12-31"), "Fourth quarter of 2026", "quarterly"),
    ],
)
def test_a_cycle_id_names_its_period(cycle: str, period: tuple[str, str], name: str, frequency: str) -> None:
    assert period_of(cycle) == period
    assert name_of(cycle) == name
    assert frequency_of(*period) == frequency


@pytest.mark.parametrize("cycle", ["2026-H3", "2026-Q5", "FY26", "2026-h1"])
def test_other_ids_name_no_period(cycle: str) -> None:
    assert period_of(cycle) is None


def test_phases_follow_the_calendar() -> None:
    assert phases("2026-07-01", "2026-12-31", DEFAULT_CALENDAR) == {
        "planning": ("2026-07-01", "2026-07-21"),
        "coaching": ("2026-07-22", "2026-12-17"),
        "evaluation": ("2026-12-18", "2026-12-31"),
        "calibration": ("2027-01-01", "2027-01-14"),
        "results": ("2027-01-15", "2027-02-11"),
    }


def test_a_period_too_short_for_coaching_is_refused() -> None:
    with pytest.raises(ValueError, match="too short"):
        phases("2026-01-01", "2026-01-31", DEFAULT_CALENDAR)
