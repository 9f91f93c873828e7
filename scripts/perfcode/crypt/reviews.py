"""Finding a person's review file: ``reviews/<cycle>/<person>.yaml``, by default the latest."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from perfcode.errors import UsageError
from perfcode.strict_yaml import read_data

ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{0,63}")
"""Person and cycle ids (schemas/defs.schema.json): they keep a path inside reviews/."""


def review_path(root: Path, person: str, cycle: str | None) -> str:
    """The review's repository-relative path; the cycle defaults to the latest one (by its
    period's start, from goals/<cycle>/cycle.yaml) with a review of ``person``."""
    if not ID.fullmatch(person) or (cycle is not None and not ID.fullmatch(cycle)):
        raise UsageError("a person or cycle id has letters, digits and - only")
    if cycle is not None:
        rel = f"reviews/{cycle}/{person}.yaml"
        if not (root / rel).is_file():
            raise UsageError(f"no review of {person} in {cycle} ({rel})")
        return rel
    cycles = sorted(p.parent.name for p in (root / "reviews").glob(f"*/{person}.yaml"))
    if not cycles:
        raise UsageError(f"no review of {person} under reviews/")
    return f"reviews/{max(cycles, key=lambda c: (_start(root, c), c))}/{person}.yaml"


def _start(root: Path, cycle: str) -> str:
    try:
        data = read_data((root / "goals" / cycle / "cycle.yaml").read_text(encoding="utf-8"))
        return str(data["period"]["start"])
    except (OSError, yaml.YAMLError, ValueError, KeyError, TypeError):
        return ""


def review_file(root: Path, person: str, cycle: str | None) -> tuple[str, dict[str, Any]]:
    """The review's path and its data as written."""
    rel = review_path(root, person, cycle)
    try:
        data = read_data((root / rel).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, ValueError) as exc:
        raise UsageError(f"{rel} is not valid YAML ({exc}); see perfcode check") from None
    if not isinstance(data, dict):
        raise UsageError(f"{rel} is not a review; see perfcode check")
    return rel, data
