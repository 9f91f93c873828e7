"""Where a cycle stands on the build day: its phase, a timeline and what is due now."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from perfcode.model import PHASES, Cycle
from perfcode.site.data import SiteData
from perfcode.site.text import PHASE_NAMES, add_days, day, days_between


@dataclass(frozen=True)
class PhaseView:
    id: str
    name: str
    start: str
    end: str
    left: str
    width: str
    state: str


@dataclass(frozen=True)
class CycleStatus:
    id: str
    name: str
    start: str
    end: str
    status: str
    phase: str | None
    phase_name: str
    phases: list[PhaseView]
    today_at: str | None
    due: list[str]


def cycle_status(data: SiteData, ident: str) -> CycleStatus:
    cycle = data.cycle(ident)
    phase = cycle.phase_on(data.today)
    raw = data.raw(cycle.where.path)
    return CycleStatus(
        id=ident,
        name=str(raw.get("name", ident)),
        start=cycle.start,
        end=cycle.end,
        status=cycle.status,
        phase=phase,
        phase_name=_phase_name(cycle, phase, data.today),
        phases=_timeline(cycle, data.today),
        today_at=_position(cycle, data.today),
        due=due_now(data, cycle, phase),
    )


def _bounds(cycle: Cycle) -> tuple[str, str]:
    return cycle.phases["planning"][0], cycle.phases["results"][1]


def _position(cycle: Cycle, today: str) -> str | None:
    first, last = _bounds(cycle)
    if not first <= today <= last:
        return None
    span = max(days_between(first, last), 1)
    return f"{100 * days_between(first, today) / span:.1f}"


def _timeline(cycle: Cycle, today: str) -> list[PhaseView]:
    first, last = _bounds(cycle)
    span = max(days_between(first, last) + 1, 1)
    views = []
    for name in PHASES:
        start, end = cycle.phases[name]
        state = "done" if end < today else "now" if start <= today else "next"
        left = 100 * days_between(first, start) / span
        width = 100 * (days_between(start, end) + 1) / span
        views.append(PhaseView(name, PHASE_NAMES[name], start, end, f"{left:.2f}", f"{width:.2f}", state))
    return views


def _phase_name(cycle: Cycle, phase: str | None, today: str) -> str:
    if cycle.status == "closed":
        return "Closed"
    if phase is not None:
        return PHASE_NAMES[phase]
    first, last = _bounds(cycle)
    if today < first:
        return "Not started"
    if today > last:
        return "Phases over, not yet closed"
    return "Between phases"


def due_now(data: SiteData, cycle: Cycle, phase: str | None) -> list[str]:
    """Plain sentences: what the people taking part have to do in the current phase."""
    framework = data.repo.framework or {}
    if cycle.status == "closed":
        return [f"The cycle is closed; its results stand as recorded on {day(_closed(data, cycle))}."]
    if phase is None:
        upcoming = [(cycle.phases[p][0], p) for p in PHASES if cycle.phases[p][0] > data.today]
        if not upcoming:
            return ["Every phase has ended: the committee closes the cycle."]
        start, name = min(upcoming)
        return [f"Next: {PHASE_NAMES[name].lower()} starts on {day(start)}."]
    end = day(cycle.phases[phase][1])
    return _DUE[phase](framework, cycle, end)


def _closed(data: SiteData, cycle: Cycle) -> str | None:
    closed = data.raw(cycle.where.path).get("closed")
    return str(closed) if closed else None


def _planning(framework: Mapping[str, Any], cycle: Cycle, end: str) -> list[str]:
    return [
        f"Everyone taking part proposes their goals for {cycle.id} by {end}, in a pull request "
        f"that adds goals/{cycle.id}/people/<your id>.yaml; the manager approves by merging.",
        "Unit heads set the unit goals, aligned to the goals above them.",
    ]


def _coaching(framework: Mapping[str, Any], cycle: Cycle, end: str) -> list[str]:
    every = framework.get("check_in_days")
    rhythm = f"at least every {every} days" if every else "regularly"
    return [
        f"Post a check-in on every running key result {rhythm} (a pull request adding to check_ins).",
        f"Managers coach and discuss progress; coaching runs until {end}.",
    ]


def _evaluation(framework: Mapping[str, Any], cycle: Cycle, end: str) -> list[str]:
    return [
        f"Self-assessments and manager assessments are due by {end}, in reviews/{cycle.id}/.",
        "Peers and other evaluators of your class submit theirs in the same window.",
    ]


def _calibration(framework: Mapping[str, Any], cycle: Cycle, end: str) -> list[str]:
    return [f"The performance committee calibrates the ratings by {end}; ratings are then locked."]


def _results(framework: Mapping[str, Any], cycle: Cycle, end: str) -> list[str]:
    feedback = framework.get("feedback")
    appeals = framework.get("appeals")
    start = cycle.phases["results"][0]
    lines = []
    if isinstance(feedback, dict):
        by = day(add_days(start, int(feedback["meeting_within_days"])))
        lines.append(f"Every employee has a feedback meeting with their manager by {by}.")
        if feedback.get("acknowledgement") == "required":
            lines.append("Employees acknowledge their result after the meeting.")
    if isinstance(appeals, dict):
        lines.append(f"An employee may appeal within {appeals['window_days']} days of the results.")
    lines.append(f"Results are used (bonus, merit, promotion, plans) by {end}.")
    return lines


_DUE = {
    "planning": _planning,
    "coaching": _coaching,
    "evaluation": _evaluation,
    "calibration": _calibration,
    "results": _results,
}
