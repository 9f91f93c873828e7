"""Load: read the repository's data files strictly and fast.

Each file is read (never through a link), decoded and parsed by :mod:`perfcode.strict_yaml`.
Duplicate keys, anchors and aliases (alias bombs), oversize files, deep nesting, numbers
beyond any real figure, keys that are not text, non-UTF-8 bytes, control characters (bidirectional ones too), tabs,
links and syntax errors become findings with a line and column; a broken file never stops
the others.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import re
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

import yaml

from perfcode.findings import Finding
from perfcode.strict_yaml import NodeLoader, Refused, read_data

MAX_BYTES = 1_048_576
"""The size cap of one YAML file: far above any real goal or review file."""

DATA_DIRS = ("org", "goals", "reviews", "governance")
"""The data folders: every file below them is data, checked by the same loading rules
(links, size, encoding ...). ``governance/`` holds the records that go on after a cycle
closes (the promotion groups' reports): checked like the rest, never sealed with a cycle."""

BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""The characters that reorder the text around them (Unicode's bidirectional controls and
marks): a file holding one can read differently in a diff from the data it is
(https://trojansource.codes, CVE-2021-42574), so it is refused wherever it stands."""

T = TypeVar("T")


@dataclass(frozen=True)
class Document:
    """A parsed file: its repository-relative path, its text and its data.

    ``blob`` is the file's git blob id when it was asked for; a document taken from the
    cache (``cached``) has no text until a finding needs it (:func:`read_text`).
    """

    path: str
    text: str
    data: Any
    blob: str | None = None
    cached: bool = False


def data_files(root: Path) -> Iterator[Path]:
    """Every file below the data folders, sorted, so output order never varies."""
    return (root / rel for rel in data_paths(root))


def data_paths(root: Path) -> list[str]:
    """The repository-relative paths of every file below the data folders, folder by folder
    and sorted by their parts within each (as paths sort). Links are listed but never followed into another folder.

    Plain strings and ``os.scandir``: at 100,000 files ``Path.rglob`` and ``Path`` sorting
    take seconds.
    """
    paths: list[str] = []
    for name in DATA_DIRS:
        folder, found = os.path.join(root, name), list[str]()
        if os.path.islink(folder):
            found.append(name)
        elif os.path.isdir(folder):
            _scan(folder, name, found)
        paths += sorted(found, key=lambda rel: rel.split("/"))
    return paths


def suffix(rel: str) -> str:
    """A path's suffix as ``PurePath.suffix`` gives it ("" for ".yaml" or "name.")."""
    name = rel.rpartition("/")[2]
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def _scan(folder: str, rel: str, found: list[str]) -> None:
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        name = f"{rel}/{entry.name}"
        if entry.is_dir(follow_symlinks=False):
            _scan(entry.path, name, found)
        elif entry.is_file() or entry.is_symlink():
            found.append(name)


PARALLEL_MIN_FILES = 2000
"""Below this many files a second process costs more than it saves."""


def load_all(
    root: Path, paths: Iterable[Path], hashing: bool = False
) -> tuple[list[Document], list[Finding]]:
    """Load each file; return the documents that parsed and the findings of the rest."""
    ordered = load_each(root, list(paths), hashing)
    documents = [r for r in ordered if isinstance(r, Document)]
    findings = [r for r in ordered if isinstance(r, Finding)]
    return documents, findings


def load_each(
    root: Path,
    paths: list[Path],
    hashing: bool = False,
    then: Callable[[Document], Document | T] | None = None,
) -> list[Document | Finding | T]:
    """Load each file, in the order of ``paths``, passing each document through ``then``.

    Large sets are parsed on every core (the parse is the dominant cost). ``then`` runs
    where the file was parsed, so that work on the document (validation, encoding) is
    shared out too and only its result travels back; it must be a module-level function
    (it is sent to the worker processes by name).
    """
    workers = min(os.cpu_count() or 1, 8)
    ordered = (
        _load_parallel(root, paths, hashing, then, workers)
        if workers > 1 and len(paths) >= PARALLEL_MIN_FILES
        else None
    )
    return ordered if ordered is not None else _load_chunk(root, paths, hashing, then)


def _load_parallel(
    root: Path,
    paths: list[Path],
    hashing: bool,
    then: Callable[[Document], Document | T] | None,
    workers: int,
) -> list[Document | Finding | T] | None:
    """The results on ``workers`` processes, in the order of ``paths``; None where processes
    cannot be started (a sandbox without fork or shared memory), so the caller loads alone."""
    chunks = [paths[i::workers] for i in range(workers)]
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            parts = list(
                pool.map(_load_chunk, [root] * workers, chunks, [hashing] * workers, [then] * workers)
            )
    except (OSError, BrokenProcessPool):
        return None
    ordered: list[Document | Finding | T] = [None] * len(paths)  # type: ignore[list-item]
    for i, part in enumerate(parts):
        ordered[i::workers] = part
    return ordered


def _load_chunk(
    root: Path, paths: list[Path], hashing: bool, then: Callable[[Document], Document | T] | None = None
) -> list[Document | Finding | T]:
    results: list[Document | Finding | T] = []
    for path in paths:
        result = load_file(root, path, hashing)
        results.append(then(result) if then is not None and isinstance(result, Document) else result)
    return results


def load_file(root: Path, path: Path, hashing: bool = False) -> Document | Finding:
    """Read and parse one file, or say precisely why it cannot be."""
    rel = path.relative_to(root).as_posix()
    raw = read_bytes(root, path, rel)
    if isinstance(raw, Finding):
        return raw
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _byte_position(raw, exc.start)
        return Finding(rel, line, column, "PC005", "the file is not valid UTF-8", hint="save it as UTF-8")
    result = parse(rel, text)
    if hashing and isinstance(result, Document):
        return replace(result, blob=blob_id(raw))
    return result


def blob_id(raw: bytes) -> str:
    """The id git gives a blob of these bytes."""
    return hashlib.sha1(b"blob %d\0" % len(raw) + raw, usedforsecurity=False).hexdigest()


def read_text(root: Path, document: Document) -> str:
    """A document's text, read again for a document that came from the cache."""
    if document.text or not document.cached:
        return document.text
    try:
        return (root / document.path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def link_finding(rel: str) -> Finding:
    """A link among the data: refused wherever it points, on disk and in git alike, since
    what it stands for would be judged, routed and approved under another file's path."""
    return Finding(
        rel,
        1,
        1,
        "PC007",
        "the file is a symbolic link",
        hint="replace the link with the file itself: data files are plain files",
    )


def read_bytes(root: Path, path: Path, rel: str) -> bytes | Finding:
    """A data file's bytes, unless it is a link, too large or unreadable."""
    try:
        # data_paths never descends into a linked folder, and lists the link itself.
        if os.path.islink(path):
            return link_finding(rel)
        size = path.stat().st_size
        if size > MAX_BYTES:
            return Finding(
                rel,
                1,
                1,
                "PC004",
                f"the file is {size:,} bytes, over the cap of {MAX_BYTES:,}",
                hint="split it: one entity per file",
            )
        return path.read_bytes()
    except OSError as exc:
        return Finding(rel, 1, 1, "PC007", f"the file cannot be read: {exc.strerror}")


def parse(rel: str, text: str) -> Document | Finding:
    """Parse one file's text into a document, or a finding where it breaks."""
    if (control := BIDI_CONTROLS.search(text)) is not None:
        return _bidi_finding(rel, text, control.start())
    if ("&" in text or "*" in text) and (alias := _first_anchor(text)) is not None:
        return Finding(
            rel,
            alias[0],
            alias[1],
            "PC003",
            "anchors and aliases are not allowed",
            hint="write the value out in full",
        )
    try:
        data = read_data(text)
    except Refused as exc:
        mark = exc.problem_mark
        assert mark is not None
        return Finding(rel, mark.line + 1, mark.column + 1, exc.code, str(exc.problem), hint=exc.hint)
    except yaml.MarkedYAMLError as exc:
        return _syntax_finding(rel, text, exc)
    except yaml.reader.ReaderError as exc:
        return _character_finding(rel, text, exc)
    if data is None:
        return Finding(rel, 1, 1, "PC008", "the file is empty", hint="fill it in or delete it")
    return Document(rel, text, data)


def _bidi_finding(rel: str, text: str, index: int) -> Finding:
    line = text.count("\n", 0, index) + 1
    column = index - text.rfind("\n", 0, index)
    return Finding(
        rel,
        line,
        column,
        "PC012",
        f"the bidirectional control character U+{ord(text[index]):04X} can make the file read"
        " differently from its data",
        hint="remove the character; write right-to-left text without controls",
    )


def _first_anchor(text: str) -> tuple[int, int] | None:
    """Where the first anchor or alias is; None when '&' or '*' only occur in text."""
    loader = NodeLoader(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            if event is None:
                break
            mark = event.start_mark
            if mark is not None and (getattr(event, "anchor", None) or isinstance(event, yaml.AliasEvent)):
                return mark.line + 1, mark.column + 1
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    return None


def _character_finding(rel: str, text: str, exc: yaml.reader.ReaderError) -> Finding:
    """A character YAML does not allow (a control character such as NUL), located."""
    # libyaml counts the position in bytes of the UTF-8 text.
    line, column = _byte_position(text.encode("utf-8"), exc.position)
    char = exc.character if isinstance(exc.character, int) else ord(exc.character)
    return Finding(
        rel,
        line,
        column,
        "PC001",
        f"YAML syntax error: the character #x{char:04x} is not allowed ({exc.reason})",
        hint="remove the character",
    )


def _syntax_finding(rel: str, text: str, exc: yaml.MarkedYAMLError) -> Finding:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = exc.problem or "invalid YAML"
    if "\t" in problem or "'\\t'" in problem or _tab_at(text, line):
        return Finding(rel, line, column, "PC006", "a tab is used for indentation", hint="indent with spaces")
    context = f" {exc.context}" if exc.context else ""
    return Finding(
        rel,
        line,
        column,
        "PC001",
        f"YAML syntax error: {problem}{context}",
        hint="fix the YAML syntax at this position",
    )


def _tab_at(text: str, line: int) -> bool:
    lines = text.splitlines()
    if not 0 < line <= len(lines):
        return False
    stripped = lines[line - 1]
    return "\t" in stripped[: len(stripped) - len(stripped.lstrip(" \t"))]


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line_start = before.rfind(b"\n") + 1
    return before.count(b"\n") + 1, len(before[line_start:].decode("utf-8", "replace")) + 1
