"""Memo: the last whole check's findings, reused while nothing the check reads has changed.

``perfcode check`` is a pure function of what it reads: the data files, the schemas,
perfcode's own code and the libraries it parses and validates with, the date the rules
compare against, and the committed CODEOWNERS. A fingerprint of all of them keys the
findings of the last check in ``findings.json`` beside the document cache (in git's own
directory, :func:`perfcode.cache.cache_dir`); a check with the same
fingerprint reports them without loading a file (at 10,000 people: a fraction of a second
where loading, building and running every rule takes seconds).

The data files enter the fingerprint by git blob id (from the index for files git tracks
unchanged, hashed otherwise), so any edit, checkout, new or deleted file makes a new
fingerprint. A check with a file that cannot be read is never memoised; nor is the policy of a pull-request check (``--base``: it depends on the base
commit and the author), which is judged afresh after the whole check. The file is
rewritten atomically and a corrupt, foreign or stale one is ignored and replaced.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import os
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import astuple
from pathlib import Path

import orjson

import perfcode
from perfcode.cache import cache_dir
from perfcode.findings import Finding

FORMAT = 1
FILE_NAME = "findings.json"
_LIBRARIES = ("PyYAML", "jsonschema-rs", "jsonschema", "orjson")


def fingerprint(blobs: Iterable[tuple[str, str]], schemas_key: str, today: str, extra: bytes = b"") -> str:
    """The key of a check: its files as (path, blob id), schemas, date, code and ``extra``."""
    digest = hashlib.sha256(f"perfcode memo {FORMAT} {perfcode.__version__} {sys.version}".encode())
    for name in _LIBRARIES:
        with contextlib.suppress(importlib.metadata.PackageNotFoundError):
            digest.update(f"{name} {importlib.metadata.version(name)}\n".encode())
    digest.update(_code_digest())
    digest.update(f"{schemas_key}\n{today}\n".encode())
    digest.update(hashlib.sha256(extra).digest())
    for path, blob in blobs:
        digest.update(f"{path}\0{blob}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def _code_digest() -> bytes:
    """perfcode's own Python files: an edited rule must not be answered from the memo."""
    package = Path(perfcode.__file__).parent
    digest = hashlib.sha256()
    for file in sorted(package.rglob("*.py")):
        digest.update(file.relative_to(package).as_posix().encode() + b"\0" + file.read_bytes())
    return digest.digest()


def recall(root: Path, key: str) -> tuple[list[Finding], int] | None:
    """The findings and file count stored under ``key``, or None."""
    try:
        stored = orjson.loads((cache_dir(root) / FILE_NAME).read_bytes())
        if not isinstance(stored, dict) or stored.get("format") != FORMAT or stored.get("key") != key:
            return None
        findings = [
            Finding(path, line, column, code, message, severity, hint, tuple(pointer))
            for path, line, column, code, message, severity, hint, pointer in stored["findings"]
        ]
        files = stored["files"]
    except (OSError, orjson.JSONDecodeError, KeyError, TypeError, ValueError):
        return None
    return (findings, files) if isinstance(files, int) else None


def remember(root: Path, key: str, findings: Iterable[Finding], files: int) -> None:
    """Store a whole check's findings (before --select/--ignore) under ``key``; a cache
    folder that cannot be written is simply skipped."""
    body = orjson.dumps(
        {"format": FORMAT, "key": key, "files": files, "findings": [astuple(f) for f in findings]}
    )
    path = cache_dir(root) / FILE_NAME
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".findings-")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(body)
            os.replace(temporary, path)
        finally:
            Path(temporary).unlink(missing_ok=True)  # left only by a failed write
