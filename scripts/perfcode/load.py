"""Load: read the repository's YAML files strictly and fast.

Parsing uses libyaml (``CParser``) with a YAML 1.2 core-schema resolver: only
``true``/``false`` are booleans (``no`` and ``on`` stay strings), timestamps are not
resolved (dates stay strings for the schema to check), and numbers with a fraction are
read as :class:`decimal.Decimal`, so ``0.1`` is exactly one tenth. Duplicate keys,
anchors and aliases (alias bombs), oversize files, deep nesting, numbers beyond any real
figure, keys that are lists or mappings, non-UTF-8 bytes, control characters, tabs and
syntax errors become findings with a line and column; a broken file never stops the others.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import re
from collections.abc import Callable, Hashable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import yaml
from yaml._yaml import CParser
from yaml.constructor import ConstructorError
from yaml.error import Mark
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from perfcode.findings import Finding

MAX_BYTES = 1_048_576
"""The size cap of one YAML file: far above any real goal or review file."""

MAX_DEPTH = 1000
"""The nesting cap, checked before composing: libyaml's composer recurses on the C stack and
crashes the interpreter some tens of thousands of levels down; real files nest under ten."""

MAX_DIGITS = 100
"""The most digits a number may have, and the largest power of ten it may reach either way:
beyond that no figure is real, and decimal arithmetic would overflow."""

DATA_DIRS = ("org", "goals", "reviews")

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


class _Resolver(yaml.resolver.BaseResolver):
    """The YAML 1.2 core schema: https://yaml.org/spec/1.2.2/#1032-tag-resolution."""


_Resolver.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    ("float", r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$", "-+.0123456789"),
):
    _Resolver.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(_pattern), list(_first))


class _Refused(ConstructorError):
    """Well-formed YAML the strict loader refuses, with its finding's code and hint."""

    def __init__(self, code: str, problem: str, hint: str, mark: Mark | None) -> None:
        super().__init__(None, None, problem, mark)
        self.code, self.hint = code, hint


class _Constructor(yaml.constructor.SafeConstructor):
    def construct_mapping(self, node: Node, deep: bool = False) -> dict[Any, Any]:
        assert isinstance(node, MappingNode)
        seen: dict[Any, Node] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, Hashable):
                raise _Refused(
                    "PC001",
                    "a mapping key is a list or a mapping",
                    "write the key as plain text",
                    key_node.start_mark,
                )
            if key in seen:
                first = seen[key].start_mark.line + 1
                raise _Refused(
                    "PC002",
                    f"duplicate key '{key}' (first at line {first})",
                    "keep one of the two entries",
                    key_node.start_mark,
                )
            seen[key] = key_node
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_int(self, node: ScalarNode) -> int:
        return _integer(str(self.construct_scalar(node)), node)

    def construct_yaml_float(self, node: ScalarNode) -> Decimal:  # type: ignore[override]
        return _decimal(str(self.construct_scalar(node)), node)

    def construct_yaml_bool(self, node: ScalarNode) -> bool:
        return str(self.construct_scalar(node)).lower() == "true"


def _out_of_range(value: str, node: Node) -> _Refused:
    shown = value if len(value) <= 30 else value[:27] + "..."
    return _Refused(
        "PC001",
        f"the number {shown} is out of range (at most {MAX_DIGITS} digits, up to 1e{MAX_DIGITS})",
        "write the figure as it is measured",
        node.start_mark,
    )


# The YAML 1.2 core schema's types only: binary, set, omap and pairs are refused as unknown
# tags, and timestamps stay strings.
_SAFE = yaml.constructor.SafeConstructor
_Constructor.yaml_constructors = {
    None: _SAFE.construct_undefined,
    "tag:yaml.org,2002:null": _SAFE.construct_yaml_null,
    "tag:yaml.org,2002:bool": _Constructor.construct_yaml_bool,
    "tag:yaml.org,2002:int": _Constructor.construct_yaml_int,
    "tag:yaml.org,2002:float": _Constructor.construct_yaml_float,
    "tag:yaml.org,2002:str": _SAFE.construct_yaml_str,
    "tag:yaml.org,2002:timestamp": _SAFE.construct_yaml_str,
    "tag:yaml.org,2002:seq": _SAFE.construct_yaml_seq,
    "tag:yaml.org,2002:map": _SAFE.construct_yaml_map,
}


class StrictLoader(CParser, _Constructor, _Resolver):
    """libyaml's parser with the strict constructor and the YAML 1.2 resolver."""

    def __init__(self, stream: str) -> None:
        CParser.__init__(self, stream)
        _Constructor.__init__(self)
        _Resolver.__init__(self)


class NodeLoader(CParser, _Resolver):
    """Composes nodes (with positions) only; used to locate findings."""

    def __init__(self, stream: str) -> None:
        CParser.__init__(self, stream)
        _Resolver.__init__(self)


_PLAIN = "?plain"
_QUOTED = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_NULLS = frozenset({"~", "null", "Null", "NULL"})
_INT = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")


class _Composer(CParser):
    """libyaml's parser and composer with the scalars left for :func:`_construct` to resolve.

    The fast path of :func:`parse`: the same YAML 1.2 core schema as :class:`StrictLoader`
    (whose resolver and constructor run a handful of Python calls per scalar), in one
    function per node. Documents with explicit tags (``!``) take the strict loader.
    """

    def __init__(self, stream: str) -> None:
        CParser.__init__(self, stream)

    def descend_resolver(self, current_node: Node | None, current_index: object) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None

    def resolve(self, kind: type, value: object, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            return _PLAIN if implicit[0] else _QUOTED
        return _SEQ if kind is SequenceNode else _MAP


class _Tagged(Exception):
    """A node with an explicit tag: the document goes to the strict loader."""


def _construct(node: Node) -> Any:
    tag = node.tag
    if tag == _PLAIN:
        return _plain(node)
    if tag == _QUOTED:
        return node.value
    if tag == _SEQ:
        return [_construct(item) for item in node.value]
    if tag == _MAP:
        pairs = node.value
        keys = [_construct(key_node) for key_node, _ in pairs]
        result: dict[Any, Any] = {}
        for key, (key_node, value_node) in zip(keys, pairs, strict=True):
            if isinstance(key, list | dict):
                raise _Refused(
                    "PC001",
                    "a mapping key is a list or a mapping",
                    "write the key as plain text",
                    key_node.start_mark,
                )
            if key in result:
                first = pairs[keys.index(key)][0].start_mark.line + 1
                raise _Refused(
                    "PC002",
                    f"duplicate key '{key}' (first at line {first})",
                    "keep one of the two entries",
                    key_node.start_mark,
                )
            result[key] = value_node
        return {key: _construct(value_node) for key, value_node in result.items()}
    raise _Tagged


def _plain(node: Node) -> Any:
    """A plain scalar resolved by the core schema: null, bool, int, float (as Decimal), str."""
    value: str = node.value
    if not value:
        return None
    first = value[0]
    if first in "tTfF" and value in _BOOLS:
        return _BOOLS[value]
    if first in "~nN" and value in _NULLS:
        return None
    if first in "-+.0123456789":
        if first != "." and _INT.match(value):
            return _integer(value, node)
        if _FLOAT.match(value):
            return _decimal(value, node)
    return value


def _integer(value: str, node: Node) -> int:
    if len(value.lstrip("+-")) > MAX_DIGITS:
        raise _out_of_range(value, node)
    if value.startswith(("0o", "0x")):
        return int(value[2:], 8 if value[1] == "o" else 16)
    return int(value)


def _decimal(value: str, node: Node) -> Decimal:
    number = Decimal(value)
    if number and not (
        len(number.as_tuple().digits) <= MAX_DIGITS and -MAX_DIGITS <= number.adjusted() <= MAX_DIGITS
    ):
        raise _out_of_range(value, node)
    return number


def _data(text: str) -> Any:
    """The data of one YAML document: the fast path, or the strict loader for tagged ones."""
    if "!" not in text:
        composer = _Composer(text)
        try:
            node = composer.get_single_node()
        finally:
            composer.dispose()
        try:
            return None if node is None else _construct(node)
        except (_Tagged, RecursionError):
            pass
    loader = StrictLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


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
        if os.path.isdir(folder):
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


def read_bytes(root: Path, path: Path, rel: str) -> bytes | Finding:
    """A data file's bytes, unless it is a link out of the repository, too large or unreadable."""
    try:
        real = path.resolve(strict=True)
        if not real.is_relative_to(root.resolve()):
            return Finding(
                rel,
                1,
                1,
                "PC007",
                "the file is a link that points outside the repository",
                hint="replace the link with the file itself",
            )
        size = real.stat().st_size
        if size > MAX_BYTES:
            return Finding(
                rel,
                1,
                1,
                "PC004",
                f"the file is {size:,} bytes, over the cap of {MAX_BYTES:,}",
                hint="split it: one entity per file",
            )
        return real.read_bytes()
    except OSError as exc:
        return Finding(rel, 1, 1, "PC007", f"the file cannot be read: {exc.strerror}")


def parse(rel: str, text: str) -> Document | Finding:
    """Parse one file's text into a document, or a finding where it breaks."""
    if ("&" in text or "*" in text) and (alias := _first_anchor(text)) is not None:
        return Finding(
            rel,
            alias[0],
            alias[1],
            "PC003",
            "anchors and aliases are not allowed",
            hint="write the value out in full",
        )
    if sum(map(text.count, "[{-:?")) > MAX_DEPTH and (deep := _too_deep(text)) is not None:
        return Finding(
            rel,
            deep[0],
            deep[1],
            "PC001",
            f"the data nests more than {MAX_DEPTH} levels deep",
            hint="flatten the structure",
        )
    try:
        data = _data(text)
    except _Refused as exc:
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


def _too_deep(text: str) -> tuple[int, int] | None:
    """Where the nesting first passes MAX_DEPTH, read from events (which do not recurse)."""
    loader = NodeLoader(text)
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH and event.start_mark is not None:
                    return event.start_mark.line + 1, event.start_mark.column + 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
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
