"""Reviews: the closed half's review of each person, with a final rating of record.

Each class is assessed by the evaluators the framework gives it: self and manager for
everyone, peers for professionals, direct reports for managers; the manager rates the
class's competencies. The review is then scored with :mod:`perfcode.scoring`, exactly as
``perfcode check`` will score it: when the computed rating is not the target rating, the
committee's calibration records the change with a reason (PC603 accepts nothing else).
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from perfcode.build import build
from perfcode.demo.catalogue import DOMAIN
from perfcode.demo.framework import COMPETENCIES
from perfcode.demo.org import Org, Person
from perfcode.demo.texts import APPEAL_GROUNDS, CALIBRATION_REASONS, IMPROVEMENTS, PLAN_ACTIONS, STRENGTHS
from perfcode.emit import Flow
from perfcode.load import Document
from perfcode.scoring.people import person_result
from perfcode.scoring.scheme import Scheme

CYCLE = "2026-H1"
RESULTS = date(2026, 7, 20)
"""The first day of the closed half's results phase: feedback and appeal windows open."""


def person_data(person: Person) -> dict[str, Any]:
    return {
        "id": person.id,
        "name": person.name,
        "email": f"{person.id.replace('-', '.')}@{DOMAIN}",
        "github": person.id,
        "unit": person.unit,
        "position": person.position,
        "manager": person.manager,
        "class": person.cls,
        "since": person.since,
    }


def review(
    org: Org,
    person: Person,
    rating: int,
    goals: dict[str, Any],
    rules: Scheme,
    today: str,
    rng: random.Random,
) -> tuple[dict[str, Any], bool]:
    """The person's review with final rating ``rating``, and whether it needed a calibration."""
    data: dict[str, Any] = {
        "person": person.id,
        "cycle": CYCLE,
        "assessments": _assessments(org, person, rating, rng),
    }
    computed = _computed(person, goals, data, rules)
    if computed != rating:
        data["calibration"] = {
            "rating": rating,
            "reason": rng.choice(CALIBRATION_REASONS),
            "approved_by": "performance-committee",
            "date": f"2026-07-{rng.randint(6, 17):02d}",
        }
    data["final_rating"] = rating
    meeting = RESULTS + timedelta(days=rng.randint(0, 18))
    acknowledged = meeting + timedelta(days=rng.randint(0, 5))
    data["feedback"] = {"meeting": meeting.isoformat(), "acknowledged": acknowledged.isoformat()}
    if rng.random() < 0.015 and meeting <= RESULTS + timedelta(days=12):
        data["appeal"] = _appeal(meeting, rng)
    if rating <= 2 or (rating >= 4 and rng.random() < 0.15):
        data["plan"] = _plan(meeting, "improvement" if rating <= 2 else "development", today, rng)
    return data, computed != rating


def _computed(person: Person, goals: dict[str, Any], data: dict[str, Any], rules: Scheme) -> int | None:
    repo = build(
        [
            ("person", Document(f"org/people/{person.id}.yaml", "", person_data(person))),
            ("person-goals", Document(f"goals/{CYCLE}/people/{person.id}.yaml", "", goals)),
            ("review", Document(f"reviews/{CYCLE}/{person.id}.yaml", "", data)),
        ],
        (),
    )
    return person_result(repo, rules, CYCLE, repo.people[person.id], repo.reviews[0], []).computed_rating


def _assessments(org: Org, person: Person, rating: int, rng: random.Random) -> list[dict[str, Any]]:
    competencies = COMPETENCIES[person.cls]
    self_rating = min(5, rating + int(rng.random() < 0.3))
    found = [
        _assessment(person.id, "self", self_rating, rng, [self_rating] * len(competencies), competencies)
    ]
    others: list[str] = []
    relationship = ""
    if person.cls == "professional":
        relationship = "peer"
        team = [p for p in org.reports.get(person.manager or "", []) if p != person.id]
        others = rng.sample(team, min(len(team), rng.choice((2, 3))))
    elif person.cls == "manager":
        relationship = "direct-report"
        team = org.reports.get(person.id, [])
        others = rng.sample(team, min(len(team), rng.choice((3, 4))))
    for reviewer in others:
        found.append(_assessment(reviewer, relationship, _clamp(rating + rng.choice((-1, 0, 0, 0, 1))), rng))
    ratings = [rating] * len(competencies)
    if rng.random() < 0.25:
        ratings[rng.randrange(len(ratings))] = _clamp(rating + rng.choice((-1, 1)))
    assert person.manager is not None
    found.append(_assessment(person.manager, "manager", rating, rng, ratings, competencies))
    return found


def _assessment(
    reviewer: str,
    relationship: str,
    rating: int,
    rng: random.Random,
    ratings: list[int] | None = None,
    competencies: tuple[str, ...] = (),
) -> dict[str, Any]:
    day = rng.randint(15, 22) if relationship == "self" else rng.randint(16, 30)
    found: dict[str, Any] = {
        "reviewer": reviewer,
        "relationship": relationship,
        "submitted": f"2026-06-{day:02d}",
        "rating": rating,
    }
    if ratings:
        found["competencies"] = [Flow(id=c, rating=r) for c, r in zip(competencies, ratings, strict=True)]
    found["strengths"] = rng.choice(STRENGTHS)
    found["improvements"] = rng.choice(IMPROVEMENTS)
    return found


def _clamp(rating: int) -> int:
    return min(max(rating, 1), 5)


def _appeal(meeting: date, rng: random.Random) -> dict[str, Any]:
    filed = meeting + timedelta(days=rng.randint(1, 2))
    return {
        "filed": filed.isoformat(),
        "grounds": rng.choice(APPEAL_GROUNDS),
        "decision": rng.choice(("upheld", "rejected")),
        "decided": (filed + timedelta(days=rng.randint(10, 25))).isoformat(),
    }


def _plan(meeting: date, kind: str, today: str, rng: random.Random) -> dict[str, Any]:
    start = meeting + timedelta(days=rng.randint(1, 5))
    end = date(2026, 12, 18) if kind == "development" else date(2026, 10, 30)
    items = []
    for ident, action in rng.sample(PLAN_ACTIONS, 2):
        due = start + timedelta(days=rng.randint(30, (end - start).days))
        status = "open" if due.isoformat() > today else rng.choice(("done", "done", "dropped"))
        items.append({"id": ident, "action": action, "due": due.isoformat(), "status": status})
    return {"kind": kind, "start": start.isoformat(), "end": end.isoformat(), "items": items}
