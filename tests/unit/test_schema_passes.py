"""The fast validity pass (jsonschema-rs) and the detailed pass (jsonschema) agree."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from perfcode.load import Document, data_files, load_all
from perfcode.schema import Schemas, _detailed_validators, kind_of

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = Schemas.load(ROOT / "schemas")
DETAILED = _detailed_validators(SCHEMAS.contents)


def documents() -> list[Document]:
    found: list[Document] = []
    for root in (ROOT, ROOT / "tests" / "fixtures" / "minimal"):
        docs, _ = load_all(root, [p for p in data_files(root) if p.suffix == ".yaml"])
        found += docs
    return found


def variants(data: Any) -> Iterator[Any]:
    """The document with one value broken in each of a few typical ways, per mapping."""
    stack: list[tuple[Any, ...]] = [()]
    while stack:
        path = stack.pop()
        node = data
        for part in path:
            node = node[part]
        if isinstance(node, dict):
            for key, value in list(node.items())[:4]:
                for broken in (12345, "2026-13-45", "not valid @", None, [], {"x": 1}):
                    if broken != value:
                        yield _with(data, (*path, key), broken)
                yield _with(data, path, {**node, "unexpected-key": 1})
                stack.append((*path, key))
        elif isinstance(node, list) and node:
            stack.append((*path, 0))


def _with(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    copied = copy.deepcopy(data)
    node = copied
    for part in path[:-1]:
        node = node[part]
    if path:
        node[path[-1]] = value
        return copied
    return value


def agree(kind: str, data: Any) -> bool:
    fast = SCHEMAS.fast[kind].is_valid(data)
    detailed = DETAILED[kind].is_valid(data)
    return fast == detailed


@pytest.mark.parametrize("kind", sorted({kind_of(d.path) for d in documents()} - {None}))
def test_both_passes_agree_on_valid_and_broken_documents(kind: str) -> None:
    samples = [d for d in documents() if kind_of(d.path) == kind][:3]
    checked = 0
    for document in samples:
        assert agree(kind, document.data), document.path
        for variant in variants(document.data):
            assert agree(kind, variant), (document.path, variant)
            checked += 1
    assert checked > 0
