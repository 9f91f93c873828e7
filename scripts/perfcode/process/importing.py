"""Importing people: what an HRIS export changes in ``org/people/`` and ``org/units/``.

Each row becomes ``org/people/<id>.yaml``: a new file for a new person, or the changed
keys of an existing file (its comments and other keys stay). A move (unit, position,
manager or class) is dated, never an overwrite: the values it replaces go to the person's
``history`` up to the day before it takes effect (the row's ``effective`` column, or the
day of the import), so rules that ask "as of when" still see who was where. A unit
named in the file that does not exist yet gets ``org/units/<unit>.yaml``, its head and
parent inferred from who manages whom: the head is the member whose manager sits outside
the unit (the one above the most members when there are several), the parent is the unit
of the head's manager. An existing unit whose head leaves it gets a new head the same
way. People missing from the file are marked as leavers (``left``) only when pruning, and
a row with a ``left`` date marks its person; leavers are never deleted.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from perfcode.edit import Editable, date, flow_list, new_text, to_node
from perfcode.model import Repository
from perfcode.process.people_csv import Row
from perfcode.rules.common import add_days
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


def plan_import(root: Path, repo: Repository, rows: Sequence[Row], prune: bool, today: str) -> ImportPlan:
    """The changes that bring org/ in line with the rows (rows already free of problems)."""
    plan = ImportPlan()
    for row in rows:
        _plan_person(root, repo, row, plan, today)
    listed = {r.id for r in rows}
    plan.removed = sorted(i for i, p in repo.people.items() if i not in listed and p.left is None)
    if prune:
        for ident in plan.removed:
            rel = f"org/people/{ident}.yaml"
            plan.pending[rel] = _mark_left((root / rel).read_text(encoding="utf-8"), add_days(today, -1))
    kept = (
        {}
        if prune
        else {i: (p.unit, p.manager) for i, p in repo.people.items() if i not in listed and p.left is None}
    )
    people = {**kept, **{r.id: (r.unit, r.manager) for r in rows}}
    created = _plan_units(root, repo, people, plan)
    _plan_groups(root, repo, created, plan)
    return plan


def _plan_person(root: Path, repo: Repository, row: Row, plan: ImportPlan, today: str) -> None:
    rel = f"org/people/{row.id}.yaml"
    person = repo.people.get(row.id)
    if person is None:
        header = ["Imported by `perfcode import people`."]
        since = row.since or row.effective
        fields = {
            **{k: v for k, v in row.fields().items() if k != "github" or v},
            **({"since": since} if since else {}),
            **({"left": row.left} if row.left else {}),
        }
        plan.pending[rel] = new_text(
            {k: date(v) if k in ("since", "left") and v else v for k, v in fields.items()}, header
        )
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
    leaving = row.left is not None and row.left != person.left
    if not changes and not leaving:
        plan.unchanged += 1
        return
    editable = Editable((root / rel).read_text(encoding="utf-8"))
    effective = row.effective or today
    moved = {k: now[k] for k in MOVES if k in changes}
    if moved:
        _append_history(editable, {"until": add_days(effective, -1), **moved})
    for key, value in changes.items():
        if key == "github" and value is None:
            del editable.data[key]  # no account: the key is left out, never null
        elif key == "github" and key not in editable.data and "email" in editable.data:
            editable.data.insert(list(editable.data).index("email") + 1, key, value)
        else:
            editable.data[key] = value
    if leaving:
        _set_left(editable, str(row.left))
    plan.pending[rel] = editable.text()
    said = [f"{k} {now[k] or 'none'} -> {v or 'none'}" for k, v in changes.items()]
    said += [f"from {effective}"] if moved else []
    said += [f"left on {row.left}"] if leaving else []
    plan.changed.append((row, said))


MOVES = ("unit", "position", "manager", "class")
"""The fields a move changes: dated in the person's history, not overwritten."""


def _append_history(editable: Editable, entry: dict[str, object]) -> None:
    history = editable.data.get("history")
    node = to_node({k: date(str(v)) if k == "until" else v for k, v in entry.items()}, flow=True)
    if history is None:
        editable.data["history"] = to_node([node])
    else:
        history.append(node)


def _set_left(editable: Editable, day: str) -> None:
    data = editable.data
    if "left" in data:
        data["left"] = date(day)
    else:
        data.insert(list(data).index("class") + 1 if "class" in data else len(data), "left", date(day))


def _mark_left(text: str, day: str) -> str:
    editable = Editable(text)
    _set_left(editable, day)
    return editable.text()


def _plan_units(
    root: Path, repo: Repository, people: Mapping[str, tuple[str, str | None]], plan: ImportPlan
) -> dict[str, dict[str, str | None]]:
    """Plan the new units and the new heads of existing ones; the new units' data by id."""
    created: dict[str, dict[str, str | None]] = {}
    for unit in sorted({unit for unit, _ in people.values()} - set(repo.units)):
        head = infer_head(unit, people)
        manager = people[head][1]
        parent = people[manager][0] if manager is not None and manager in people else None
        data = {"id": unit, "name": unit.replace("-", " ").capitalize(), "parent": parent, "head": head}
        header = ["Created by `perfcode import people`: give the unit its real name."]
        plan.pending[f"org/units/{unit}.yaml"] = new_text(data, header)
        plan.units.append(f"add unit {unit} (head {head}, parent {parent or 'none: the root'})")
        created[unit] = data
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
    return created


GOVERNANCE = "org/governance.yaml"


def _plan_groups(
    root: Path, repo: Repository, created: Mapping[str, Mapping[str, str | None]], plan: ImportPlan
) -> None:
    """A promotion group, led by its head, for each new department (a unit directly under
    the root unit) that has none: every department has one (PC111)."""
    governance = repo.governance
    if governance is None or not created:
        return
    parents = {
        **{u.id: u.parent for u in repo.units.values()},
        **{u: d["parent"] for u, d in created.items()},
    }
    served = {g.get("unit") for g in governance.get("promotion_groups") or ()}
    new = [
        data
        for unit, data in sorted(created.items())
        if unit not in served and (parent := data["parent"]) is not None and parents.get(parent, "") is None
    ]
    if not new:
        return
    editable = Editable(plan.pending.get(GOVERNANCE) or (root / GOVERNANCE).read_text(encoding="utf-8"))
    groups = editable.data.get("promotion_groups")
    if groups is None:
        groups = editable.data["promotion_groups"] = to_node([])
    groups.fa.set_block_style()
    for data in new:
        group = {
            "id": f"{data['id']}-promotion",
            "name": f"{data['name']} promotion group",
            "unit": data["id"],
            "lead": data["head"],
            "members": flow_list([]),
        }
        groups.append(to_node(group))
        plan.units.append(f"add promotion group {group['id']} (lead {data['head']}) to {GOVERNANCE}")
    plan.pending[GOVERNANCE] = editable.text()


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
