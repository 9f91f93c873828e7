"""Goals: the demo company's goal files, from the company down to each person.

Company goals (in the annual cycle) serve the strategy themes; each department's goals
align to company goals, each group's and team's to the same goal of the unit above; a
person's goals take in the indicators of their position and align to their team's (or
group's) goals. Executives' annual goals are a balanced scorecard aligned to company goals.
A goal aims at a *wanted* score: its first key result makes up for what the others score.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

from perfcode.demo.catalogue import COMPANY_GOALS, EXECUTIVE_GOALS, POSITIONS, Department, Measure, okr
from perfcode.demo.org import Org, Person, Unit
from perfcode.demo.texts import LOCAL_GOALS
from perfcode.demo.values import achieved, check_ins, number, points, value

_PAIRS = ((60, 40), (50, 50), (70, 30))
_DONE = okr("done", "Agreed outcome delivered, graded with the manager")


def months(first: int, last: int, day: int, today: str, year: int = 2026) -> list[str]:
    """A check-in date in each month from ``first`` to ``last``, none after ``today``."""
    return [d for month in range(first, last + 1) if (d := f"{year}-{month:02d}-{day:02d}") <= today]


def key_result(
    m: Measure, weight: int, wanted: float, dates: list[str], closed: bool, rng: random.Random
) -> dict[str, Any]:
    kr: dict[str, Any] = {"id": m.id, "metric": m.metric}
    if m.unit:
        kr["unit"] = m.unit
    found = points(m, rng) if m.curve in ("stepped", "linear") else {}
    if found:
        kr["direction"] = m.direction
    if m.curve != "stepped":
        kr["curve"] = m.curve
    kr.update({name: number(ticks, m.places) for name, ticks in found.items()})
    final = value(m, found, wanted)
    if closed:
        kr["actual"] = final
    kr["weight"] = weight
    if dates:
        kr["check_ins"] = check_ins(m, found, final, dates, rng)
    return kr


def goal(
    head: dict[str, Any],
    measures: Sequence[Measure],
    wanted: float,
    dates: list[str],
    closed: bool,
    rng: random.Random,
    count: int = 2,
) -> dict[str, Any]:
    """``head`` (id, title, weight, links) with key results that score about ``wanted``."""
    chosen = [measures[0], *rng.sample(measures[1:], min(count - 1, len(measures) - 1))]
    if len(chosen) == 2 and rng.random() < 0.35:
        chosen = chosen[:1]
    weights = list(rng.choice(_PAIRS)) if len(chosen) == 2 else [100]
    others = sum(w * achieved(m, wanted) for m, w in zip(chosen[1:], weights[1:], strict=True))
    first = (wanted * 100 - others) / weights[0]
    wants = [first, *(wanted for _ in chosen[1:])]
    head["key_results"] = [
        key_result(m, w, x, dates, closed, rng) for m, w, x in zip(chosen, weights, wants, strict=True)
    ]
    return head


def company_goals(today: str, rng: random.Random) -> dict[str, Any]:
    dates = months(2, 11, 26, today)
    goals = [
        goal({"id": ident, "title": title, "weight": weight, "theme": theme}, measures,
             rng.uniform(0.8, 1.2), dates, False, rng)
        for ident, title, theme, weight, measures in COMPANY_GOALS
    ]  # fmt: skip
    return {"owner": "company", "goals": goals}


def executive_goals(person: Person, today: str, rng: random.Random) -> dict[str, Any]:
    dates = months(2, 11, rng.randint(10, 25), today)
    indicator = POSITIONS[person.position].indicators[0]
    financial = {
        "id": indicator.measure.id,
        "title": indicator.title,
        "weight": 30,
        "perspective": "financial",
        "aligns_to": ["company/grow-revenue"],
        "indicator": f"{person.position}/{indicator.measure.id}",
    }
    goals = [goal(financial, (indicator.measure,), rng.uniform(0.8, 1.2), dates, False, rng)]
    for perspective, ident, title, serves, weight, measures in EXECUTIVE_GOALS:
        head = {"id": ident, "title": title, "weight": weight, "perspective": perspective}
        head["aligns_to"] = [f"company/{serves}"]
        goals.append(goal(head, measures, rng.uniform(0.8, 1.2), dates, False, rng))
    return {"owner": person.id, "goals": goals}


def unit_goals(org: Org, unit: Unit, dates: list[str], closed: bool, rng: random.Random) -> dict[str, Any]:
    dept = _department(org, unit)
    goals = []
    for theme, weight in zip(dept.themes, (40, 35, 25), strict=True):
        above = (
            f"company/{theme.serves}" if unit.parent == org.president.unit else f"{unit.parent}/{theme.id}"
        )
        head = {
            "id": theme.id,
            "title": theme.title.format(unit=unit.name),
            "weight": weight,
            "aligns_to": [above],
        }
        goals.append(goal(head, theme.measures, rng.uniform(0.75, 1.25), dates, closed, rng))
    return {"owner": unit.id, "goals": goals}


def person_goals(
    org: Org, person: Person, wanted: float, dates: list[str], closed: bool, rng: random.Random
) -> dict[str, Any]:
    """A person's goals in a half: their position's indicators, then their unit's themes."""
    dept, unit = _department(org, org.unit(person.unit)), person.unit
    goals = []
    for indicator in POSITIONS[person.position].indicators:
        head = {
            "id": indicator.measure.id,
            "title": indicator.title,
            "weight": indicator.weight,
            "aligns_to": [f"{unit}/{dept.themes[0].id}"],
            "indicator": f"{person.position}/{indicator.measure.id}",
        }
        goals.append(goal(head, (indicator.measure,), _near(wanted, rng), dates, closed, rng))
    left = 100 - sum(g["weight"] for g in goals)
    shares = [left // 2 + left % 2, left // 2] if left >= 40 else [left]
    themes = rng.sample(dept.themes, len(shares))
    local = rng.randrange(len(shares)) if rng.random() < 0.05 else None
    for i, (theme, share) in enumerate(zip(themes, shares, strict=True)):
        head = {"id": theme.id, "title": theme.personal, "weight": share, "aligns_to": [f"{unit}/{theme.id}"]}
        measures: Sequence[Measure] = theme.measures
        if i == local:
            ident, title, reason = rng.choice(LOCAL_GOALS)
            head = {"id": ident, "title": title, "weight": share, "local": {"reason": reason}}
            measures = (_DONE,)
        goals.append(goal(head, measures, _near(wanted, rng), dates, closed, rng))
    return {"owner": person.id, "goals": goals}


def _near(wanted: float, rng: random.Random) -> float:
    return wanted + rng.uniform(-0.04, 0.04)


def _department(org: Org, unit: Unit) -> Department:
    ident = unit.department
    return next(d for d in org.departments if d.id == ident)
