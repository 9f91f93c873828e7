"""Edit: write YAML files that people also edit by hand, keeping their comments and layout.

Reading and checking always go through the strict loader (:mod:`perfcode.load`); this
module is only for writing. It uses ruamel.yaml's round-trip mode, which keeps comments,
key order, flow or block style and quoting of everything it does not touch, so that a
command's change to a file is as small a diff as a person's would be. New files are
written in the repository's house style: two-space indentation, list items indented
under their key, ``null`` written out, dates double-quoted, decimals exact.

Every write replaces the file atomically (a temporary file in the same folder, then
:func:`os.replace`), so a reader never sees half a file.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, ScalarString
from ruamel.yaml.util import load_yaml_guess_indent

from perfcode.errors import UsageError
from perfcode.strict_yaml import read_data

Scalar = str | int | Decimal | bool | None


def _represent_none(representer: RoundTripRepresenter, _: None) -> Any:
    return representer.represent_scalar("tag:yaml.org,2002:null", "null")


def _represent_decimal(representer: RoundTripRepresenter, value: Decimal) -> Any:
    text = format(value, "f")
    tag = "tag:yaml.org,2002:float" if "." in text else "tag:yaml.org,2002:int"
    return representer.represent_scalar(tag, text)


def _yaml(sequence: int = 4, offset: int = 2) -> YAML:
    writer = YAML(typ="rt")
    writer.preserve_quotes = True
    writer.width = 4096
    writer.indent(mapping=2, sequence=sequence, offset=offset)
    writer.representer.add_representer(type(None), _represent_none)
    writer.representer.add_representer(Decimal, _represent_decimal)
    return writer


class Editable:
    """One file's text loaded for a round-trip edit: change ``data``, then take ``text()``."""

    def __init__(self, text: str) -> None:
        try:
            _, sequence, offset = load_yaml_guess_indent(text)
            self._yaml = _yaml(sequence or 4, 2 if offset is None else offset)
            self.data: Any = self._yaml.load(text)
        except YAMLError as exc:
            raise UsageError(f"the file cannot be edited: {exc}") from None

    def text(self) -> str:
        out = io.StringIO()
        self._yaml.dump(self.data, out)
        return out.getvalue()


def new_text(data: Mapping[str, Any], header: Iterable[str] = ()) -> str:
    """A new file in the house style, with comment lines on top."""
    document = to_node(data)
    lines = list(header)
    if lines:
        document.yaml_set_start_comment("\n".join(lines))
    out = io.StringIO()
    _yaml().dump(document, out)
    return out.getvalue()


def to_node(value: Any, flow: bool = False) -> Any:
    """Plain data as ruamel nodes; ``flow`` writes mappings on one line (``{date: ...}``)."""
    if isinstance(value, CommentedMap | CommentedSeq):
        return value
    if isinstance(value, Mapping):
        node = CommentedMap((k, to_node(v)) for k, v in value.items())
        if flow:
            node.fa.set_flow_style()
        return node
    if isinstance(value, list | tuple):
        return CommentedSeq(to_node(v) for v in value)
    if isinstance(value, str) and not isinstance(value, ScalarString) and _needs_quotes(value):
        return DoubleQuotedScalarString(value)
    return value


_DATE_LIKE = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}")
_INDICATORS = tuple("-?:,[]{}#&*!|>'\"%@`")


def _needs_quotes(text: str) -> bool:
    """Whether a string must be quoted to read back as itself (then the files use "...")."""
    return (
        not text
        or text != text.strip()
        or text.startswith(_INDICATORS)
        or ": " in text
        or " #" in text
        or text.endswith(":")
        or any(c in text for c in "\n\t\r")
        or parse_value(text) != text
        or _DATE_LIKE.match(text) is not None
    )


def flow_list(values: Iterable[Any]) -> CommentedSeq:
    """A list written on one line: ``[a, b]``."""
    node = CommentedSeq(values)
    node.fa.set_flow_style()
    return node


def date(value: str) -> DoubleQuotedScalarString:
    """A date as the files write it: ``"2026-03-31"``."""
    return DoubleQuotedScalarString(value)


def parse_value(text: str) -> Scalar:
    """A value typed on the command line, read as the loader reads YAML: 12 and 0.5 are
    exact numbers, true/false booleans, anything else text."""
    try:
        value = read_data(text)
    except yaml.YAMLError:
        return text
    if value is None or isinstance(value, str | int | Decimal | bool):
        return value
    return text


def atomic_write(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` in one step: a reader sees the old file or the new."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.chmod(temporary, path.stat().st_mode & 0o777 if path.exists() else _new_file_mode())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _new_file_mode() -> int:
    """What open() would give a new file: 0o666 less the process's umask."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask
