"""Goal edits: a check-in or an actual on a key result, a new goal, as round-trip edits of
the goal file of any owner (the company, a unit, a person).

The edits change only what they add: a check-in is inserted in date order among the key
result's check-ins, in the style of its neighbours (``{date: ..., value: ...}`` on one
line unless they are written as blocks); a new goal is appended to the file's goals.
Everything else in the file, comments included, stays as it was.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from perfcode.edit import Editable, Scalar, date, flow_list, new_text, to_node
from perfcode.errors import UsageError, unknown
from perfcode.model import GoalFile, Repository
from perfcode.rules.common import suggest


def owner_level(repo: Repository, owner: str) -> str:
    """Whose goals ``owner`` names: ``company``, a unit's or a person's (people first, as a
    goal reference reads them); an unknown owner is a usage error with a suggestion."""
    if owner == "company":
        return "company"
    if owner in repo.people:
        return "person"
    if owner in repo.units:
        return "unit"
    raise unknown(
        "person or unit", owner, [*repo.people, *repo.units, "company"], "org/people/ and org/units/"
    )


def goal_path(cycle: str, owner: str, level: str) -> str:
    """The goal file of an owner in a cycle."""
    if level == "company":
        return f"goals/{cycle}/company.yaml"
    return f"goals/{cycle}/{'units' if level == 'unit' else 'people'}/{owner}.yaml"


def goal_file_for(repo: Repository, owner: str, goal: str, cycle: str | None, day: str) -> GoalFile:
    """The goal file of ``owner`` (``company``, a unit or a person) holding ``goal``: in
    ``cycle``, or the one whose cycle holds ``day``."""
    if cycle is not None and cycle in repo.sealed:
        raise UsageError(f"cycle {cycle} is closed: its goals are the record and stay as they are")
    level = owner_level(repo, owner)
    files = [f for f in repo.goal_files if f.level == level and f.owner == owner]
    if cycle is not None:
        files = [f for f in files if f.cycle == cycle]
    holding = [f for f in files if any(g.id == goal for g in f.goals)]
    if len(holding) > 1:
        current = [f for f in holding if repo.cycles[f.cycle].start <= day <= repo.cycles[f.cycle].end]
        holding = current if len(current) == 1 else holding
    if len(holding) == 1:
        if repo.cycles[holding[0].cycle].status == "closed":
            raise UsageError(
                f"cycle {holding[0].cycle} is closed: its goals are the record and stay as they are"
            )
        return holding[0]
    if holding:
        cycles = ", ".join(sorted(f.cycle for f in holding))
        raise UsageError(f"'{owner}' has a goal '{goal}' in {cycles}: choose one with --cycle")
    known = {g.id for f in files for g in f.goals}
    hint = suggest(goal, known) or f"goals: {', '.join(sorted(known)) or 'none'}"
    where = f" in {cycle}" if cycle else ""
    raise UsageError(f"'{owner}' has no goal '{goal}'{where} (or its goal file fails perfcode check); {hint}")


def checkin_text(text: str, goal_id: str, kr_id: str, check_in: Mapping[str, Scalar]) -> str:
    """The goal file's text with the check-in inserted in date order."""
    editable = Editable(text)
    key_result = _key_result(editable.data, goal_id, kr_id)
    entries = key_result.get("check_ins")
    if not isinstance(entries, CommentedSeq):
        entries = CommentedSeq()
        key_result["check_ins"] = entries
    flow = not entries or (isinstance(entries[-1], CommentedMap) and entries[-1].fa.flow_style())
    position = sum(
        1 for e in entries if isinstance(e, Mapping) and str(e.get("date")) <= str(check_in["date"])
    )
    entries.insert(position, to_node(check_in, flow=bool(flow)))
    return editable.text()


def _goal(data: Any, goal_id: str) -> CommentedMap:
    goals = data.get("goals") if isinstance(data, Mapping) else None
    goal = next((g for g in goals or () if isinstance(g, Mapping) and g.get("id") == goal_id), None)
    if not isinstance(goal, CommentedMap):
        raise UsageError(f"no goal '{goal_id}' in the file")
    return goal


def _key_result(data: Any, goal_id: str, kr_id: str) -> CommentedMap:
    goal = _goal(data, goal_id)
    key_results = [kr for kr in goal.get("key_results") or () if isinstance(kr, CommentedMap)]
    found = next((kr for kr in key_results if kr.get("id") == kr_id), None)
    if found is None:
        known = [str(kr.get("id")) for kr in key_results]
        hint = suggest(kr_id, known) or f"key results: {', '.join(known) or 'none'}"
        raise UsageError(f"goal '{goal_id}' has no key result '{kr_id}'; {hint}")
    return found


def actual_text(text: str, goal_id: str, kr_id: str, value: Scalar) -> str:
    """The goal file's text with the key result's ``actual`` set, where the files write it:
    after the targets, before the weight and the check-ins."""
    editable = Editable(text)
    key_result = _key_result(editable.data, goal_id, kr_id)
    if "actual" in key_result:
        key_result["actual"] = value
    else:
        keys = list(key_result)
        following = next((k for k in ("weight", "check_ins") if k in key_result), None)
        key_result.insert(keys.index(following) if following else len(keys), "actual", value)
    return editable.text()


REVISABLE = ("weight", "baseline", "threshold", "target", "stretch")
"""The locked fields `perfcode revise` changes: a goal's weight, a key result's points and weight."""


def revised_text(
    text: str,
    goal_id: str,
    kr_id: str | None,
    values: Mapping[str, Scalar],
    day: str,
    reason: str,
    approved_by: str | None,
) -> tuple[str, str]:
    """The goal file's text with the fields changed and a revision saying so; and the
    revision's ``change``: ``ship-ota: target 500 -> 450``."""
    editable = Editable(text)
    goal = _goal(editable.data, goal_id)
    node = _key_result(editable.data, goal_id, kr_id) if kr_id else goal
    if kr_id is None and set(values) - {"weight"}:
        raise UsageError(
            "a goal's own field to revise is its weight: give --kr KR for a key result's targets"
        )
    said = []
    for field, value in values.items():
        old = node.get(field)
        if old == value and type(old) is type(value):
            continue
        _put(node, field, value)
        said.append(f"{field} {_shown(old)} -> {_shown(value)}")
    if not said:
        raise UsageError("nothing changes: the values are the ones the file has")
    change = f"{kr_id}: {', '.join(said)}" if kr_id else ", ".join(said)
    revision = {"date": date(day), "change": change, "reason": reason}
    if approved_by:
        revision["approved_by"] = approved_by
    revisions = goal.get("revisions")
    if isinstance(revisions, CommentedSeq):
        revisions.append(to_node(revision, flow=True))
    else:
        keys = list(goal)
        goal.insert(
            keys.index("key_results") if "key_results" in keys else len(keys),
            "revisions",
            to_node([to_node(revision, flow=True)]),
        )
    return editable.text(), change


def _put(node: CommentedMap, field: str, value: Scalar) -> None:
    """Set a field, a new one where the files write it: before the actual and the weight."""
    if field in node:
        node[field] = value
        return
    keys = list(node)
    following = next((k for k in ("actual", "weight", "check_ins", "key_results") if k in node), None)
    node.insert(keys.index(following) if following else len(keys), field, value)


def _shown(value: object) -> str:
    if value is None:
        return "none"
    return (
        format(value, "f")
        if isinstance(value, Decimal)
        else str(value).lower()
        if isinstance(value, bool)
        else str(value)
    )


def check_in_entry(day: str, value: Scalar, note: str | None) -> dict[str, Scalar]:
    entry: dict[str, Any] = {"date": date(day), "value": value}
    if note:
        entry["note"] = note
    return entry


def new_goal_text(text: str | None, owner: str, goal: Mapping[str, Any]) -> str:
    """The goal file's text with ``goal`` appended; a new file when there is none."""
    if text is None:
        header = "The company's goals." if owner == "company" else f"Goals of {owner}."
        return new_text({"owner": owner, "goals": [to_node(goal)]}, [header])
    editable = Editable(text)
    goals = editable.data.get("goals") if isinstance(editable.data, Mapping) else None
    if not isinstance(goals, CommentedSeq):
        raise UsageError("the goal file has no list of goals to add to; fix it first (see perfcode check)")
    if not goals:
        goals.fa.set_block_style()
    goals.append(to_node(goal))
    return editable.text()


GOAL_KEYS = (
    "id",
    "title",
    "description",
    "weight",
    "method",
    "theme",
    "aligns_to",
    "indicator",
    "perspective",
    "local",
)


def goal_data(fields: Mapping[str, Any], key_result: Mapping[str, Any]) -> dict[str, Any]:
    """A goal with its one key result, keys in the order the files write them; empty
    values are left out."""
    goal: dict[str, Any] = {k: fields[k] for k in GOAL_KEYS if fields.get(k) not in (None, [], ())}
    if "aligns_to" in goal:
        goal["aligns_to"] = flow_list(goal["aligns_to"])
    if "local" in goal:
        goal["local"] = to_node(goal["local"], flow=True)
    goal["key_results"] = [{k: v for k, v in key_result.items() if v is not None}]
    return goal
