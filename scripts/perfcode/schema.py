"""Schema: which kind each file is, and its validation against that kind's JSON Schema.

Every file kind has a Draft 2020-12 schema in ``schemas/``; validators are built once
per kind and reused for every file. Errors become findings pointing into the document:
``PC010`` for a value the schema rejects, ``PC011`` for an unknown key (with "did you
mean" from :mod:`difflib`).
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError, best_match
from referencing import Registry, Resource

from perfcode.errors import UsageError
from perfcode.findings import Finding, at
from perfcode.load import Document

_SLUG = r"[^/]+"
KINDS: tuple[tuple[str, str], ...] = (
    ("company", r"org/company\.yaml"),
    ("framework", r"org/framework\.yaml"),
    ("governance", r"org/governance\.yaml"),
    ("unit", rf"org/units/{_SLUG}\.yaml"),
    ("person", rf"org/people/{_SLUG}\.yaml"),
    ("position", rf"org/positions/{_SLUG}\.yaml"),
    ("cycle", rf"goals/{_SLUG}/cycle\.yaml"),
    ("company-goals", rf"goals/{_SLUG}/company\.yaml"),
    ("unit-goals", rf"goals/{_SLUG}/units/{_SLUG}\.yaml"),
    ("person-goals", rf"goals/{_SLUG}/people/{_SLUG}\.yaml"),
    ("calibration", rf"reviews/{_SLUG}/calibration\.yaml"),
    ("review", rf"reviews/{_SLUG}/{_SLUG}\.yaml"),
)
_KIND_PATTERNS = [(kind, re.compile(pattern)) for kind, pattern in KINDS]
LAYOUT_HINT = (
    "data files are org/{company,framework,governance}.yaml, org/{units,people,positions}/<id>"
    ".yaml, goals/<cycle>/{cycle,company}.yaml, goals/<cycle>/{units,people}/<id>.yaml and "
    "reviews/<cycle>/{<person>,calibration}.yaml"
)


def kind_of(path: str) -> str | None:
    """The file kind of a repository-relative path, or None when it is not a data file."""
    for kind, pattern in _KIND_PATTERNS:
        if pattern.fullmatch(path):
            return kind
    return None


@dataclass(frozen=True)
class Schemas:
    """One validator per file kind, built once."""

    validators: dict[str, Draft202012Validator]

    @classmethod
    def load(cls, folder: Path) -> Schemas:
        registry: Registry[Any] = Registry()
        contents: dict[str, Any] = {}
        for file in sorted(folder.glob("*.schema.json")):
            try:
                schema = json.loads(file.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise UsageError(f"{file}: not a readable JSON Schema: {exc}") from exc
            contents[file.name.removesuffix(".schema.json")] = schema
            registry = registry.with_resource(schema["$id"], Resource.from_contents(schema))
        missing = sorted({kind for kind, _ in KINDS} - contents.keys())
        if missing:
            raise UsageError(f"{folder}: no schema for {', '.join(missing)}")
        checker = FormatChecker(["date", "email"])
        validators = {
            kind: Draft202012Validator(contents[kind], registry=registry, format_checker=checker)
            for kind, _ in KINDS
        }
        return cls(validators)

    def check(self, document: Document, kind: str) -> list[Finding]:
        """Every schema problem of one document, as findings."""
        validator = self.validators[kind]
        return [
            finding
            for error in validator.iter_errors(document.data)
            for finding in _findings(document.path, error)
        ]


def _findings(path: str, error: ValidationError) -> Iterator[Finding]:
    pointer = tuple(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        schema: Any = error.schema
        known = sorted(schema.get("properties", {}))
        for key in sorted(set(error.instance) - set(known), key=str):
            yield at(path, (*pointer, key), "PC011", f"unknown key {_short(key)}", _did_you_mean(key, known))
        return
    if error.context:
        error = best_match(error.context)
        pointer = tuple(error.absolute_path)
    yield at(path, pointer, "PC010", _describe(error), _schema_hint(error))


def _did_you_mean(key: object, known: list[str]) -> str:
    close = difflib.get_close_matches(str(key), known, n=1)
    if close:
        return f"did you mean '{close[0]}'?"
    return f"allowed keys: {', '.join(known)}" if known else "remove it"


_TYPE_NAMES = {
    "string": "a string",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "object": "a mapping",
    "array": "a list",
    "null": "null",
}


def _describe(error: ValidationError) -> str:
    where = _field(error)
    value = _short(error.instance)
    kind = error.validator
    expected: Any = error.validator_value
    schema: Any = error.schema
    if kind == "type":
        types = [expected] if isinstance(expected, str) else list(expected)
        wanted = " or ".join(_TYPE_NAMES.get(t, t) for t in types)
        return f"{where} must be {wanted}, not {value}"
    if kind == "required":
        instance: Any = error.instance
        missing = [k for k in expected if k not in instance]
        return f"{where} is missing the required key '{missing[0] if missing else expected[0]}'"
    if kind == "enum":
        return f"{where} is {value}; expected one of: {', '.join(map(str, expected))}"
    if kind == "const":
        return f"{where} is {value}; expected {_short(expected)}"
    if kind == "not" and isinstance(schema.get("description"), str):
        return f"{where}: {schema['description']}"
    if kind == "pattern" and "date" in str(schema.get("description", "")).lower():
        return f'{where} is {value}; expected a quoted date like "2026-03-31"'
    if kind == "pattern":
        return f"{where} is {value}, which does not match {expected}"
    if kind in ("maxLength", "maxItems") and isinstance(error.instance, str | list):
        unit = "characters" if kind == "maxLength" else "items"
        return f"{where} has {len(error.instance)} {unit}, more than {expected}"
    return f"{where}: {error.message}"


def _schema_hint(error: ValidationError) -> str:
    schema: Any = error.schema
    description = schema.get("description") if isinstance(schema, dict) else None
    if isinstance(description, str) and description:
        first = description.strip().split(". ")[0].rstrip(".")
        return f"expected: {first[:160]}"
    return ""


def _field(error: ValidationError) -> str:
    parts = [str(p) if isinstance(p, str) else f"[{p}]" for p in error.absolute_path]
    dotted = ".".join(parts).replace(".[", "[")
    return f"'{dotted}'" if dotted else "the document"


def _short(value: object) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."
