"""Load: read the repository's YAML files strictly and fast.

Parsing uses libyaml (``CParser``) with a YAML 1.2 core-schema resolver: only
``true``/``false`` are booleans (``no`` and ``on`` stay strings), timestamps are not
resolved (dates stay strings for the schema to check), and numbers with a fraction are
read as :class:`decimal.Decimal`, so ``0.1`` is exactly one tenth. Duplicate keys,
anchors and aliases (alias bombs), oversize files, non-UTF-8 bytes, tabs and syntax
errors become findings with a line and column; a broken file never stops the others.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from yaml._yaml import CParser
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode, Node, ScalarNode

from perfcode.findings import Finding

MAX_BYTES = 1_048_576
"""The size cap of one YAML file: far above any real goal or review file."""

DATA_DIRS = ("org", "goals", "reviews")


@dataclass(frozen=True)
class Document:
    """A parsed file: its repository-relative path, its text and its data."""

    path: str
    text: str
    data: Any


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


class _Duplicate(ConstructorError):
    pass


class _Constructor(yaml.constructor.SafeConstructor):
    def construct_mapping(self, node: Node, deep: bool = False) -> dict[Any, Any]:
        assert isinstance(node, MappingNode)
        seen: dict[Any, Node] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                first = seen[key].start_mark.line + 1
                raise _Duplicate(
                    None,
                    None,
                    f"duplicate key '{key}' (first at line {first})",
                    key_node.start_mark,
                )
            seen[key] = key_node
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_int(self, node: ScalarNode) -> int:
        value = str(self.construct_scalar(node))
        if value.startswith(("0o", "0x")):
            return int(value[2:], 8 if value[1] == "o" else 16)
        return int(value)

    def construct_yaml_float(self, node: ScalarNode) -> Decimal:  # type: ignore[override]
        return Decimal(str(self.construct_scalar(node)))

    def construct_yaml_bool(self, node: ScalarNode) -> bool:
        return str(self.construct_scalar(node)).lower() == "true"


_Constructor.yaml_constructors = {
    **yaml.constructor.SafeConstructor.yaml_constructors,
    "tag:yaml.org,2002:int": _Constructor.construct_yaml_int,
    "tag:yaml.org,2002:float": _Constructor.construct_yaml_float,
    "tag:yaml.org,2002:bool": _Constructor.construct_yaml_bool,
    "tag:yaml.org,2002:timestamp": yaml.constructor.SafeConstructor.construct_yaml_str,
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


def data_files(root: Path) -> Iterator[Path]:
    """Every file below the data folders, sorted, so output order never varies."""
    for name in DATA_DIRS:
        folder = root / name
        if folder.is_dir():
            yield from sorted(p for p in folder.rglob("*") if p.is_file() or p.is_symlink())


def load_all(root: Path, paths: Iterable[Path]) -> tuple[list[Document], list[Finding]]:
    """Load each file; return the documents that parsed and the findings of the rest."""
    documents: list[Document] = []
    findings: list[Finding] = []
    for path in paths:
        result = load_file(root, path)
        if isinstance(result, Document):
            documents.append(result)
        else:
            findings.append(result)
    return documents, findings


def load_file(root: Path, path: Path) -> Document | Finding:
    """Read and parse one file, or say precisely why it cannot be."""
    rel = path.relative_to(root).as_posix()
    raw = _read(root, path, rel)
    if isinstance(raw, Finding):
        return raw
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _byte_position(raw, exc.start)
        return Finding(rel, line, column, "PC005", "the file is not valid UTF-8", hint="save it as UTF-8")
    return parse(rel, text)


def _read(root: Path, path: Path, rel: str) -> bytes | Finding:
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
    loader = StrictLoader(text)
    try:
        data = loader.get_single_data()
    except _Duplicate as exc:
        mark = exc.problem_mark
        assert mark is not None
        return Finding(
            rel,
            mark.line + 1,
            mark.column + 1,
            "PC002",
            str(exc.problem),
            hint="keep one of the two entries",
        )
    except yaml.MarkedYAMLError as exc:
        return _syntax_finding(rel, text, exc)
    finally:
        loader.dispose()
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
