"""Seal and open: a file's parts encrypted to their recipients, and read back.

Each part's value is written as YAML (``value: ...``, read back by the strict loader),
padded with blank lines to a multiple of :data:`PAD` bytes and encrypted to the part's
recipients as one armored age file. An unused part is encrypted too (``value: null``),
so an unused appeal and a filed one look the same. Sealing a file again keeps the
ciphertext of every part whose value and recipients did not change, so a diff, and the
pull-request policy, see only the parts that did.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pyrage

from perfcode.crypt.keys import Identity, Recipient
from perfcode.crypt.parts import ENCRYPTED, PARTS, RECIPIENTS, Part
from perfcode.emit import Literal, dump
from perfcode.strict_yaml import Refused, read_data

PAD = 1024
"""Plain values are padded to a multiple of this many bytes: an appeal's grounds and an
unused appeal encrypt to the same size (only a text past a kilobyte shows as longer)."""

Audience = Callable[[Part, Mapping[str, Any], Any], Sequence[Recipient]]
"""The recipients of a part, given the part, the plain document and the part's plain value
(an assessment's entry)."""


class Unreadable(Exception):
    """A part no identity at hand opens (or whose plain text is not a value)."""


def encrypt(value: Any, recipients: Sequence[Recipient]) -> str:
    """One value as an armored age file to ``recipients``."""
    text = dump({"value": value}).encode("utf-8")
    text += b"\n" * (-len(text) % PAD)
    return Literal(pyrage.encrypt(text, [r.key() for r in recipients], armored=True).decode("ascii"))


def decrypt(armored: str, identities: Sequence[Identity]) -> Any:
    """The value of an armored age file; :class:`Unreadable` when no identity opens it."""
    if not identities:
        raise Unreadable("no identity")
    try:
        text = pyrage.decrypt(armored.encode("ascii"), list(identities)).decode("utf-8")
        data = read_data(text)
    except (pyrage.DecryptError, UnicodeError, Refused, ValueError) as exc:
        raise Unreadable(str(exc)) from None
    if not isinstance(data, Mapping) or "value" not in data:
        raise Unreadable("not a sealed value")
    return data["value"]


def is_node(value: Any) -> bool:
    """Whether a value is an encrypted part."""
    return isinstance(value, Mapping) and isinstance(value.get(ENCRYPTED), str)


def is_sealed(kind: str | None, data: Any) -> bool:
    """Whether a document holds any encrypted part."""
    if kind not in PARTS or not isinstance(data, Mapping):
        return False
    return any(is_node(node) for _, node, _ in nodes(PARTS[kind], data))


def nodes(parts: Sequence[Part], data: Mapping[str, Any]) -> Iterable[tuple[Part, Any, str]]:
    """Every part of a document as (part, node, label); a label names an entry of a list."""
    for part in parts:
        head, rest = part.path[0], part.path[1:]
        value = data.get(head)
        if rest == ("*",):
            for entry in value if isinstance(value, list) else ():
                yield part, entry, label(entry)
        elif rest:
            yield part, value.get(rest[0]) if isinstance(value, Mapping) else None, ""
        else:
            yield part, value, ""


def label(entry: Any) -> str:
    """An assessment's label: ``reviewer/relationship``."""
    if not isinstance(entry, Mapping):
        return ""
    return f"{entry.get('reviewer')}/{entry.get('relationship')}"


@dataclass
class Opened:
    """A document's plain data; ``hidden`` names the parts no identity at hand opens."""

    data: dict[str, Any]
    hidden: set[str] = field(default_factory=set)


def open_document(kind: str, data: Mapping[str, Any], identities: Sequence[Identity]) -> Opened:
    """The plain data of a document: every part this user can read, opened."""
    opened = Opened(dict(data))
    for part in PARTS.get(kind, ()):
        head = part.path[0]
        value = data.get(head)
        if part.path[1:] == ("*",) and isinstance(value, list):
            opened.data[head] = [_open_node(part, e, identities, opened, label(e)) for e in value]
        elif len(part.path) == 1 and is_node(value):
            opened.data[head] = _open_node(part, value, identities, opened, "")
    for key in [k for k, v in opened.data.items() if v is None]:
        del opened.data[key]
    return opened


def _open_node(part: Part, node: Any, identities: Sequence[Identity], opened: Opened, tag: str) -> Any:
    if not is_node(node):
        return node
    try:
        content = decrypt(node[ENCRYPTED], identities)
    except Unreadable:
        opened.hidden.add(f"{part.name}[{tag}]" if tag else part.name)
        content = None
    kept = {k: v for k, v in node.items() if k in part.keep}
    children = [c for c in PARTS_BY_PARENT.get(part.path, ()) if c.path[-1] in node]
    if not kept and not children and not isinstance(content, Mapping):
        return content
    plain: dict[str, Any] = {**kept, **(content if isinstance(content, Mapping) else {})}
    for child in children:
        inner = _open_node(child, node[child.path[-1]], identities, opened, tag)
        plain.update(inner if isinstance(inner, Mapping) else {})
    return plain or None


def seal_document(
    kind: str,
    plain: Mapping[str, Any],
    audience: Audience,
    identities: Sequence[Identity] = (),
    previous: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The encrypted form of a plain document; parts unchanged since ``previous`` (the
    file's encrypted form before) keep their ciphertext where ``identities`` open it."""
    parts = PARTS[kind]
    tops = [p for p in parts if len(p.path) == 1 or p.path[1:] == ("*",)]
    out = {k: v for k, v in plain.items() if k not in {p.path[0] for p in parts}}
    old = previous or {}
    for part in tops:
        head = part.path[0]
        if part.path[1:] == ("*",):
            olds = {label(e): e for e in old.get(head) or () if isinstance(e, Mapping)}
            entries = plain.get(head) or []
            out[head] = [
                _seal_node(part, e, plain, audience, identities, olds.get(label(e))) for e in entries
            ]
        else:
            out[head] = _seal_node(part, plain.get(head), plain, audience, identities, old.get(head))
    return out


def _seal_node(
    part: Part,
    value: Any,
    plain: Mapping[str, Any],
    audience: Audience,
    identities: Sequence[Identity],
    old: Any,
) -> dict[str, Any]:
    mapping = value if isinstance(value, Mapping) else {}
    if part.takes:
        content: Any = {k: mapping[k] for k in part.takes if k in mapping}
    elif part.keep:
        content = {k: v for k, v in mapping.items() if k not in part.keep}
    else:
        content = value
    content = None if content == {} else content
    recipients = sorted(
        {r.fingerprint: r for r in audience(part, plain, value)}.values(), key=_by_fingerprint
    )
    listed = [r.fingerprint for r in recipients]
    node: dict[str, Any] = {k: mapping[k] for k in part.keep if k in mapping}
    node[ENCRYPTED] = _kept(old, listed, content, identities) or encrypt(content, recipients)
    node[RECIPIENTS] = listed
    for child in PARTS_BY_PARENT.get(part.path, ()):
        former = old.get(child.path[-1]) if isinstance(old, Mapping) else None
        node[child.path[-1]] = _seal_node(child, value, plain, audience, identities, former)
    return node


def _by_fingerprint(recipient: Recipient) -> str:
    return recipient.fingerprint


def _kept(old: Any, listed: list[str], content: Any, identities: Sequence[Identity]) -> str | None:
    """The old ciphertext when it holds the same value for the same recipients."""
    if not is_node(old) or list(old.get(RECIPIENTS) or ()) != listed:
        return None
    try:
        same = decrypt(old[ENCRYPTED], identities) == content
    except Unreadable:
        return None
    return Literal(old[ENCRYPTED]) if same else None


PARTS_BY_PARENT: dict[tuple[str, ...], tuple[Part, ...]] = {
    parent: tuple(p for parts in PARTS.values() for p in parts if p.path[:-1] == parent)
    for parts in PARTS.values()
    for parent in {p.path for p in parts}
}
"""Parts nested in another part (the appeal's decision), by their parent's path."""
