"""Check: the whole pipeline from files to located findings.

load -> schema -> model -> rules -> locate. Problems stay values until the CLI prints
them; a file that fails to load or to match its schema is left out of the model, so one
broken file never hides the problems of the others.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from perfcode.build import build
from perfcode.findings import Finding
from perfcode.load import Document, data_files, load_all
from perfcode.locate import locate
from perfcode.model import Repository, stem
from perfcode.rules import Context, run_rules
from perfcode.schema import LAYOUT_HINT, Schemas, kind_of


@dataclass(frozen=True)
class CheckResult:
    findings: list[Finding]
    repo: Repository
    files: int


Extra = Callable[[Repository], Iterable[Finding]]
"""Findings that need more than the model, such as the pull-request policy against a base."""


def run_check(
    root: Path,
    today: str,
    select: Collection[str] = (),
    ignore: Collection[str] = (),
    extra: Extra | None = None,
) -> CheckResult:
    """Check the repository at ``root``; ``select``/``ignore`` are codes or code prefixes."""
    schemas = Schemas.load(root / "schemas")
    paths = [p for p in data_files(root) if p.suffix in (".yaml", ".yml")]
    documents, findings = load_all(root, paths)
    repo, problems = model_of(schemas, documents, findings)
    findings.extend(problems)
    findings.extend(run_rules(Context(repo, today)))
    if extra is not None:
        findings.extend(extra(repo))
    chosen = [f for f in findings if _wanted(f.code, select, ignore)]
    texts = {d.path: d.text for d in documents}
    return CheckResult(locate(chosen, texts), repo, len(paths))


def model_of(
    schemas: Schemas, documents: Sequence[Document], failed: Iterable[Finding]
) -> tuple[Repository, list[Finding]]:
    """The model of the documents that pass their schemas, and the findings of the rest.

    ``failed`` are the findings of files that did not load, so that their ids count as broken.
    """
    findings: list[Finding] = []
    valid: list[tuple[str, Document]] = []
    broken = {_broken_key(f.path) for f in failed}
    for document in documents:
        kind = kind_of(document.path)
        if kind is None:
            findings.append(
                Finding(
                    document.path,
                    1,
                    1,
                    "PC009",
                    "not a known data file",
                    hint=_placement_hint(document.path),
                )
            )
            continue
        problems = schemas.check(document, kind)
        if problems:
            findings.extend(problems)
            broken.add(_broken_key(document.path))
        else:
            valid.append((kind, document))
    return build(valid, broken), findings


def _broken_key(path: str) -> tuple[str, str]:
    """What a broken file would have defined, so that references to it are not repeated."""
    kind = kind_of(path) or ""
    family = {"person": "person", "unit": "unit", "position": "position", "cycle": "cycle"}
    if kind in family:
        return family[kind], stem(path) if kind != "cycle" else path.split("/")[1]
    if kind.endswith("-goals"):
        return "goals", stem(path)
    return kind, stem(path)


def _placement_hint(path: str) -> str:
    if path.endswith(".yml"):
        return "rename it to .yaml"
    if kind_of(_slugged(path)) is not None:
        return "file and folder names are ids: lower-case letters, digits and hyphens"
    return LAYOUT_HINT


def _slugged(path: str) -> str:
    """The path with every name turned into a plausible id, to tell a bad name from a bad place."""
    parts = path.removesuffix(".yaml").split("/")
    return "/".join(re.sub(r"[^a-z0-9-]+", "-", part.lower()).strip("-") or "x" for part in parts) + ".yaml"


def _wanted(code: str, select: Collection[str], ignore: Collection[str]) -> bool:
    if select and not any(code.startswith(s) for s in select):
        return False
    return not any(code.startswith(i) for i in ignore)
