"""Edit: write YAML files that people also edit by hand, keeping their comments and layout.

Reading and checking always go through the strict loader (:mod:`perfcode.load`); this
module is only for writing. It uses ruamel.yaml's round-trip mode, which keeps comments,
key order, flow or block style and quoting of everything it does not touch, so that a
command's change to a file is as small a diff as a person's would be. New files are
written in the repository's house style: two-space indentation, list items indented
under their key, ``null`` written out, dates double-quoted, decimals exact.

Every write replaces the file atomically (a temporary file in the same folder, then
:func:`os.replace`), so a reader never sees half a file; a command that writes several
files writes every temporary file before it replaces any (:func:`write_files`), so a full
disk or a read-only folder leaves the files as they were and says so in one line
(:class:`WriteError`, exit 2). A command that writes holds the repository's lock
(:func:`repository_lock`) from its first read to its last write, so two commands at once
(two check-ins on one file) run one after the other instead of losing one's change.
"""

from __future__ import annotations

import contextlib
import fcntl
import io
import os
import re
import tempfile
from collections.abc import Iterable, Iterator, Mapping
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
from perfcode.progress import track
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


class WriteError(UsageError):
    """A file could not be written (read-only folder, full disk ...); nothing was changed."""

    def __init__(self, path: Path, error: OSError) -> None:
        super().__init__(f"cannot write {path}: {error.strerror or error}; no file was changed")


def atomic_write(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` in one step: a reader sees the old file or the new."""
    write_files({path: text})


def write_files(changes: Mapping[Path, str | None]) -> None:
    """Write (``None``: delete) several files, all or none as far as the disk allows: every
    new text goes to a temporary file first, and only then are the files replaced."""
    staged: dict[Path, Path] = {}
    try:
        for path, text in track(list(changes.items()), "writing files"):
            if text is not None:
                staged[path] = _stage(path, text)
        for path, temporary in staged.items():
            os.replace(temporary, path)
        for path, text in changes.items():
            if text is None:
                path.unlink(missing_ok=True)
    except OSError as error:
        raise WriteError(path, error) from None
    finally:
        for temporary in staged.values():
            temporary.unlink(missing_ok=True)


def _stage(path: Path, text: str) -> Path:
    """``text`` in a new temporary file beside ``path``, with the mode ``path`` has or would get."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    temporary = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.chmod(temporary, path.stat().st_mode & 0o777 if path.exists() else _new_file_mode())
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


@contextlib.contextmanager
def repository_lock(root: Path) -> Iterator[None]:
    """Hold the repository's write lock: an exclusive ``flock`` on its root folder.

    The folder itself is locked, so there is no lock file to leave behind or to create on a
    read-only mount; the kernel releases the lock when the process ends, however it ends.
    Only perfcode's writing commands take it (https://man7.org/linux/man-pages/man2/flock.2.html).
    """
    try:
        handle = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as error:
        raise UsageError(f"cannot open {root}: {error.strerror}") from None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)


def _new_file_mode() -> int:
    """What open() would give a new file: 0o666 less the process's umask."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask
