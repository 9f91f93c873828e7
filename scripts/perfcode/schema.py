"""Schema: which kind each file is, and its validation against that kind's JSON Schema.

Every file kind has a Draft 2020-12 schema in ``schemas/``; validators are built once
per kind and reused for every file. Validation has two passes: a fast validity pass with
``jsonschema-rs`` (compiled, about a hundred times faster than pure Python) over every
document, and the detailed pass with ``jsonschema`` only for the few documents the fast
pass rejects, whose errors become findings pointing into the document:
``PC010`` for a value the schema rejects, ``PC011`` for an unknown key (with "did you
mean" from :mod:`difflib`).

The schema files declare no ``$id``: a schema's place on disk is its identity, so its
relative ``$ref``s (``defs.schema.json#/$defs/slug``) resolve against the file itself in
any validator, editor or ``check-jsonschema --schemafile`` without a base URI or a
download (https://json-schema.org/draft/2020-12/json-schema-core#section-8.2.1: without
``$id`` the base URI is the one the schema was retrieved from). Here each schema is
given an identifier in memory, :data:`BASE_URI` and its file name, so that the two
validators resolve the same references offline from a registry of the folder's files.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema_rs

from perfcode.cache import cache_key
from perfcode.errors import UsageError
from perfcode.findings import Finding, at
from perfcode.load import Document

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

_ID = r"[a-z0-9][a-z0-9-]*"
_CYCLE = r"[A-Za-z0-9][A-Za-z0-9-]*"
KINDS: tuple[tuple[str, str], ...] = (
    ("company", r"org/company\.yaml"),
    ("framework", r"org/framework\.yaml"),
    ("governance", r"org/governance\.yaml"),
    ("unit", rf"org/units/{_ID}\.yaml"),
    ("person", rf"org/people/{_ID}\.yaml"),
    ("position", rf"org/positions/{_ID}\.yaml"),
    ("cycle", rf"goals/{_CYCLE}/cycle\.yaml"),
    ("company-goals", rf"goals/{_CYCLE}/company\.yaml"),
    ("unit-goals", rf"goals/{_CYCLE}/units/{_ID}\.yaml"),
    ("person-goals", rf"goals/{_CYCLE}/people/{_ID}\.yaml"),
    ("calibration", rf"reviews/{_CYCLE}/calibration\.yaml"),
    ("record", rf"reviews/{_CYCLE}/record\.yaml"),
    ("person-record", rf"reviews/{_CYCLE}/record/{_ID}\.yaml"),
    ("coaching", rf"reviews/{_CYCLE}/coaching/{_ID}\.yaml"),
    ("report", rf"governance/reports/{_CYCLE}/{_ID}\.yaml"),
    ("review", rf"reviews/{_CYCLE}/{_ID}\.yaml"),
)
"""File kinds by path. File and folder names are ids: lower-case letters, digits and
hyphens (cycle folders may use capitals, as in 2026-H1)."""
BASE_URI = "https://perfcode.dev/schemas/"
"""Where the schemas are known in memory; nothing is ever fetched from it."""
_KIND_PATTERNS = [(kind, re.compile(pattern)) for kind, pattern in KINDS]
LAYOUT_HINT = (
    "data files are org/{company,framework,governance}.yaml, org/{units,people,positions}/<id>"
    ".yaml, goals/<cycle>/{cycle,company}.yaml, goals/<cycle>/{units,people}/<id>.yaml, "
    "reviews/<cycle>/{<person>,calibration,record}.yaml, reviews/<cycle>/coaching/<person>.yaml and "
    "governance/reports/<cycle>/<group>.yaml (and the generated record/<person>.yaml)"
)


def kind_of(path: str) -> str | None:
    """The file kind of a repository-relative path, or None when it is not a data file."""
    for kind, pattern in _KIND_PATTERNS:
        if pattern.fullmatch(path):
            return kind
    return None


LOCK = "x-locked-after"
"""The schema keyword that says which phase's end locks a field: ``planning`` (goals and
key results: targets, weights, alignment ...), ``calibration`` (reviews: ratings) or null
(never locked by a phase). The pull-request policy reads its locked fields from it, so a
new field is locked by marking it where it is defined, and a test asks every field of
those definitions to say."""


@dataclass(frozen=True)
class Locks:
    """The fields a phase's end locks, as the schemas mark them with ``x-locked-after``."""

    goal: frozenset[str]
    key_result: frozenset[str]
    review: frozenset[str]
    assessment: frozenset[str]

    @classmethod
    def of(cls, contents: dict[str, Any]) -> Locks:
        defs = contents.get("defs", {}).get("$defs", {})
        review = contents.get("review", {}).get("properties", {})
        assessment = review.get("assessments", {}).get("items", {})
        return cls(
            _marked(defs.get("goal", {}), "planning"),
            _marked(defs.get("key-result", {}), "planning"),
            _marked(contents.get("review", {}), "calibration"),
            _marked(assessment, "calibration"),
        )


def _marked(definition: dict[str, Any], phase: str) -> frozenset[str]:
    properties = definition.get("properties", {})
    return frozenset(name for name, spec in properties.items() if spec.get(LOCK) == phase)


@dataclass(frozen=True)
class Schemas:
    """Two validators per file kind, built once: a fast one and a detailed one."""

    fast: dict[str, jsonschema_rs.Validator]
    contents: dict[str, Any]
    key: str
    """What documents validated by these schemas are cached under (see :mod:`perfcode.cache`)."""
    detailed: dict[str, Draft202012Validator] = field(default_factory=dict)

    @classmethod
    def load(cls, folder: Path) -> Schemas:
        contents: dict[str, Any] = {}
        raws: list[bytes] = []
        for file in sorted(folder.glob("*.schema.json")):
            try:
                raws.append(file.read_bytes())
                schema = json.loads(raws[-1].decode("utf-8"))
            except (OSError, ValueError) as exc:
                raise UsageError(f"{file}: not a readable JSON Schema: {exc}") from exc
            if not isinstance(schema, dict):
                raise UsageError(f"{file}: a schema needs to be a JSON object")
            contents[file.name.removesuffix(".schema.json")] = {**schema, "$id": BASE_URI + file.name}
        missing = sorted({kind for kind, _ in KINDS} - contents.keys())
        if missing:
            raise UsageError(f"{folder}: no schema for {', '.join(missing)}")
        return cls(_fast_validators(contents), contents, cache_key(raws))

    @property
    def locks(self) -> Locks:
        return Locks.of(self.contents)

    def valid(self, data: Any, kind: str) -> bool:
        """Whether data passes the schema of its kind (the fast validator only)."""
        return bool(self.fast[kind].is_valid(data))

    def check(self, document: Document, kind: str) -> list[Finding]:
        """Every schema problem of one document, as findings (none for a valid one)."""
        if self.fast[kind].is_valid(document.data):
            return []
        if not self.detailed:
            self.detailed.update(_detailed_validators(self.contents))
        return [
            finding
            for error in self.detailed[kind].iter_errors(document.data)
            for finding in _findings(document.path, error)
        ]


def _fast_validators(contents: dict[str, Any]) -> dict[str, jsonschema_rs.Validator]:
    try:
        registry = jsonschema_rs.Registry([(schema["$id"], schema) for schema in contents.values()])
        return {
            kind: jsonschema_rs.validator_for(
                contents[kind], registry=registry, validate_formats=True, offline=True
            )
            for kind, _ in KINDS
        }
    except (ValueError, jsonschema_rs.ReferencingError) as exc:
        raise UsageError(f"the schemas in schemas/ do not compile: {exc}") from exc


def _detailed_validators(contents: dict[str, Any]) -> dict[str, Draft202012Validator]:
    """The pure-Python validators, imported and built only once a document is invalid."""
    from jsonschema import Draft202012Validator, FormatChecker
    from referencing import Registry, Resource

    registry: Registry[Any] = Registry().with_resources(
        (schema["$id"], Resource.from_contents(schema)) for schema in contents.values()
    )
    checker = FormatChecker(["date", "email"])
    return {
        kind: Draft202012Validator(contents[kind], registry=registry, format_checker=checker)
        for kind, _ in KINDS
    }


def _findings(path: str, error: ValidationError) -> Iterator[Finding]:
    pointer = tuple(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        schema: Any = error.schema
        known = sorted(schema.get("properties", {}))
        for key in sorted(set(error.instance) - set(known), key=str):
            yield at(path, (*pointer, key), "PC011", f"unknown key {_short(key)}", _did_you_mean(key, known))
        return
    if error.context:
        from jsonschema.exceptions import best_match

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
