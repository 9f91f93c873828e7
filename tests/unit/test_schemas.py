"""The JSON Schemas in `schemas/`: well-formed, documented, closed, and in step with the docs.

Schemas are resolved through a `referencing.Registry` holding only the files in `schemas/`,
under the identifiers perfcode gives them in memory, so relative `$ref`s such as
`defs.schema.json#/$defs/slug` resolve offline and an unknown reference fails instead of
being fetched. The files themselves declare no `$id`, so that any validator resolves them
from disk: `check-jsonschema --schemafile` is run on them without `--base-uri`.
"""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
from collections.abc import Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from perfcode.rules import all_rules
from perfcode.schema import BASE_URI, KINDS, Locks, Schemas

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_DIR = ROOT / "schemas"
FILES_DOC = ROOT / "docs" / "files.md"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"
FILES = {
    path.name.removesuffix(".schema.json"): json.loads(path.read_text(encoding="utf-8"))
    for path in sorted(SCHEMA_DIR.glob("*.schema.json"))
}
SCHEMAS: dict[str, dict[str, Any]] = {
    kind: {**schema, "$id": f"{BASE_URI}{kind}.schema.json"} for kind, schema in FILES.items()
}
REGISTRY: Registry[Any] = Registry().with_resources(
    (schema["$id"], DRAFT202012.create_resource(schema)) for schema in SCHEMAS.values()
)
FILE_KINDS = sorted(kind for kind, _ in KINDS)

# Keywords whose values are subschemas. `if` and `not` are left out on purpose: their
# `properties` test values, they do not declare keys, so they need no descriptions.
SCHEMA_MAP_KEYWORDS = ("properties", "$defs", "patternProperties", "dependentSchemas")
SCHEMA_KEYWORDS = (
    "items",
    "additionalProperties",
    "unevaluatedProperties",
    "contains",
    "propertyNames",
    "then",
    "else",
)
SCHEMA_LIST_KEYWORDS = ("allOf", "anyOf", "oneOf", "prefixItems")

DELETE = object()


def validator(kind: str) -> Draft202012Validator:
    return Draft202012Validator(
        SCHEMAS[kind], registry=REGISTRY, format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def errors(kind: str, instance: object) -> list[ValidationError]:
    return sorted(validator(kind).iter_errors(instance), key=lambda e: list(e.absolute_path))


def subschemas(node: object, where: str = "#") -> Iterator[tuple[str, Mapping[str, Any]]]:
    if not isinstance(node, Mapping):
        return
    yield where, node
    for keyword in SCHEMA_MAP_KEYWORDS:
        for name, child in node.get(keyword, {}).items():
            yield from subschemas(child, f"{where}/{keyword}/{name}")
    for keyword in SCHEMA_KEYWORDS:
        if keyword in node:
            yield from subschemas(node[keyword], f"{where}/{keyword}")
    for keyword in SCHEMA_LIST_KEYWORDS:
        for index, child in enumerate(node.get(keyword, [])):
            yield from subschemas(child, f"{where}/{keyword}/{index}")


def refs(node: object) -> Iterator[str]:
    if isinstance(node, Mapping):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from refs(value)


def replaced(instance: Any, path: tuple[str | int, ...], value: object) -> Any:
    """A deep copy of `instance` with the node at `path` set to `value` (or removed)."""
    result = copy.deepcopy(instance)
    parent = result
    for step in path[:-1]:
        parent = parent[step]
    if value is DELETE:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return result


def renamed(instance: Any, path: tuple[str | int, ...], key: str, new_key: str) -> Any:
    result = copy.deepcopy(instance)
    parent = result
    for step in path:
        parent = parent[step]
    parent[new_key] = parent.pop(key)
    return result


KEY_RESULT = {
    "id": "benelux-arr",
    "metric": "New ARR from Benelux key accounts",
    "unit": "EUR",
    "direction": "increase",
    "curve": "stepped",
    "baseline": 0,
    "threshold": 150000,
    "target": 250000,
    "stretch": 320000,
    "actual": Decimal("270000.50"),
    "weight": 70,
    "check_ins": [{"date": "2026-08-31", "value": 60000, "note": "Two renewals signed early."}],
}
GOAL = {
    "id": "grow-key-accounts",
    "title": "Grow the three key accounts in Benelux",
    "description": "Optional longer text.",
    "weight": 60,
    "method": "okr",
    "aligns_to": ["sales-emea/grow-emea"],
    "indicator": "account-executive/new-arr",
    "perspective": "customer",
    "key_results": [
        KEY_RESULT,
        {"id": "launch", "metric": "Pilot launched", "curve": "milestone", "weight": 30},
    ],
    "revisions": [
        {
            "date": "2026-09-15",
            "change": "target 280000 -> 250000",
            "reason": "Customer merger",
            "approved_by": "jonas-berg",
        }
    ],
}
REPORTING = {"cadence": "monthly", "to": "performance-committee"}

VALID: dict[str, dict[str, Any]] = {
    "company": {
        "id": "northwind",
        "name": "Northwind Instruments",
        "president": "maria-okafor",
        "mission": "Precise instruments for a cleaner industry.",
        "vision": "The measurement partner of every plant in Europe.",
        "strategy": {
            "period": {"start": "2026-01-01", "end": "2028-12-31"},
            "themes": [
                {
                    "id": "customer-growth",
                    "title": "Grow with our customers",
                    "description": "Win new plants and deepen existing accounts.",
                    "perspective": "customer",
                }
            ],
        },
    },
    "framework": {
        "rounding": {"places": 4, "mode": "half-up"},
        "scale": {
            "levels": [
                {"value": 5, "label": "Outstanding", "min_score": Decimal("1.2")},
                {"value": 3, "label": "Meets", "description": "As agreed.", "min_score": 0},
            ]
        },
        "curves": [
            {"id": "linear", "kind": "linear", "cap": Decimal("1.2")},
            {
                "id": "stepped",
                "kind": "piecewise",
                "points": {"threshold": Decimal("0.5"), "target": 1, "stretch": Decimal("1.5")},
                "below_threshold": 0,
                "cap": Decimal("1.5"),
            },
            {"id": "milestone", "kind": "binary"},
            {"id": "okr", "kind": "grade", "cap": 1},
            {"id": "rated", "kind": "scale"},
        ],
        "default_curve": "stepped",
        "check_in_days": 31,
        "competencies": [{"id": "customer-focus", "name": "Customer focus"}],
        "classes": [
            {
                "id": "professional",
                "name": "Professional",
                "frequency": "semiannual",
                "components": [
                    {"method": "okr", "weight": 60},
                    {"method": "competencies", "weight": 20},
                    {"method": "360", "weight": 20},
                ],
                "perspectives": [{"perspective": "financial", "weight": 100}],
                "competencies": ["customer-focus"],
                "evaluators": [
                    {"relationship": "manager", "weight": 60, "min_count": 1},
                    {"relationship": "peer", "weight": 40},
                ],
            }
        ],
        "distribution": {
            "scope": ["unit", "class"],
            "min_group": 8,
            "tolerance": 5,
            "bands": [{"ratings": [5], "max_percent": 10}, {"ratings": [1], "min_percent": 5}],
        },
        "appeals": {"window_days": 14, "handled_by": "hr-support", "decision_days": 30},
        "feedback": {
            "meeting_within_days": 21,
            "acknowledgement": "required",
            "acknowledgement_within_days": 7,
        },
        "results_use": [
            {
                "rating": 5,
                "bonus_multiplier": Decimal("1.5"),
                "merit_band": "A",
                "promotion": "eligible",
                "improvement_plan": False,
            }
        ],
        "promotion_rule": {"min_rating": 4, "consecutive_cycles": 2},
        "publication": {"goals": True, "individual_ratings": False, "min_group_size": 5},
    },
    "governance": {
        "maintainers": "@northwind/perfcode-maintainers",
        "committee": {
            "id": "performance-committee",
            "name": "Performance committee",
            "chair": "maria-okafor",
            "members": ["jonas-berg", "aisha-rahman"],
            "team": "@northwind/performance-committee",
            "duties": ["Calibrate ratings"],
            "reporting": {"cadence": "quarterly", "to": "Board of directors"},
            "training": [{"topic": "Calibration without bias", "audience": "members", "due": "2026-05-31"}],
        },
        "promotion_groups": [
            {
                "id": "engineering-promotion",
                "name": "Engineering promotion group",
                "unit": "engineering",
                "lead": "jonas-berg",
                "members": ["li-wei"],
                "reporting": REPORTING,
                "training": [],
            }
        ],
        "support_group": {
            "id": "hr-support",
            "name": "HR support and advisory group",
            "lead": "grace-hopper",
            "members": ["tom-novak"],
            "team": "@northwind/hr",
            "duties": ["Handle appeals"],
            "reporting": REPORTING,
        },
    },
    "unit": {
        "id": "sales-emea",
        "name": "Sales EMEA",
        "parent": "sales",
        "head": "jonas-berg",
        "description": "Field sales for Europe, Middle East and Africa.",
    },
    "person": {
        "id": "ada-lovelace",
        "name": "Ada Lovelace",
        "email": "ada.lovelace@northwind.example",
        "github": "ada-l",
        "unit": "sales-emea",
        "position": "account-executive",
        "manager": "jonas-berg",
        "class": "professional",
        "since": "2023-04-01",
    },
    "position": {
        "id": "account-executive",
        "title": "Account executive",
        "class": "professional",
        "indicators": [
            {
                "id": "new-arr",
                "metric": "New annual recurring revenue",
                "unit": "EUR",
                "direction": "increase",
                "weight": 40,
            }
        ],
    },
    "cycle": {
        "id": "2026-H2",
        "name": "Second half of 2026",
        "parent": "2026",
        "period": {"start": "2026-07-01", "end": "2026-12-31"},
        "status": "open",
        "classes": ["professional"],
        "exclude": [],
        "phases": {
            "planning": {"start": "2026-07-01", "end": "2026-07-20"},
            "coaching": {"start": "2026-07-21", "end": "2026-12-05"},
            "evaluation": {"start": "2026-12-06", "end": "2026-12-20"},
            "calibration": {"start": "2027-01-04", "end": "2027-01-15"},
            "results": {"start": "2027-01-18", "end": "2027-02-12"},
        },
    },
    "company-goals": {
        "owner": "company",
        "goals": [{**GOAL, "aligns_to": [], "theme": "customer-growth"}],
    },
    "unit-goals": {"owner": "sales-emea", "goals": [GOAL]},
    "person-goals": {"owner": "ada-lovelace", "goals": [GOAL]},
    "review": {
        "person": "ada-lovelace",
        "cycle": "2026-H1",
        "assessments": [
            {
                "reviewer": "ada-lovelace",
                "relationship": "self",
                "submitted": "2026-06-18",
                "rating": 4,
                "competencies": [{"id": "customer-focus", "rating": 4, "comment": "Good."}],
                "strengths": "Focus.",
                "improvements": "Delegation.",
                "comments": "None.",
            }
        ],
        "calibration": {
            "rating": 4,
            "reason": "Team context: two large deals slipped into H2.",
            "approved_by": "performance-committee",
            "date": "2026-07-10",
        },
        "final_rating": 4,
        "feedback": {"meeting": "2026-07-20", "acknowledged": "2026-07-22", "comment": "Fair."},
        "appeal": {
            "filed": "2026-07-25",
            "grounds": "A deal was counted twice.",
            "decision": "amended",
            "decided": "2026-08-10",
            "rating": 5,
        },
        "plan": {
            "kind": "development",
            "start": "2026-07-25",
            "end": "2026-10-31",
            "items": [
                {"id": "coaching", "action": "Coach two juniors.", "due": "2026-09-30", "status": "open"}
            ],
        },
    },
    "record": {
        "format": 1,
        "cycle": "2026-H1",
        "closed": "2026-08-14",
        "period": {"start": "2026-01-01", "end": "2026-06-30"},
        "framework": {"version": 3, "fingerprint": "sha256:" + "0" * 64, "content": {}},
        "scores": {
            "today": "2026-08-14",
            "elapsed": "1.00",
            "rounding": {"places": 4, "mode": "half-up"},
            "company": None,
            "units": [],
            "coverage": {"company": None, "unit": None, "person": "1.0000"},
        },
        "participants": ["ada-lovelace"],
        "files": [{"path": "goals/2026-H1/cycle.yaml", "blob": "f3226734619aa51eefe1be06a6e4cda11f1cedae"}],
    },
    "person-record": {
        "format": 1,
        "cycle": "2026-H1",
        "person": "ada-lovelace",
        "judged_as": {
            "name": "Ada Lovelace",
            "email": "ada.lovelace@northwind.example",
            "unit": "sales-emea",
            "manager": "jonas-berg",
            "position": "account-executive",
            "class": "professional",
        },
        "result": {
            "person": "ada-lovelace",
            "name": "Ada Lovelace",
            "unit": "sales-emea",
            "class": "professional",
            "goals_score": "1.0657",
            "projected": False,
            "components": [],
            "final_score": "1.0744",
            "computed_rating": 4,
            "final_rating": 4,
            "rating_source": "computed",
            "results_use": None,
            "goals": [],
        },
        "files": [
            {"path": "reviews/2026-H1/ada-lovelace.yaml", "blob": "ed729e817b5194db9f3683530d58b7b5e4cd0055"}
        ],
        "amendments": [
            {
                "date": "2026-11-25",
                "decided": "2026-08-10",
                "final_rating": {"from": 3, "to": 4},
                "rating_source": {"from": "computed", "to": "appeal"},
            }
        ],
    },
    "coaching": {
        "person": "ada-lovelace",
        "cycle": "2026-H2",
        "conversations": [
            {
                "date": "2026-08-12",
                "coach": "jonas-berg",
                "goals": ["grow-key-accounts"],
                "notes": "Two renewals slipped.",
                "actions": [{"action": "Call the accounts.", "owner": "ada-lovelace", "due": "2026-08-31"}],
                "employee_comment": "Fair summary.",
            }
        ],
    },
    "report": {
        "group": "engineering-promotion",
        "cycle": "2026-H2",
        "reports": [
            {
                "date": "2026-09-30",
                "figures": {
                    "as_of": "2026-09-30",
                    "participants": 12,
                    "late": [{"step": "check-in", "people": 2}],
                    "coaching": {"held": 10, "due": 12},
                },
                "progress": "Goals aligned; check-ins lag.",
            }
        ],
        "problems": [
            {
                "id": "late-check-ins",
                "title": "Check-ins lag",
                "description": "Half the key results had none for six weeks.",
                "found": "2026-09-30",
                "owner": "li-wei",
                "due": "2026-10-31",
                "status": "resolved",
                "resolved": "2026-10-20",
                "actions": ["A reminder in the stand-up."],
                "notes": "Internal.",
                "decisions": [{"date": "2026-10-06", "decision": "No change to check_in_days."}],
            }
        ],
    },
    "calibration": {
        "cycle": "2026-H1",
        "body": "performance-committee",
        "sessions": [{"date": "2026-07-08", "scope": "engineering", "participants": ["maria-okafor"]}],
        "exceptions": [
            {
                "scope": "unit:engineering",
                "reason": "A small, senior team.",
                "approved_by": "performance-committee",
            }
        ],
        "notes": "Confidential minutes.",
    },
}

# One realistic typo per file kind: (kind, path to the mapping, key, misspelling).
TYPOS = [
    ("company", ("strategy", "themes", 0), "perspective", "perspectve"),
    ("framework", ("publication",), "min_group_size", "min_group"),
    ("governance", ("committee",), "team", "teams"),
    ("unit", (), "description", "desciption"),
    ("person", (), "since", "start"),
    ("position", ("indicators", 0), "weight", "wieght"),
    ("cycle", ("phases",), "calibration", "calibrate"),
    ("company-goals", ("goals", 0), "theme", "themes"),
    ("unit-goals", ("goals", 0, "key_results", 0), "stretch", "strech"),
    ("person-goals", ("goals", 0, "key_results", 0, "check_ins", 0), "note", "notes"),
    ("review", ("assessments", 0), "comments", "comment"),
    ("calibration", ("exceptions", 0), "approved_by", "approver"),
    ("record", ("period",), "end", "ends"),
    ("person-record", ("judged_as",), "manager", "managers"),
    ("coaching", ("conversations", 0), "employee_comment", "comment"),
    ("report", ("problems", 0), "owner", "owners"),
]

# (kind, path, new value or DELETE, whether the result is valid).
CASES = [
    ("person", ("manager",), None, True),
    ("person", ("manager",), DELETE, False),
    ("person", ("since",), "2023-4-1", False),
    ("person", ("since",), "2023-02-30", False),
    ("person", ("github",), "-ada", False),
    ("person", ("email",), "ada.example", False),
    ("unit", ("parent",), None, True),
    ("cycle", ("id",), "2026", True),
    ("cycle", ("id",), 2026, False),
    ("cycle", ("status",), "done", False),
    ("cycle", ("closed",), "2027-02-12", True),
    ("cycle", ("phases", "results"), DELETE, False),
    ("company-goals", ("owner",), "sales", False),
    ("unit-goals", ("owner",), "company", False),
    ("person-goals", ("owner",), DELETE, False),
    ("person-goals", ("goals", 0, "weight"), 0, False),
    ("person-goals", ("goals", 0, "weight"), Decimal("33.5"), True),
    ("person-goals", ("goals", 0, "weight"), 101, False),
    ("person-goals", ("goals", 0, "method"), "competencies", False),
    ("person-goals", ("goals", 0, "aligns_to", 0), "grow-emea", False),
    ("person-goals", ("goals", 0, "local"), {"reason": "Team tooling."}, True),
    ("person-goals", ("goals", 0, "local"), {}, False),
    ("person-goals", ("goals", 0, "key_results"), [], False),
    ("person-goals", ("goals", 0, "key_results", 0, "actual"), True, True),
    ("person-goals", ("goals", 0, "key_results", 0, "actual"), "done", False),
    ("person-goals", ("goals", 0, "key_results", 0, "check_ins", 0, "value"), False, True),
    ("person-goals", ("goals", 0, "key_results", 0, "direction"), "up", False),
    ("person-goals", ("goals", 0, "revisions", 0, "reason"), "", False),
    ("framework", ("rounding", "mode"), "bankers", False),
    ("framework", ("rounding", "places"), 11, False),
    ("framework", ("curves", 1, "points"), DELETE, False),
    ("framework", ("curves", 0, "points"), {"threshold": 0, "target": 1}, False),
    ("framework", ("curves", 2, "cap"), 1, False),
    ("framework", ("classes", 0, "components", 2, "method"), 360, False),
    ("framework", ("distribution", "bands", 0, "max_percent"), DELETE, False),
    ("framework", ("publication", "min_group_size"), 0, False),
    ("governance", ("maintainers",), "@ada-l", True),
    ("governance", ("maintainers",), "northwind/maintainers", False),
    ("governance", ("committee", "team"), "@northwind", False),
    ("review", ("calibration", "reason"), DELETE, False),
    ("review", ("appeal", "rating"), DELETE, False),
    ("review", ("appeal", "decided"), DELETE, False),
    ("review", ("appeal", "decision"), "pending", False),
    ("review", ("final_rating",), Decimal("3.5"), False),
    ("review", ("plan", "items", 0, "status"), "closed", False),
    ("calibration", ("exceptions", 0, "scope"), "engineering", False),
    ("calibration", ("exceptions", 0, "scope"), "class:operator", True),
    ("coaching", ("conversations", 0, "coach"), DELETE, False),
    ("coaching", ("conversations", 0, "actions", 0, "action"), "", False),
    ("coaching", ("conversations", 0, "goals"), ["a", "a"], False),
    ("framework", ("classes", 0, "coaching"), {"every_days": 60}, True),
    ("framework", ("classes", 0, "coaching"), {"every_days": 0}, False),
    ("report", ("problems", 0, "status"), "closed", False),
    ("report", ("problems", 0, "owner"), DELETE, False),
    ("report", ("reports", 0, "figures", "participants"), -1, False),
    ("report", ("problems", 0, "decisions", 0, "decision"), "", False),
]


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_schema_is_valid_draft_2020_12(kind: str) -> None:
    schema = SCHEMAS[kind]
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert "$id" not in FILES[kind], "a schema file's identity is its place on disk"
    assert schema["title"].strip()
    assert schema["description"].strip()


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_every_ref_resolves_offline(kind: str) -> None:
    resolver = REGISTRY.resolver(base_uri=SCHEMAS[kind]["$id"])
    for ref in refs(SCHEMAS[kind]):
        resolver.lookup(ref)


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_every_property_has_a_description(kind: str) -> None:
    missing = [
        f"{where}/properties/{name}"
        for where, node in subschemas(SCHEMAS[kind])
        for name, prop in node.get("properties", {}).items()
        if not (isinstance(prop, Mapping) and str(prop.get("description", "")).strip())
    ]
    assert missing == []


def test_every_shared_definition_has_a_description() -> None:
    missing = [name for name, node in SCHEMAS["defs"]["$defs"].items() if not node.get("description")]
    assert missing == []


# A record keeps the framework it was judged under as it was: today's framework schema
# may not describe an older framework, and a record must stay valid for ever.
OPEN_BY_DESIGN = {"record": ["#/properties/framework/properties/content"]}


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_every_object_is_closed(kind: str) -> None:
    open_objects = [
        where
        for where, node in subschemas(SCHEMAS[kind])
        if where not in OPEN_BY_DESIGN.get(kind, [])
        and ("properties" in node or node.get("type") == "object")
        and node.get("additionalProperties") is not False
        and node.get("unevaluatedProperties") is not False
    ]
    assert open_objects == []


def test_every_file_kind_has_an_example() -> None:
    assert sorted(VALID) == FILE_KINDS
    assert sorted(kind for kind, *_ in TYPOS) == FILE_KINDS


@pytest.mark.parametrize("kind", FILE_KINDS)
def test_valid_instance_passes(kind: str) -> None:
    assert [e.message for e in errors(kind, VALID[kind])] == []


@pytest.mark.parametrize(("kind", "path", "key", "typo"), TYPOS)
def test_typo_is_rejected(kind: str, path: tuple[str | int, ...], key: str, typo: str) -> None:
    found = [
        (list(e.absolute_path), e.message)
        for e in errors(kind, renamed(VALID[kind], path, key, typo))
        if e.validator == "additionalProperties"
    ]
    assert found == [(list(path), f"Additional properties are not allowed ('{typo}' was unexpected)")]


@pytest.mark.parametrize(("kind", "path", "value", "valid"), CASES)
def test_constraint(kind: str, path: tuple[str | int, ...], value: object, valid: bool) -> None:
    assert (errors(kind, replaced(VALID[kind], path, value)) == []) is valid


DOC_SCHEMAS = {
    "org/company.yaml": "company",
    "org/framework.yaml": "framework",
    "org/governance.yaml": "governance",
    "org/units/<unit>.yaml": "unit",
    "org/people/<person>.yaml": "person",
    "org/positions/<position>.yaml": "position",
    "goals/<cycle>/cycle.yaml": "cycle",
    "Goal files": "person-goals",
    "reviews/<cycle>/<person>.yaml": "review",
    "reviews/<cycle>/calibration.yaml": "calibration",
    "reviews/<cycle>/record.yaml": "record",
    "reviews/<cycle>/record/<person>.yaml": "person-record",
    "reviews/<cycle>/coaching/<person>.yaml": "coaching",
    "governance/reports/<cycle>/<group>.yaml": "report",
}


def doc_examples() -> list[tuple[str, str]]:
    """(section, YAML text) of each YAML example in docs/files.md, by its section heading."""
    text = FILES_DOC.read_text(encoding="utf-8")
    examples = []
    for section in re.split(r"^## ", text, flags=re.MULTILINE)[1:]:
        heading = section.splitlines()[0]
        match = re.match(r"`([^`]+)`", heading)
        for block in re.findall(r"^```yaml\n(.*?)^```", section, flags=re.MULTILINE | re.DOTALL):
            examples.append((match.group(1) if match else heading, block))
    return examples


@pytest.mark.parametrize(
    ("section", "text"), [pytest.param(*example, id=example[0]) for example in doc_examples()]
)
def test_docs_example_is_valid(section: str, text: str) -> None:
    assert [e.message for e in errors(DOC_SCHEMAS[section], yaml.safe_load(text))] == []


def test_docs_cover_every_file_kind() -> None:
    assert sorted({DOC_SCHEMAS[section] for section, _ in doc_examples()}) == sorted(
        set(FILE_KINDS) - {"company-goals", "unit-goals"}
    )


def test_goal_weights_are_described_as_pc203_checks_them_per_file() -> None:
    """docs/scoring.md, docs/files.md, the schemas and PC203 agree: one sum per goal file."""
    goal_weight = SCHEMAS["defs"]["$defs"]["goal"]["properties"]["weight"]["description"]
    assert goal_weight == (
        "Share of the owner's goals score, in percent (more than 0, at most 100); goal weights "
        "sum to 100 per goal file, whatever their `method` (each goals component of the class "
        "re-normalises over the weights of its own goals)."
    )
    goals = SCHEMAS["person-goals"]["properties"]["goals"]["description"]
    assert (
        goals
        == "The person's goals for the cycle; their weights sum to 100 in the file, whatever their `method`."
    )


def _example_of(kind: str) -> Path:
    pattern = dict(KINDS)[kind]
    return next(
        path
        for path in sorted(ROOT.glob("*/**/*.yaml"))
        if re.fullmatch(pattern, path.relative_to(ROOT).as_posix())
    )


def _check_jsonschema(kind: str, *files: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    schema = SCHEMA_DIR / f"{kind}.schema.json"
    command = [str(CHECK_JSONSCHEMA), "--no-cache", "--schemafile", str(schema), *map(str, files)]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False, timeout=120)


@pytest.mark.parametrize("kind", FILE_KINDS)
def test_check_jsonschema_resolves_every_ref_from_disk(kind: str, tmp_path: Path) -> None:
    """Issue 15, item 7: no --base-uri, from any folder, and nothing fetched."""
    run = _check_jsonschema(kind, _example_of(kind), cwd=tmp_path)
    assert (run.returncode, run.stdout.strip(), run.stderr) == (0, "ok -- validation done", "")


def test_check_jsonschema_reports_a_wrong_value_behind_a_shared_definition(tmp_path: Path) -> None:
    goals = yaml.safe_load(_example_of("person-goals").read_text(encoding="utf-8"))
    goals["goals"][0]["id"] = "Not A Slug"
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(goals), encoding="utf-8")
    run = _check_jsonschema("person-goals", bad.relative_to(tmp_path), cwd=tmp_path)
    assert (run.returncode, run.stdout) == (
        1,
        "Schema validation errors were encountered.\n"
        "  bad.yaml::$.goals[0].id: 'Not A Slug' does not match '^[a-z0-9][a-z0-9-]*$'\n",
    )


def _properties(file: str, *path: str) -> dict[str, Any]:
    node: Any = json.loads((SCHEMA_DIR / f"{file}.schema.json").read_text(encoding="utf-8"))
    for key in path:
        node = node[key]
    return dict(node["properties"])


LOCKABLE = {
    "goal": _properties("defs", "$defs", "goal"),
    "key-result": _properties("defs", "$defs", "key-result"),
    "review": _properties("review"),
    "assessment": _properties("review", "properties", "assessments", "items"),
}


@pytest.mark.parametrize("definition", LOCKABLE)
def test_every_field_of_what_a_phase_locks_says_whether_it_is_locked(definition: str) -> None:
    # A new field must choose: locked when a phase ends, or never (null); see perfcode.schema.LOCK.
    undecided = [name for name, spec in LOCKABLE[definition].items() if "x-locked-after" not in spec]
    assert undecided == []
    assert {spec["x-locked-after"] for spec in LOCKABLE[definition].values()} <= {
        None,
        "planning",
        "calibration",
    }


def test_the_locks_come_from_the_schemas_and_the_rules_name_them() -> None:
    locks = Schemas.load(SCHEMA_DIR).locks
    assert locks == Locks(
        goal=frozenset(
            {
                "id",
                "weight",
                "method",
                "aligns_to",
                "indicator",
                "theme",
                "perspective",
                "local",
                "key_results",
            }
        ),
        key_result=frozenset(
            {
                "id",
                "metric",
                "unit",
                "direction",
                "accumulates",
                "curve",
                "baseline",
                "threshold",
                "target",
                "stretch",
                "weight",
            }
        ),
        review=frozenset({"calibration", "final_rating"}),
        assessment=frozenset({"rating", "competencies", "encrypted"}),
    )
    explained = {rule.code: rule.explanation for rule in all_rules()}
    assert [f for f in locks.goal | locks.key_result - {"id"} if f not in explained["PC711"]] == []
    assert [f for f in locks.review | locks.assessment if f not in explained["PC712"]] == []
