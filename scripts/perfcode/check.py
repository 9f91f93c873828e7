"""Check: the whole pipeline from files to located findings.

load -> schema -> model -> rules -> locate. Problems stay values until the CLI prints
them; a file that fails to load or to match its schema is left out of the model, so one
broken file never hides the problems of the others.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from perfcode import memo
from perfcode.build import build
from perfcode.cache import DocumentCache, encode, index_blobs
from perfcode.crypt.keys import Identity
from perfcode.crypt.opening import Opened, held_identities, open_for_model
from perfcode.findings import Finding
from perfcode.load import (
    Document,
    blob_id,
    data_paths,
    load_all,
    load_each,
    load_file,
    read_bytes,
    read_text,
    suffix,
)
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
    use_cache: bool = True,
) -> CheckResult:
    """Check the repository at ``root``; ``select``/``ignore`` are codes or code prefixes."""
    with _collector_paused():
        schemas = Schemas.load(root / "schemas")
        blobs = index_blobs(root) if use_cache else None
        return _run_check(root, today, select, ignore, extra, schemas, _data_paths(root), blobs)


def _data_paths(root: Path) -> list[str]:
    """The data files, and every link among them whatever its name (a link to a folder too)."""
    return [
        rel
        for rel in data_paths(root)
        if suffix(rel) in (".yaml", ".yml") or os.path.islink(os.path.join(root, rel))
    ]


def check_repository(
    root: Path,
    today: str,
    select: Collection[str] = (),
    ignore: Collection[str] = (),
    extra: Extra | None = None,
    extra_key: bytes = b"",
) -> tuple[list[Finding], int]:
    """A whole check's findings and file count, from the memo when nothing it reads changed.

    ``extra_key`` stands for whatever ``extra`` reads besides the model (the committed
    CODEOWNERS); see :mod:`perfcode.memo` for what else the key covers.
    """
    with _collector_paused():
        blobs = index_blobs(root)
        paths = _data_paths(root)
        schemas = Schemas.load(root / "schemas")
        key = None
        # Findings made with an identity may quote decrypted values: never remembered.
        if blobs is not None and not held_identities()[0]:
            known = {rel: blobs.get(rel) or _hash(root, rel) for rel in paths}
            readable = {rel: blob for rel, blob in known.items() if blob is not None}
            if len(readable) == len(known):
                key = memo.fingerprint(readable.items(), schemas.key, today, extra_key)
                if (found := memo.recall(root, key)) is not None:
                    return [f for f in found[0] if wanted(f.code, select, ignore)], found[1]
            blobs = readable
        result = _run_check(root, today, (), (), extra, schemas, paths, blobs)
        if key is not None:
            memo.remember(root, key, result.findings, result.files)
        return [f for f in result.findings if wanted(f.code, select, ignore)], result.files


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while the pipeline builds its (acyclic) objects.

    Parsing and building the model create millions of small objects and no cycles; the
    collector would re-scan them again and again (measured at 10,000 people: the cold
    check 38 s with it, 25 s without). It resumes as soon as the check is done, with what
    the check made frozen (moved out of its view): otherwise its first pass after resuming
    walks every one of those objects at once (1.5 s at 10,000 people). Frozen objects are
    still freed as soon as nothing refers to them.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.enable()


def _run_check(
    root: Path,
    today: str,
    select: Collection[str],
    ignore: Collection[str],
    extra: Extra | None,
    schemas: Schemas,
    paths: list[str],
    blobs: Mapping[str, str] | None,
) -> CheckResult:
    """The check proper; ``blobs`` None runs it without the document cache."""
    cache = DocumentCache.open(root, schemas.key) if blobs is not None else None
    documents, findings = _load(root, paths, cache, blobs or {}, schemas)
    repo, problems = model_of(schemas, documents, findings, cache.put_document if cache else None)
    if cache is not None:
        cache.save()
    findings.extend(problems)
    findings.extend(run_rules(Context(repo, today)))
    if extra is not None:
        findings.extend(extra(repo))
    chosen = [f for f in findings if wanted(f.code, select, ignore)]
    texts = _Texts(root, {d.path: d for d in documents})
    return CheckResult(locate(chosen, texts), repo, len(paths))


def _load(
    root: Path,
    paths: list[str],
    cache: DocumentCache | None,
    blobs: Mapping[str, str],
    schemas: Schemas,
) -> tuple[list[Document], list[Finding]]:
    """Documents from the cache where their blob is known and stored; the rest parsed.

    ``paths`` are relative to ``root``. A parsed document that passes its schema comes back
    from the parse (on any core) as its cache entry: decoding it costs a fraction of sending
    its text and data between processes.
    """
    if cache is None:
        return load_all(root, [root / rel for rel in paths])
    documents: list[Document] = []
    to_parse: list[Path] = []
    for rel in paths:
        blob = blobs.get(rel) or _hash(root, rel)
        data = cache.get(blob) if blob is not None else None
        if blob is not None and data is not None:
            documents.append(Document(rel, "", data, blob, True))
        else:
            to_parse.append(root / rel)
    findings: list[Finding] = []
    at = (str(root / "schemas"), schemas.key)
    _SCHEMAS[at] = schemas
    try:
        parsed = load_each(root, to_parse, hashing=True, then=functools.partial(_prepare, at))
    finally:
        del _SCHEMAS[at]
    for path, result in zip(to_parse, parsed, strict=True):
        if isinstance(result, _Valid):
            data = cache.adopt(result.blob, result.entry)
            result = (
                Document(result.path, "", data, result.blob, True)
                if data is not None
                else load_file(root, path)
            )
        if isinstance(result, Document):
            documents.append(result)
        elif isinstance(result, Finding):
            findings.append(result)
    return sorted(documents, key=lambda d: d.path), findings


@dataclass(frozen=True)
class _Valid:
    """A parsed document that passed its schema, as its cache entry (see :func:`_prepare`)."""

    path: str
    blob: str
    entry: bytes


_SCHEMAS: dict[tuple[str, str], Schemas] = {}
"""The schemas of the check in progress, by (folder, key), for :func:`_prepare`: forked
parse workers inherit them, so they are neither sent nor built again."""


def _prepare(at: tuple[str, str], document: Document) -> Document | _Valid:
    """Where a document was parsed: its cache entry if it passes its schema, else itself
    (its problems are found in the check's own process, with the detailed validator)."""
    schemas = _SCHEMAS.get(at)
    kind = kind_of(document.path)
    if schemas is None or kind is None or document.blob is None or not schemas.valid(document.data, kind):
        return document
    entry = encode(document.data)
    return document if entry is None else _Valid(document.path, document.blob, entry)


def _hash(root: Path, rel: str) -> str | None:
    """The blob id of a file git does not know as it is (None when it cannot be read)."""
    raw = read_bytes(root, root / rel, rel)
    return None if isinstance(raw, Finding) else blob_id(raw)


class _Texts(Mapping[str, str]):
    """Documents' texts by path, read again only for cached documents that have findings."""

    def __init__(self, root: Path, documents: Mapping[str, Document]) -> None:
        self._root, self._documents = root, documents

    def __getitem__(self, path: str) -> str:
        return read_text(self._root, self._documents[path])

    def __iter__(self) -> Iterator[str]:
        return iter(self._documents)

    def __len__(self) -> int:
        return len(self._documents)


def model_of(
    schemas: Schemas,
    documents: Sequence[Document],
    failed: Iterable[Finding],
    on_valid: Callable[[Document], None] | None = None,
) -> tuple[Repository, list[Finding]]:
    """The model of the documents that pass their schemas, and the findings of the rest.

    ``failed`` are the findings of files that did not load, so that their ids count as broken.
    """
    findings: list[Finding] = []
    valid: list[tuple[str, Document]] = []
    broken = {_broken_key(f.path) for f in failed}
    opened, keys = Opened(), _identities(findings)
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
        problems = [] if document.cached else schemas.check(document, kind)
        if problems:
            findings.extend(problems)
            broken.add(_broken_key(document.path))
            continue
        # The cache keeps the document as written; only the model sees it opened.
        if on_valid is not None and not document.cached:
            on_valid(document)
        plain = open_for_model(kind, document, schemas.valid, opened, keys)
        if plain is None:
            broken.add(_broken_key(document.path))
        else:
            valid.append((kind, plain))
    findings.extend(opened.findings)
    return build(valid, broken, opened.written, opened.hidden), findings


def _identities(findings: list[Finding]) -> tuple[Identity, ...]:
    """This user's identities; a finding when the configured ones cannot be used."""
    keys, problem = held_identities()
    if problem is not None:
        findings.append(replace(problem, path="PERFCODE_IDENTITY", line=1, column=1))
    return keys


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


def wanted(code: str, select: Collection[str], ignore: Collection[str]) -> bool:
    """Whether --select and --ignore (codes or code prefixes) keep a finding's code."""
    if select and not any(code.startswith(s) for s in select):
        return False
    return not any(code.startswith(i) for i in ignore)
