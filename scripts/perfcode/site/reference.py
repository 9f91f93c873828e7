"""Reference pages generated from the code: the rules registry and the schemas.

The rules reference lists every rule of :func:`perfcode.rules.all_rules` with its
explanation; the data reference walks each schema in ``schemas/`` and shows every key
with its description, so the reference can never drift from what is checked.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from perfcode.rules import Rule, all_rules
from perfcode.site.links import DATA, RULES
from perfcode.site.render import Page

AREAS = {
    "PC0": "Loading and schemas",
    "PC1": "Organisation and governance",
    "PC2": "The cascade of goals",
    "PC3": "Cycles",
    "PC4": "Reviews",
    "PC5": "The framework",
}
ORDER = (
    "company",
    "framework",
    "governance",
    "unit",
    "person",
    "position",
    "cycle",
    "company-goals",
    "unit-goals",
    "person-goals",
    "review",
    "calibration",
    "coaching",
    "report",
)
MAX_DEPTH = 6


@dataclass(frozen=True)
class Field:
    path: str
    depth: int
    type: str
    definition: str | None
    required: bool
    description: str
    values: list[str]
    default: str | None
    examples: list[str]


@dataclass(frozen=True)
class SchemaView:
    kind: str
    title: str
    description: str
    fields: list[Field]


def rules_page() -> Page:
    return Page(RULES, "Rules", "rules.html", _rules)


def _rules() -> dict[str, Any]:
    groups: dict[str, list[Rule]] = {}
    for item in all_rules():
        groups.setdefault(item.code[:3], []).append(item)
    areas = [(AREAS.get(prefix, prefix), rules) for prefix, rules in sorted(groups.items())]
    return {"areas": areas}


def data_page(root: Path) -> Page:
    return Page(DATA, "Data reference", "data.html", partial(_data, root))


def _data(root: Path) -> dict[str, Any]:
    folder = root / "schemas"
    schemas = {p.name.removesuffix(".schema.json"): _read(p) for p in sorted(folder.glob("*.schema.json"))}
    defs = schemas.get("defs", {})
    kinds = [k for k in ORDER if k in schemas] + sorted(k for k in schemas if k not in ORDER and k != "defs")
    views = [_schema(kind, schemas[kind], defs) for kind in kinds]
    definitions = [(name, node) for name, node in sorted(defs.get("$defs", {}).items())]
    return {"schemas": views, "definitions": definitions}


def _read(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else {}


def _schema(kind: str, schema: Mapping[str, Any], defs: Mapping[str, Any]) -> SchemaView:
    documents = {"": schema, "defs.schema.json": defs}
    fields = list(_fields(schema, schema, documents, "", 0))
    return SchemaView(kind, str(schema.get("title", kind)), str(schema.get("description", "")), fields)


Node = tuple[dict[str, Any], Mapping[str, Any], str | None]
"""A schema node with its $ref followed, the document it sits in, and its definition's name."""


def _resolve(node: Mapping[str, Any], base: Mapping[str, Any], documents: Mapping[str, Any]) -> Node:
    """Follow $ref (local keys win over the target's); ``#/...`` is looked up in ``base``."""
    merged, name = dict(node), None
    for _ in range(MAX_DEPTH):
        ref = merged.pop("$ref", None)
        if not isinstance(ref, str):
            break
        document, _, pointer = ref.partition("#")
        base = documents.get(document, {}) if document else base
        target: Any = base
        for part in [p for p in pointer.split("/") if p]:
            target = target.get(part, {}) if isinstance(target, Mapping) else {}
        # Only the shared definitions have a section of their own to link to.
        if base is documents.get("defs.schema.json"):
            name = name or pointer.rsplit("/", 1)[-1]
        merged = {**target, **merged}
    return merged, base, name


def _fields(
    node: Mapping[str, Any], base: Mapping[str, Any], documents: Mapping[str, Any], prefix: str, depth: int
) -> Iterator[Field]:
    if depth > MAX_DEPTH:
        return
    node, base, _ = _resolve(node, base, documents)
    required = set(node.get("required", ()))
    for key, raw in node.get("properties", {}).items():
        prop, where, definition = _resolve(raw, base, documents)
        yield _field(prefix + key, depth, prop, definition, key in required)
        if "properties" in prop:
            yield from _fields(prop, where, documents, f"{prefix}{key}.", depth + 1)
        elif prop.get("type") == "array" and isinstance(prop.get("items"), Mapping):
            items, inner, _ = _resolve(prop["items"], where, documents)
            if "properties" in items:
                yield from _fields(items, inner, documents, f"{prefix}{key}[].", depth + 1)


def _field(path: str, depth: int, prop: Mapping[str, Any], definition: str | None, required: bool) -> Field:
    return Field(
        path=path,
        depth=depth,
        type=_type(prop),
        definition=definition,
        required=required,
        description=str(prop.get("description", "")),
        values=[json.dumps(v) for v in prop.get("enum", ())],
        default=json.dumps(prop["default"]) if "default" in prop else None,
        examples=[json.dumps(v, ensure_ascii=False) for v in prop.get("examples", ())[:3]],
    )


def _type(prop: Mapping[str, Any]) -> str:
    if "enum" in prop:
        return "one of"
    kind = prop.get("type")
    if isinstance(kind, list):
        return " or ".join(str(k) for k in kind)
    if kind == "array" and isinstance(prop.get("items"), Mapping):
        inner = prop["items"].get("type") or prop["items"].get("$ref", "").rsplit("/", 1)[-1] or "item"
        return f"list of {inner}"
    if kind:
        return str(kind)
    if "anyOf" in prop:
        return " or ".join(str(o.get("type", "?")) for o in prop["anyOf"])
    return "value"
