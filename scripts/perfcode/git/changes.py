"""Changes: what differs between two versions of a data file, entry by entry.

Mappings are compared key by key, down to the values. Lists of mappings are lists of
*entries*, matched by identity rather than position (goals, key results and competencies
by ``id``, assessments by reviewer and relationship, check-ins, sessions and coaching
conversations by date, exceptions by scope; revisions, which have none, by position), so
inserting a check-in is one added entry, not a shifted list. An entry that appears or disappears is one change
holding the whole entry; lists of plain values (``aligns_to``, ``members``) compare whole.
A file that appears or disappears compares against an empty mapping.

Each change carries ``keys`` (mapping keys and entry labels, for matching rules against),
``steps`` (the same written for people, joined as ``field``:
``goals[grow].key_results[arr].target``) and a pointer into the new version (or the
nearest node that still exists there), for a line number.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from perfcode.findings import PointerPart


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()
"""The old value of something added, or the new value of something removed."""

_IDENTITY: dict[str, Callable[[Mapping[str, Any]], object]] = {
    "assessments": lambda e: f"{e.get('reviewer')}/{e.get('relationship')}",
    "check_ins": lambda e: e.get("date"),
    "conversations": lambda e: e.get("date"),
    "sessions": lambda e: e.get("date"),
    "exceptions": lambda e: e.get("scope"),
    "revisions": lambda e: None,
}


def _by_id(entry: Mapping[str, Any]) -> object:
    return entry.get("id")


@dataclass(frozen=True)
class Change:
    path: str
    keys: tuple[str, ...]
    steps: tuple[str, ...]
    pointer: tuple[PointerPart, ...]
    old: Any
    new: Any

    @property
    def field(self) -> str:
        return self.field_at(len(self.steps))

    def field_at(self, depth: int) -> str:
        """The field the first ``depth`` keys name: ``goals[grow]`` for depth 2."""
        return "".join(self.steps[:depth]).lstrip(".")

    @property
    def kind(self) -> str:
        """added, removed or changed."""
        if self.old is MISSING:
            return "added"
        return "removed" if self.new is MISSING else "changed"


def file_changes(path: str, old: Any, new: Any) -> list[Change]:
    """Every change between two versions of one file (MISSING where the file does not exist)."""
    before = {} if old is MISSING else old
    after = {} if new is MISSING else new
    return list(_compare(path, (), (), (), before, after))


def _compare(
    path: str,
    keys: tuple[str, ...],
    steps: tuple[str, ...],
    pointer: tuple[PointerPart, ...],
    old: Any,
    new: Any,
) -> Iterator[Change]:
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        yield from _mappings(path, keys, steps, pointer, old, new)
    elif _entries(old) and _entries(new) and (old or new):
        yield from _lists(path, keys, steps, pointer, old, new)
    elif not same(old, new):
        yield Change(path, keys, steps, pointer, old, new)


def _mappings(
    path: str,
    keys: tuple[str, ...],
    steps: tuple[str, ...],
    pointer: tuple[PointerPart, ...],
    old: Mapping[str, Any],
    new: Mapping[str, Any],
) -> Iterator[Change]:
    for key in [*new, *(k for k in old if k not in new)]:
        before, after = old.get(key, MISSING), new.get(key, MISSING)
        where = (*pointer, key) if key in new else pointer
        yield from _compare(
            path, (*keys, str(key)), (*steps, f".{key}"), where, _empty_like(before, after), after
        )


def _empty_like(value: Any, other: Any) -> Any:
    """A missing mapping or list of entries compares as an empty one, so its parts show."""
    if value is not MISSING:
        return value
    if isinstance(other, Mapping):
        return {}
    return [] if _entries(other) and other else value


def _lists(
    path: str,
    keys: tuple[str, ...],
    steps: tuple[str, ...],
    pointer: tuple[PointerPart, ...],
    old: Any,
    new: Any,
) -> Iterator[Change]:
    name = keys[-1] if keys else ""
    before, after = _labelled(name, old), _labelled(name, new)
    if before is None or after is None:
        before, after = _by_position(old), _by_position(new)
    positions = {label: i for i, label in enumerate(after)}
    for label in [*after, *(k for k in before if k not in after)]:
        where = (*pointer, positions[label]) if label in after else pointer
        old_entry, new_entry = before.get(label, MISSING), after.get(label, MISSING)
        entry_keys, entry_steps = (*keys, label), (*steps, f"[{label}]")
        if old_entry is MISSING or new_entry is MISSING:
            if not same(old_entry, new_entry):
                yield Change(path, entry_keys, entry_steps, where, old_entry, new_entry)
        else:
            yield from _compare(path, entry_keys, entry_steps, where, old_entry, new_entry)


def _labelled(name: str, entries: Sequence[Mapping[str, Any]]) -> dict[str, Any] | None:
    """Entries by identity; None when some entry has no identity or two share one."""
    identity = _IDENTITY.get(name, _by_id)
    labels = [identity(e) for e in entries]
    if any(label is None for label in labels) or len(set(map(str, labels))) < len(labels):
        return None
    return {str(label): entry for label, entry in zip(labels, entries, strict=True)}


def _by_position(entries: Sequence[Any]) -> dict[str, Any]:
    return {str(i): entry for i, entry in enumerate(entries)}


def _entries(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(e, Mapping) for e in value)


def same(old: Any, new: Any) -> bool:
    """Equal values of the same kind: ``true`` is not ``1``, but ``1.0`` is ``1``."""
    if isinstance(old, bool) or isinstance(new, bool):
        return type(old) is type(new) and old == new
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        return old.keys() == new.keys() and all(same(old[k], new[k]) for k in old)
    if isinstance(old, list) and isinstance(new, list):
        return len(old) == len(new) and all(same(a, b) for a, b in zip(old, new, strict=True))
    if isinstance(old, int | Decimal) and isinstance(new, int | Decimal):
        return Decimal(old) == Decimal(new)
    return type(old) is type(new) and bool(old == new)


def entry(data: Any, keys: Sequence[str]) -> Any:
    """The value at ``keys`` in one version of a file (entry labels resolved), or MISSING."""
    current = data
    for i, key in enumerate(keys):
        if isinstance(current, Mapping):
            current = current.get(key, MISSING)
        elif _entries(current):
            labelled = _labelled(keys[i - 1] if i else "", current) or _by_position(current)
            current = labelled.get(key, MISSING)
        else:
            return MISSING
    return current


def show(value: Any, limit: int = 60) -> str:
    """A value as a short phrase for a message (text cut at ``limit`` characters)."""
    if value is MISSING:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")
    if isinstance(value, Mapping):
        return "an entry"
    if isinstance(value, list):
        return "[" + ", ".join(show(v, limit) for v in value) + "]"
    if value is None:
        return "null"
    text = str(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."
