"""Coaching edits: a conversation added to a person's coaching record, and the employee's
comment on one, as round-trip edits of ``reviews/<cycle>/coaching/<person>.yaml``.

A new conversation is inserted in date order; everything else in the file, comments
included, stays as it was. A record that does not exist yet is created with its
``person``, ``cycle`` and the one conversation.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from perfcode.edit import Editable, date, flow_list, new_text, to_node
from perfcode.errors import UsageError

HEADER = (
    "Coaching conversations of {person} in {cycle}: confidential, like the review.",
    "The manager or skip-level manager records a conversation; only {person} writes employee_comment.",
)


def coaching_path(cycle: str, person: str) -> str:
    return f"reviews/{cycle}/coaching/{person}.yaml"


def conversation(
    day: str, coach: str, goals: Sequence[str], notes: str | None, actions: Sequence[str]
) -> dict[str, Any]:
    """A conversation in the order the files write its keys; empty parts are left out."""
    entry: dict[str, Any] = {"date": date(day), "coach": coach}
    if goals:
        entry["goals"] = flow_list(goals)
    if notes:
        entry["notes"] = notes
    if actions:
        entry["actions"] = [{"action": action} for action in actions]
    return entry


def with_conversation(text: str | None, person: str, cycle: str, entry: Mapping[str, Any]) -> str:
    """The record's text with ``entry`` inserted in date order; a new record when there is none."""
    if text is None:
        data = {"person": person, "cycle": cycle, "conversations": [to_node(entry)]}
        return new_text(data, [line.format(person=person, cycle=cycle) for line in HEADER])
    editable = Editable(text)
    entries = _conversations(editable.data)
    if any(_day(e) == str(entry["date"]) for e in entries):
        raise UsageError(f"a conversation on {entry['date']} is recorded already: one per day")
    if not entries:
        entries.fa.set_block_style()
    position = sum(1 for e in entries if _day(e) <= str(entry["date"]))
    entries.insert(position, to_node(entry))
    return editable.text()


def with_comment(text: str, day: str, comment: str) -> str:
    """The record's text with the employee's comment on the conversation of ``day``."""
    editable = Editable(text)
    found = next((e for e in _conversations(editable.data) if _day(e) == day), None)
    if not isinstance(found, CommentedMap):
        known = ", ".join(_day(e) for e in _conversations(editable.data)) or "none"
        raise UsageError(f"no conversation on {day}; conversations: {known}")
    found["employee_comment"] = to_node(comment)
    return editable.text()


def _conversations(data: Any) -> CommentedSeq:
    entries = data.get("conversations") if isinstance(data, Mapping) else None
    if not isinstance(entries, CommentedSeq):
        raise UsageError(
            "the coaching record has no list of conversations; fix it first (see perfcode check)"
        )
    return entries


def _day(entry: Any) -> str:
    return str(entry.get("date")) if isinstance(entry, Mapping) else ""
