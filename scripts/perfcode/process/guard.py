"""Guard: check pending changes with the full pipeline before writing any of them.

A command that writes files (a check-in, a new goal, an import, a new cycle) first checks
the repository as it would be after the change: the files on disk with the pending texts
in place of theirs (``None`` for a file about to be deleted). Only findings the change
*adds* count against it, so an unrelated problem elsewhere never blocks a check-in; a
finding is the same before and after when it has the same file, code and place. If the
change adds an error, nothing is written and the caller shows the located findings.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from perfcode.check import CheckResult, model_of
from perfcode.edit import write_files
from perfcode.findings import Finding
from perfcode.load import DATA_DIRS, Document, data_files, load_file, parse
from perfcode.locate import locate
from perfcode.rules import Context, run_rules
from perfcode.schema import Schemas

Pending = Mapping[str, str | None]
"""Repository-relative path -> the text it is about to get, or None: about to be deleted."""


@dataclass(frozen=True)
class Outcome:
    """What a guarded write did: the findings the change adds, and whether it was written."""

    added: tuple[Finding, ...]
    written: bool
    tolerated: tuple[str, ...] = ()

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The added errors that block the change (tolerated codes do not)."""
        return tuple(f for f in self.added if f.severity == "error" and not f.code.startswith(self.tolerated))


def check_pending(root: Path, today: str, pending: Pending) -> CheckResult:
    """``perfcode check`` of the repository as it would be with the pending changes."""
    schemas = Schemas.load(root / "schemas")
    documents: list[Document] = []
    failed: list[Finding] = []
    for result in _load(root, pending):
        if isinstance(result, Document):
            documents.append(result)
        else:
            failed.append(result)
    repo, problems = model_of(schemas, documents, failed)
    findings = [*failed, *problems, *run_rules(Context(repo, today))]
    texts = {d.path: d.text for d in documents}
    return CheckResult(locate(findings, texts), repo, len(documents) + len(failed))


def _load(root: Path, pending: Pending) -> Iterator[Document | Finding]:
    on_disk = [p for p in data_files(root) if p.suffix in (".yaml", ".yml")]
    seen: set[str] = set()
    for path in on_disk:
        rel = path.relative_to(root).as_posix()
        seen.add(rel)
        if rel not in pending:
            yield load_file(root, path)
        elif (text := pending[rel]) is not None:
            yield parse(rel, text)
    for rel in sorted(set(pending) - seen):
        if (text := pending[rel]) is not None and _is_data(rel):
            yield parse(rel, text)


def _is_data(rel: str) -> bool:
    """Whether ``perfcode check`` reads the file: YAML below org/, goals/ or reviews/."""
    return rel.split("/", 1)[0] in DATA_DIRS and rel.endswith((".yaml", ".yml"))


def added_findings(before: CheckResult, after: CheckResult) -> list[Finding]:
    """The findings of ``after`` that ``before`` did not have."""
    known = {_key(f) for f in before.findings}
    return [f for f in after.findings if _key(f) not in known]


def _key(finding: Finding) -> tuple[object, ...]:
    where: object = finding.pointer if finding.pointer else finding.message
    return finding.path, finding.code, where


def write_checked(
    root: Path,
    today: str,
    pending: Pending,
    tolerate: Collection[str] = (),
    dry_run: bool = False,
    before: CheckResult | None = None,
) -> Outcome:
    """Write the pending changes unless they add an error whose code is not tolerated (or
    ``dry_run``); ``before`` is the check of the repository as it is, if the caller has it."""
    before = before or check_pending(root, today, {})
    added = tuple(added_findings(before, check_pending(root, today, pending)))
    outcome = Outcome(added, False, tuple(tolerate))
    if dry_run or outcome.errors:
        return outcome
    write(root, pending)
    return Outcome(added, True, tuple(tolerate))


def write(root: Path, pending: Pending) -> None:
    """Write (atomically) or delete the pending files, every one or none (see :func:`write_files`)."""
    write_files({root / rel: text for rel, text in sorted(pending.items())})
