"""Reporting: a promotion group's report drafted from the tracker, as a round-trip edit of
``governance/reports/<cycle>/<group>.yaml``.

The draft is a new dated report with the figures of the group's department on the day:
its participants, per step the number of people late, and the coaching conversations held
and due. The group then writes its words (``progress``) and keeps its register of
problems; a second draft on the same day refreshes that day's figures. Everything else in
the file, comments included, stays as it was.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from ruamel.yaml.comments import CommentedMap

from perfcode.edit import Editable, date, new_text, to_node
from perfcode.errors import UsageError
from perfcode.model import Repository
from perfcode.tracking import LABELS, promotion_group_of, status

HEADER = (
    "Reports of {group} on {cycle}, to the performance committee and the HR support group.",
    "Drafted by `perfcode report draft {group}`: the figures come from the tracker; write the progress",
    "and keep the register of problems (owner, due, status); the committee records its decisions.",
)


def report_path(cycle: str, group: str) -> str:
    return f"governance/reports/{cycle}/{group}.yaml"


def figures(repo: Repository, cycle_id: str, group: str, today: str) -> dict[str, Any]:
    """The tracker's figures for the group's department in a cycle on ``today``."""
    state = status(repo, cycle_id, today)
    people = {p.id for p in state.participants if promotion_group_of(repo, p.unit) == group}
    late = Counter(kind for kind, person in {(i.kind, i.person) for i in state.late} if person in people)
    found: dict[str, Any] = {"as_of": date(today), "participants": len(people)}
    order = list(LABELS)
    found["late"] = [
        to_node({"step": kind, "people": late[kind]}, flow=True) for kind in sorted(late, key=order.index)
    ]
    tallies = [t for t in state.coaching if t.person in people]
    if tallies:
        held, due = sum(t.held for t in tallies), sum(t.due for t in tallies)
        found["coaching"] = to_node({"held": held, "due": due}, flow=True)
    return found


def with_draft(text: str | None, group: str, cycle: str, today: str, numbers: Mapping[str, Any]) -> str:
    """The report file with a report of ``today`` carrying ``numbers``; a new file when there is none."""
    entry = {"date": date(today), "figures": dict(numbers)}
    if text is None:
        data = {"group": group, "cycle": cycle, "reports": [to_node(entry)], "problems": []}
        return new_text(data, [line.format(group=group, cycle=cycle) for line in HEADER])
    editable = Editable(text)
    reports = editable.data.get("reports") if isinstance(editable.data, Mapping) else None
    if not isinstance(reports, list):
        raise UsageError("the report file has no list of reports; fix it first (see perfcode check)")
    same_day = next((r for r in reports if isinstance(r, CommentedMap) and str(r.get("date")) == today), None)
    if same_day is not None:
        same_day["figures"] = to_node(dict(numbers))
    else:
        reports.append(to_node(entry))
    return editable.text()
