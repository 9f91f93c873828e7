"""Plaintext for people: a file's parts shown as far as this user can read them, and the
edited plaintext sealed again.

:func:`readable` is what ``perfcode review show``, ``perfcode review edit`` and ``perfcode
textconv`` (git's diff driver) print: every part the user's identities open, decrypted in
place; every other part as its kept keys and ``encrypted:`` :data:`CLOSED` with a digest of its
ciphertext (a diff without the key still shows which part changed).
:func:`reseal` turns an edited readable text back into the encrypted file: a part still
marked :data:`CLOSED` keeps its old node as it was (ciphertext, recipients, kept keys:
whoever cannot read a part cannot change it); every other part is encrypted to its
recipients as the organisation stands today, keeping its ciphertext when neither its
value nor its recipients changed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import Any

from perfcode.crypt.keys import Identity
from perfcode.crypt.parts import ENCRYPTED, PARTS, Part
from perfcode.crypt.seal import (
    PARTS_BY_PARENT,
    Audience,
    Unreadable,
    decrypt,
    is_node,
    is_sealed,
    label,
    seal_document,
)

CLOSED = "(not readable with your identity)"
"""What stands for the value of a part this user cannot read, followed by the first hex
digits of its ciphertext's SHA-256, so that a diff still shows that the part changed."""


def sealed_kind(data: Any) -> str | None:
    """The kind of file with encrypted parts that ``data`` is, by its content (git hands a
    diff driver a temporary file, whose name says nothing); None when it holds none."""
    return next((kind for kind in PARTS if is_sealed(kind, data)), None)


def _tops(kind: str) -> list[Part]:
    return [p for p in PARTS[kind] if len(p.path) == 1 or p.path[1:] == ("*",)]


def readable(kind: str, data: Mapping[str, Any], identities: Sequence[Identity]) -> dict[str, Any]:
    """The document with every part ``identities`` open decrypted, the rest marked closed."""
    shown = dict(data)
    for part in _tops(kind):
        head = part.path[0]
        value = data.get(head)
        if part.path[1:] == ("*",) and isinstance(value, list):
            shown[head] = [_show(part, entry, identities) for entry in value]
        elif is_node(value):
            shown[head] = _show(part, value, identities)
    return {key: value for key, value in shown.items() if value is not None}


def _show(part: Part, node: Any, identities: Sequence[Identity]) -> Any:
    if not is_node(node):
        return node
    kept = {k: node[k] for k in part.keep if k in node}
    children = [c for c in PARTS_BY_PARENT.get(part.path, ()) if c.path[-1] in node]
    try:
        content = decrypt(node[ENCRYPTED], identities)
    except Unreadable:
        digest = hashlib.sha256(str(node[ENCRYPTED]).encode("utf-8")).hexdigest()[:12]
        closed: dict[str, Any] = {**kept, ENCRYPTED: f"{CLOSED} {digest}"}
        for child in children:
            closed[child.path[-1]] = _show(child, node[child.path[-1]], identities)
        return closed
    if not kept and not children and not isinstance(content, Mapping):
        return content
    plain: dict[str, Any] = {**kept, **(content if isinstance(content, Mapping) else {})}
    for child in children:
        inner = _show(child, node[child.path[-1]], identities)
        if _is_closed(inner):
            plain[child.path[-1]] = inner
        elif isinstance(inner, Mapping):
            plain.update(inner)
    return plain or None


def _is_closed(value: Any) -> bool:
    return isinstance(value, Mapping) and str(value.get(ENCRYPTED)).startswith(CLOSED)


def closed_parts(kind: str, shown: Mapping[str, Any]) -> list[str]:
    """The names of the parts shown closed (``assessments[reviewer/relationship]`` ...)."""
    names: list[str] = []
    for part in PARTS[kind]:
        head, rest = part.path[0], part.path[1:]
        value = shown.get(head)
        if rest == ("*",):
            names += [f"{part.name}[{label(e)}]" for e in value or () if _is_closed(e)]
        elif rest:
            inner = value.get(rest[0]) if isinstance(value, Mapping) else None
            names += [part.name] if _is_closed(inner) else []
        elif _is_closed(value):
            names.append(part.name)
    return names


def reseal(
    kind: str,
    edited: Mapping[str, Any],
    previous: Mapping[str, Any],
    audience: Audience,
    identities: Sequence[Identity],
) -> dict[str, Any]:
    """The encrypted form of an edited readable document (see the module's docstring): a
    part ``identities`` cannot open in ``previous`` keeps its old node, whatever ``edited``
    says of it (an assessment by its reviewer and relationship; one left out is removed)."""
    before = readable(kind, previous, identities)
    plain = dict(edited)
    restore: list[tuple[str, str | None]] = []
    for part in _tops(kind):
        head = part.path[0]
        if part.path[1:] == ("*",):
            closed = {label(e) for e in before.get(head) or () if _is_closed(e)}
            entries = plain.get(head)
            if isinstance(entries, list):
                plain[head] = [
                    {k: e.get(k) for k in part.keep} if isinstance(e, Mapping) and label(e) in closed else e
                    for e in entries
                ]
            continue
        if _is_closed(before.get(head)):
            plain[head] = None
            restore.append((head, None))
            continue
        for child in PARTS_BY_PARENT.get(part.path, ()):
            key = child.path[-1]
            shown = before.get(head)
            if isinstance(shown, Mapping) and _is_closed(shown.get(key)):
                value = plain.get(head)
                if isinstance(value, Mapping):
                    plain[head] = {k: v for k, v in value.items() if k not in child.takes}
                restore.append((head, key))
    sealed = seal_document(kind, plain, audience, identities, previous)
    for top, child_key in restore:
        if child_key is None:
            sealed[top] = previous[top]
        elif isinstance(previous.get(top), Mapping):
            sealed[top][child_key] = previous[top][child_key]
    for part in _tops(kind):
        if part.path[1:] == ("*",):
            head = part.path[0]
            olds = {label(e): e for e in previous.get(head) or () if isinstance(e, Mapping)}
            closed = {label(e) for e in before.get(head) or () if _is_closed(e)}
            sealed[head] = [olds[label(s)] if label(s) in closed else s for s in sealed[head]]
    return sealed
