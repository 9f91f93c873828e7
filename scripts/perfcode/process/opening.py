"""Opening a cycle: the cycle file, a goal scaffold per participant, review scaffolds.

The cycle's period comes from its id (see :mod:`perfcode.process.calendar`) or is given;
its phases from the framework's calendar; its classes are those whose assessment
frequency fits the period (a half year takes the semiannual classes), and its enclosing
cycle is the shortest existing cycle that contains it. Goal scaffolds are written for
every participant, review scaffolds once the evaluation phase has started. A file that
exists is never touched, so opening again only adds what is missing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from perfcode.errors import UsageError
from perfcode.model import Cycle, Person, Repository, Where, every_cycle
from perfcode.process import calendar, reviews, scaffold
from perfcode.progress import track
from perfcode.rules.common import days_between
from perfcode.rules.cycles import participants
from perfcode.tracking import required_evaluators

CYCLE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{0,31}")
"""The cycle ids of schemas/defs.schema.json; also what keeps the paths inside goals/."""


@dataclass(frozen=True)
class Request:
    cycle_id: str
    today: str
    start: str | None = None
    end: str | None = None
    previous: str | None = None


@dataclass
class Opening:
    """The files to create and what to say about them."""

    cycle: Cycle
    pending: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def plan_opening(root: Path, repo: Repository, request: Request) -> Opening:
    if repo.framework is None:
        raise UsageError("org/framework.yaml is missing or fails perfcode check")
    if not CYCLE_ID.fullmatch(request.cycle_id):
        raise UsageError(f"'{request.cycle_id}' is not a cycle id: letters, digits and -, such as 2026-H1")
    opening = _existing(repo, request) or _new_cycle(repo, request)
    previous = request.previous or previous_cycle(repo, opening.cycle)
    cycles = every_cycle(repo)
    if previous is not None and previous not in cycles:
        raise UsageError(f"unknown previous cycle '{previous}'; cycles: {', '.join(sorted(cycles))}")
    people = sorted(participants(repo, opening.cycle), key=lambda p: p.id)
    for person in track(people, "scaffolding"):
        _scaffold_person(root, repo, opening, person, previous, request.today)
        _scaffold_review(root, repo, opening, person, people, request.today)
    if request.today < opening.cycle.phases["evaluation"][0]:
        opening.notes.append(
            f"review scaffolds come when evaluation opens on {opening.cycle.phases['evaluation'][0]}: "
            f"run `perfcode cycle open {opening.cycle.id}` again then"
        )
    return opening


def _existing(repo: Repository, request: Request) -> Opening | None:
    if repo.is_broken("cycle", request.cycle_id):
        raise UsageError(f"goals/{request.cycle_id}/cycle.yaml fails perfcode check; fix it first")
    cycle = repo.cycles.get(request.cycle_id)
    if cycle is None:
        return None
    if cycle.status == "closed":
        raise UsageError(f"cycle {cycle.id} is closed: open a new one")
    opening = Opening(cycle)
    if request.start or request.end:
        opening.notes.append(f"{cycle.where.path} exists: --start and --end are left unused")
    return opening


def _new_cycle(repo: Repository, request: Request) -> Opening:
    cycle_id = request.cycle_id
    named = calendar.period_of(cycle_id)
    start, end = request.start or (named and named[0]), request.end or (named and named[1])
    if not start or not end:
        raise UsageError(
            f"'{cycle_id}' names no period (like 2026, 2026-H1 or 2026-Q3): give --start and --end"
        )
    if start > end:
        raise UsageError(f"the period ends ({end}) before it starts ({start})")
    try:
        phases = calendar.phases(start, end, calendar.calendar_of(repo.framework))
    except ValueError as exc:
        raise UsageError(f"{exc}; give a longer period or shorten the framework's calendar") from None
    classes = _classes(repo.framework or {}, start, end)
    parent = enclosing(repo, start, end)
    path = f"goals/{cycle_id}/cycle.yaml"
    cycle = Cycle(cycle_id, parent, start, end, "open", classes, (), phases, Where(path))
    opening = Opening(cycle)
    version = (repo.framework or {}).get("version")
    text = scaffold.cycle_text(
        cycle_id, calendar.name_of(cycle_id), parent, (start, end), classes, phases, version
    )
    opening.pending[path] = text
    if classes is None:
        opening.notes.append("no class is assessed at this period's frequency: every class takes part")
    return opening


def _classes(framework: Mapping[str, Any], start: str, end: str) -> tuple[str, ...] | None:
    """The classes assessed at the period's frequency; None (every class) when all or none are."""
    frequency = calendar.frequency_of(start, end)
    every = [c["id"] for c in framework.get("classes", ())]
    chosen = [c["id"] for c in framework.get("classes", ()) if c["frequency"] == frequency]
    return tuple(chosen) if chosen and len(chosen) < len(every) else None


def enclosing(repo: Repository, start: str, end: str) -> str | None:
    """The shortest existing cycle whose period contains and is longer than [start, end]."""
    containing = [
        c
        for c in repo.cycles.values()
        if c.start <= start and end <= c.end and (c.start, c.end) != (start, end)
    ]
    if not containing:
        return None
    return min(containing, key=lambda c: (days_between(c.start, c.end), c.id)).id


def previous_cycle(repo: Repository, cycle: Cycle) -> str | None:
    """The latest cycle of the same length that ended before this one starts."""
    length = calendar.months(cycle.start, cycle.end)
    earlier = [
        c
        for c in every_cycle(repo).values()
        if c.end < cycle.start and calendar.months(c.start, c.end) == length and c.id != cycle.id
    ]
    return max(earlier, key=lambda c: (c.end, c.id)).id if earlier else None


def _scaffold_person(
    root: Path, repo: Repository, opening: Opening, person: Person, previous: str | None, today: str
) -> None:
    cycle = opening.cycle
    goals_path = f"goals/{cycle.id}/people/{person.id}.yaml"
    if not (root / goals_path).exists():
        position = repo.files.get(f"org/positions/{person.position}.yaml") or {}
        opening.pending[goals_path] = scaffold.goals_text(
            cycle.id,
            person,
            cycle.phases["planning"][1],
            position.get("indicators", ()),
            _plan_of(repo, previous, person.id),
            repo.framework or {},
        )


def _scaffold_review(
    root: Path, repo: Repository, opening: Opening, person: Person, people: list[Person], today: str
) -> None:
    """Once evaluation has started: the review with its evaluators, peers included."""
    cycle = opening.cycle
    review_path = f"reviews/{cycle.id}/{person.id}.yaml"
    evaluation_start, evaluation_end = cycle.phases["evaluation"]
    if today < evaluation_start or (root / review_path).exists():
        return
    wanted = reviews.peers_wanted(repo.framework or {}, person.cls)
    peers = reviews.suggested_peers(person, people, wanted)
    evaluators = required_evaluators(repo, person)
    opening.pending[review_path] = scaffold.review_text(cycle.id, person, evaluators, evaluation_end, peers)
    if len(peers) < wanted:
        opening.notes.append(
            f"{person.id}'s class asks for {wanted} peer assessment(s) and {len(peers)} colleague(s) share"
            f" their manager: `perfcode nominate {person.id} PEER` to ask others"
        )


def _plan_of(repo: Repository, previous: str | None, person: str) -> tuple[str, Mapping[str, Any]] | None:
    """The plan agreed in the previous cycle (read from its files when it is closed)."""
    if previous is not None and previous in repo.sealed:
        plan = (repo.sealed[previous].documents.get(f"reviews/{previous}/{person}.yaml") or {}).get("plan")
        return (previous, plan) if plan else None
    review = next((r for r in repo.reviews if r.cycle == previous and r.person == person), None)
    return (review.cycle, review.plan) if review is not None and review.plan else None
