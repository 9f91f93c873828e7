"""Importing people: what an HRIS export changes in ``org/people/`` and ``org/units/``.

Each row becomes ``org/people/<id>.yaml``: a new file for a new person, or the changed
keys of an existing file (its comments and other keys, such as ``since``, stay). A unit
named in the file that does not exist yet gets ``org/units/<unit>.yaml``, its head and
parent inferred from who manages whom: the head is the member whose manager sits outside
the unit (the one above the most members when there are several), the parent is the unit
of the head's manager. An existing unit whose head leaves it gets a new head the same
way. People missing from the file are removed only when pruning.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from perfcode.edit import Editable, new_text
from perfcode.model import Repository
from perfcode.process.people_csv import Row
from perfcode.rules.organisation import descendants


@dataclass
class ImportPlan:
    """The pending file changes of an import and what they mean."""

    pending: dict[str, str | None] = field(default_factory=dict)
    added: list[Row] = field(default_factory=list)
    changed: list[tuple[Row, list[str]]] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    units: list[str] = field(default_factory=list)


def plan_import(root: Path, repo: Repository, rows: Sequence[Row], prune: bool) -> ImportPlan:
    """The changes that bring org/ in line with the rows (rows already free of problems)."""
    plan = ImportPlan()
    for row in rows:
        _plan_person(root, repo, row, plan)
    listed = {r.id for r in rows}
    plan.removed = sorted(set(repo.people) - listed)
    if prune:
        plan.pending.update({f"org/people/{i}.yaml": None for i in plan.removed})
    kept = {} if prune else {i: (p.unit, p.manager) for i, p in repo.people.items() if i not in listed}
    people = {**kept, **{r.id: (r.unit, r.manager) for r in rows}}
    _plan_units(root, repo, people, plan)
    return plan


def _plan_person(root: Path, repo: Repository, row: Row, plan: ImportPlan) -> None:
    rel = f"org/people/{row.id}.yaml"
    person = repo.people.get(row.id)
    if person is None:
        header = ["Imported by `perfcode import people`."]
        plan.pending[rel] = new_text(row.fields(), header)
        plan.added.append(row)
        return
    now = {
        "name": person.name,
        "email": person.email,
        "github": person.github,
        "unit": person.unit,
        "position": person.position,
        "manager": person.manager,
        "class": person.cls,
    }
    changes = {k: v for k, v in row.fields().items() if k in now and now[k] != v}
    if not changes:
        plan.unchanged += 1
        return
    editable = Editable((root / rel).read_text(encoding="utf-8"))
    for key, value in changes.items():
        editable.data[key] = value
    plan.pending[rel] = editable.text()
    plan.changed.append((row, [f"{k} {now[k] or 'none'} -> {v or 'none'}" for k, v in changes.items()]))


def _plan_units(
    root: Path, repo: Repository, people: Mapping[str, tuple[str, str | None]], plan: ImportPlan
) -> None:
    needed = sorted({unit for unit, _ in people.values()})
    for unit in needed:
        if unit in repo.units:
            continue
        head = infer_head(unit, people)
        manager = people[head][1]
        parent = people[manager][0] if manager is not None and manager in people else None
        data = {"id": unit, "name": unit.replace("-", " ").capitalize(), "parent": parent, "head": head}
        header = ["Created by `perfcode import people`: give the unit its real name."]
        plan.pending[f"org/units/{unit}.yaml"] = new_text(data, header)
        plan.units.append(f"add unit {unit} (head {head}, parent {parent or 'none: the root'})")
    for existing in sorted(repo.units.values(), key=lambda u: u.id):
        below = descendants(repo, existing.id)
        members = {i for i, (u, _) in people.items() if u in below}
        if existing.head in members or not any(u == existing.id for u, _ in people.values()):
            continue
        head = infer_head(existing.id, people)
        editable = Editable((root / existing.where.path).read_text(encoding="utf-8"))
        editable.data["head"] = head
        plan.pending[existing.where.path] = editable.text()
        plan.units.append(f"change unit {existing.id}: head {existing.head} -> {head}")


def infer_head(unit: str, people: Mapping[str, tuple[str, str | None]]) -> str:
    """The member of ``unit`` whose manager is outside it and who is above the most members."""
    members = sorted(i for i, (u, _) in people.items() if u == unit)
    candidates = [i for i in members if people.get(people[i][1] or "", ("", None))[0] != unit]
    counts = dict.fromkeys(candidates, 0)
    for member in members:
        current: str | None = member
        seen: set[str] = set()
        while current is not None and current not in counts and current not in seen:
            seen.add(current)
            current = people[current][1] if current in people else None
        if current is not None and current in counts:
            counts[current] += 1
    return max(sorted(counts), key=lambda i: counts[i]) if counts else members[0]
