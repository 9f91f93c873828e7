"""Recusal: nobody decides their own case, nor a case of someone above them.

The decision on an appeal, a calibration and a final rating must come from someone other
than the person concerned and other than their reports (direct or not), who depend on
that person. The *recused* of a case are the person and everyone whose manager chain
passes through them. When every member of the deciding body is recused (the committee is
made of the president and the president's reports: who calibrates the president?), the
*fallback* declared in ``org/governance.yaml`` (``recusal_fallback``) decides; without
one, nobody may, and the governance is reported (PC109).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from perfcode.model import Repository


@dataclass(frozen=True)
class Fallback:
    """Who decides when everyone eligible is recused: a name and GitHub handles (lower case)."""

    name: str
    handles: tuple[str, ...]


def line_of(repo: Repository, person_id: str) -> list[str]:
    """The person and their managers up to the top (a loop in the chain ends it)."""
    line: list[str] = []
    current: str | None = person_id
    while current is not None and current not in line:
        line.append(current)
        person = repo.people.get(current)
        current = person.manager if person else None
    return line


def recused(repo: Repository, person_id: str) -> frozenset[str]:
    """The person concerned and everyone who reports to them, directly or not."""
    return frozenset(p for p in repo.people if person_id in line_of(repo, p)) | {person_id}


def all_recused_for(repo: Repository, members: Iterable[str]) -> frozenset[str]:
    """The people whose case every member of a body is recused from: those at or above every
    member in the management line (the common part of the members' lines)."""
    lines = [set(line_of(repo, m)) for m in members]
    return frozenset(set.intersection(*lines)) if lines else frozenset()


def fallback(repo: Repository) -> Fallback | None:
    declared = (repo.governance or {}).get("recusal_fallback")
    if not declared:
        return None
    return Fallback(str(declared["name"]), tuple(str(h).lower() for h in declared["github"]))


def fallback_handles(repo: Repository, person_id: str) -> tuple[str, ...]:
    """The fallback's handles that may decide the case of ``person_id`` (none recused)."""
    declared = fallback(repo)
    if declared is None:
        return ()
    out = recused(repo, person_id)
    taken = {(p.github or "").lower() for p in repo.people.values() if p.id in out and p.github}
    return tuple(h for h in declared.handles if h not in taken)
