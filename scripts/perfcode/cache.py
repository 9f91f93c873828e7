"""Cache: parsed, schema-valid documents keyed by git blob id.

A file that git already tracks and that is unchanged in the working tree has a blob id in
the index (``git ls-files -s``), so it is neither read nor hashed: its document comes
straight from the cache. Any other file is read and hashed the way git hashes blobs, so an
edit, a checkout or a new file each get their own entry.

The cache lives where nothing committed can reach it (:func:`cache_dir`): inside git's own
directory (``.git/perfcode/``), which no commit can write to, never in the work tree, where
a pull request could plant a folder, or a link named like the cache, holding forged
documents under the blob ids of the real files.

Only documents that parsed and passed their schema are stored, under a key made of the
schemas' contents and the loader's version: a changed schema invalidates everything it
validated. The file is JSON (read with orjson); decimals are stored as strings with the
pointers to them, so numbers come back exactly. A corrupt, truncated or foreign file is
discarded and rebuilt, never trusted; a cache that cannot be written is simply skipped.

The one git call is a fixed plumbing command run directly (not through gitpython, whose
import alone costs more than a warm check of the example company).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import subprocess
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import orjson

from perfcode import __version__, load, strict_yaml
from perfcode.load import DATA_DIRS, Document

FORMAT = 1
FILE_NAME = "documents.json"
CACHE_DIR_VARIABLE = "PERFCODE_CACHE_DIR"
_REGULAR_FILES = ("100644", "100755")

Pointer = list[str | int]


def cache_dir(root: Path) -> Path:
    """The folder of perfcode's caches for the repository at ``root``.

    ``$PERFCODE_CACHE_DIR`` when set (a CI job that restores a saved cache); otherwise
    ``perfcode/`` in git's common directory (shared by worktrees); for a folder outside
    git, a folder of the user's cache named after the repository's path.
    """
    chosen = os.environ.get(CACHE_DIR_VARIABLE)
    return Path(chosen) if chosen else _default_cache_dir(str(root.resolve()))


@functools.cache
def _default_cache_dir(root: str) -> Path:
    try:
        done = subprocess.run(
            ["git", "-C", root, "rev-parse", "--path-format=absolute", "--git-common-dir"],
            capture_output=True,
            check=True,
            timeout=60,
        )
        return Path(os.fsdecode(done.stdout.rstrip(b"\n"))) / "perfcode"
    except (OSError, subprocess.SubprocessError):
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        return (
            Path(base) / "perfcode" / hashlib.sha256(root.encode("utf-8", "surrogateescape")).hexdigest()[:16]
        )


def index_blobs(root: Path) -> dict[str, str] | None:
    """Blob ids of the data files that git tracks and the working tree has not changed.

    Only regular files count: a link is read (and refused) by the loader, never taken
    from the cache. None is kept for callers that must not use the cache.
    """

    def git(*args: str) -> bytes:
        paths = list(DATA_DIRS)
        done = subprocess.run(
            ["git", "-C", str(root), *args, "--", *paths], capture_output=True, check=True, timeout=60
        )
        return done.stdout

    try:
        staged, changed = git("ls-files", "-s", "-z"), git("diff-files", "--name-only", "-z")
    except (OSError, subprocess.SubprocessError):
        return {}
    dirty = set(changed.split(b"\0"))
    blobs: dict[str, str] = {}
    for record in staged.split(b"\0"):
        meta, _, raw_name = record.partition(b"\t")
        parts, name = meta.split(), raw_name.decode("utf-8", "surrogateescape")
        if (
            len(parts) == 3
            and parts[0].decode() in _REGULAR_FILES
            and parts[2] == b"0"
            and raw_name not in dirty
        ):
            blobs[name] = parts[1].decode()
    return blobs


def cache_key(schema_texts: Iterable[bytes]) -> str:
    """What a stored document was validated with: the schemas and the loader's own code."""
    digest = hashlib.sha256(f"perfcode {__version__} format {FORMAT}".encode())
    for module in (load, strict_yaml):
        digest.update(hashlib.sha256(Path(module.__file__ or "").read_bytes()).digest())
    for text in schema_texts:
        digest.update(hashlib.sha256(text).digest())
    return digest.hexdigest()


class _Entries(Mapping[str, bytes]):
    """The entries of a cache file by blob id: offsets into the file's bytes, each entry
    copied out only when asked for (at 100,000 people, holding every line as bytes of its
    own would cost gigabytes more)."""

    def __init__(self, raw: bytes = b"", start: int = 0) -> None:
        self.raw = raw
        self.spans: dict[str, tuple[int, int]] = {}
        position, end = start, len(raw)
        while position < end:
            stop = raw.find(b"\n", position)
            stop = end if stop < 0 else stop
            tab = raw.find(b"\t", position, stop)
            if tab > position:
                self.spans[raw[position:tab].decode("ascii", "replace")] = (tab + 1, stop)
            position = stop + 1

    def __getitem__(self, blob: str) -> bytes:
        start, stop = self.spans[blob]
        return self.raw[start:stop]

    def __iter__(self) -> Iterator[str]:
        return iter(self.spans)

    def __len__(self) -> int:
        return len(self.spans)

    def view(self, blob: str) -> memoryview:
        """An entry without copying it (for writing the file again)."""
        start, stop = self.spans[blob]
        return memoryview(self.raw)[start:stop]


@dataclass
class DocumentCache:
    """Documents by blob id; ``save`` writes what this run used, dropping the rest.

    The file is a header line (format and key) and then one line per document: its blob
    id, a tab, and the document as JSON. Lines are parsed only when their blob is asked
    for, and each time afresh, so no caller can alter what another gets.
    """

    path: Path
    key: str
    stored: _Entries = field(default_factory=_Entries)
    used: dict[str, bytes | None] = field(default_factory=dict)
    """What this run used: new entries as bytes, stored ones as None (kept in ``stored``)."""

    @classmethod
    def open(cls, root: Path, key: str) -> DocumentCache:
        path = cache_dir(root) / FILE_NAME
        try:
            raw = path.read_bytes()
            header = raw[: raw.find(b"\n")] if b"\n" in raw else raw
            valid = orjson.loads(header) == {"format": FORMAT, "key": key}
        except (OSError, orjson.JSONDecodeError):
            valid = False
        if not valid:
            return cls(path, key)
        return cls(path, key, _Entries(raw, len(header) + 1))

    def get(self, blob: str) -> Any | None:
        """The document stored for a blob, or None (also for an entry that does not decode)."""
        entry = self.stored.get(blob)
        data = _decode(entry) if entry is not None else None
        if data is not None:
            self.used.setdefault(blob, None)
        return data

    def adopt(self, blob: str, entry: bytes) -> Any | None:
        """Store an entry made by :func:`encode` (in a parse worker) and return its data."""
        data = _decode(entry)
        if data is not None:
            self.used[blob] = entry
        return data

    def put(self, blob: str, data: Any) -> None:
        entry = encode(data)
        if entry is not None:
            self.used[blob] = entry

    def put_document(self, document: Document) -> None:
        """Store a document that passed its schema, under its blob id."""
        if document.blob is not None:
            self.put(document.blob, document.data)

    def save(self, prune: bool = True) -> None:
        """Write what this run used, and what it did not use while the file stays small.

        Entries of other branches' files (a pull request's base) survive until the file
        holds twice what one run uses. A partial read (a pull request's base: org/ and the
        changed files) saves with ``prune=False``, keeping every stored entry.
        """
        keep = set(self.used)
        if not prune or len(self.stored) + len(self.used) <= 2 * max(len(self.used), 1):
            keep |= self.stored.spans.keys()
        if keep == self.stored.spans.keys():
            return
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".documents-")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(orjson.dumps({"format": FORMAT, "key": self.key}) + b"\n")
                    for blob in sorted(keep):
                        entry = self.used.get(blob)
                        out.write(blob.encode("ascii") + b"\t")
                        out.write(entry if entry is not None else self.stored.view(blob))
                        out.write(b"\n")
                os.replace(temporary, self.path)
            finally:
                Path(temporary).unlink(missing_ok=True)  # left only by a failed write


class _Unencodable(Exception):
    pass


def encode(data: Any) -> bytes | None:
    """JSON of [data with decimals as strings, pointers to them]; None for what JSON cannot hold."""
    pointers: list[Pointer] = []

    def walk(node: Any, pointer: Pointer) -> Any:
        if isinstance(node, Decimal):
            pointers.append(pointer)
            return str(node)
        if isinstance(node, dict):
            if not all(isinstance(key, str) for key in node):
                raise _Unencodable
            return {key: walk(value, [*pointer, key]) for key, value in node.items()}
        if isinstance(node, list):
            return [walk(item, [*pointer, i]) for i, item in enumerate(node)]
        return node

    try:
        return orjson.dumps([walk(data, []), pointers])
    except (_Unencodable, TypeError, orjson.JSONEncodeError):
        return None


def _decode(entry: bytes) -> Any | None:
    try:
        data, pointers = orjson.loads(entry)
        for pointer in pointers:
            *parents, last = pointer
            node = data
            for part in parents:
                node = node[part]
            node[last] = Decimal(node[last])
        return data
    except (orjson.JSONDecodeError, TypeError, ValueError, KeyError, IndexError, InvalidOperation):
        return None
