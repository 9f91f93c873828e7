"""Emit: data as the YAML the strict loader reads back as the same data.

Block style for mappings and lists of mappings, one line for lists of scalars and for
:class:`Flow` mappings (check-ins, competency ratings, periods). Strings are plain when
nothing in them could be read as YAML syntax or another type, otherwise double-quoted
(JSON's escaping is valid YAML); dates and ids that start with a digit are therefore
quoted, as docs/files.md asks. Numbers are ``int`` or :class:`decimal.Decimal`, written
exactly. No anchors, aliases or tags are ever written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any


class Flow(dict[str, Any]):
    """A mapping written on one line: ``{date: "2026-02-27", value: 74}``."""


class Literal(str):
    """Lines of printable ASCII written as a literal block (``|``): an armored age file."""


_BLOCK_PLAIN = re.compile(r"[^\W\d_][\w .,;'()/%+?!@-]*")
_FLOW_PLAIN = re.compile(r"[^\W\d_][\w .'()/%+?!-]*")
_RESERVED = frozenset({"true", "false", "null", "yes", "no", "on", "off", "y", "n"})
_BLOCK_CACHE: dict[str, str] = {}
_FLOW_CACHE: dict[str, str] = {}


def scalar(value: object, flow: bool = False) -> str:
    if isinstance(value, str):
        cache = _FLOW_CACHE if flow else _BLOCK_CACHE
        found = cache.get(value)
        if found is None:
            found = cache[value] = value if _plain(value, flow) else json.dumps(value, ensure_ascii=False)
        return found
    kind = type(value)
    if kind is int:
        return str(value)
    if kind is Decimal:
        return format(value, "f")
    if kind is bool:
        return "true" if value else "false"
    if value is None:
        return "null"
    raise TypeError(f"cannot write {kind.__name__} as YAML")


def _plain(text: str, flow: bool) -> bool:
    pattern = _FLOW_PLAIN if flow else _BLOCK_PLAIN
    return (
        pattern.fullmatch(text) is not None
        and not text.endswith(" ")
        and text.lower() not in _RESERVED
        and text.isprintable()
    )


def dump(data: Mapping[str, Any]) -> str:
    """One YAML document: the mapping ``data`` in block style."""
    lines: list[str] = []
    _mapping(data, 0, lines, "")
    return "\n".join(lines) + "\n"


def _mapping(data: Mapping[str, Any], indent: int, lines: list[str], first: str) -> None:
    pad = " " * indent
    for i, (key, value) in enumerate(data.items()):
        lead = first if i == 0 and first else pad
        inline = _inline(value)
        if isinstance(value, Literal):
            lines.append(f"{lead}{key}: |")
            lines.extend(f"{pad}  {line}" for line in value.splitlines())
        elif inline is not None:
            lines.append(f"{lead}{key}: {inline}")
        elif type(value) is dict:
            lines.append(f"{lead}{key}:")
            _mapping(value, indent + 2, lines, "")
        else:
            lines.append(f"{lead}{key}:")
            _items(value, indent + 2, lines)


def _items(items: Sequence[Any], indent: int, lines: list[str]) -> None:
    pad = " " * indent
    for item in items:
        if type(item) is dict:
            _mapping(item, indent + 2, lines, f"{pad}- ")
        else:
            lines.append(f"{pad}- {_inline(item)}")


def _inline(value: object) -> str | None:
    """The value on one line, or None when it takes a block of its own."""
    kind = type(value)
    if isinstance(value, Flow):
        return "{" + ", ".join(f"{k}: {scalar(v, True)}" for k, v in value.items()) + "}"
    if kind is dict:
        return None
    if isinstance(value, list | tuple):
        if any(type(item) in _NESTED for item in value):
            return None
        return "[" + ", ".join(scalar(item, True) for item in value) + "]"
    return scalar(value)


_NESTED = (dict, Flow, list, tuple)
