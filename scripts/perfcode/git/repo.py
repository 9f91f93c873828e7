"""Repo: safe access to the git repository, and the data files of any commit as documents.

git always runs without a shell (gitpython passes an argument list), and every ref or path
that a user or a pull request controls goes after ``--end-of-options`` (refs) or ``--``
(paths), so that a branch named ``--output=x`` can never be read as an option
(https://git-scm.com/docs/gitcli). Trees are read from git's object database, never
checked out; each blob passes the same caps as a file on disk (size, links, UTF-8) and is
parsed once per process, cached by its blob id.
"""

from __future__ import annotations

import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Any

import git

from perfcode.cache import DocumentCache
from perfcode.check import model_of
from perfcode.errors import UsageError
from perfcode.findings import Finding
from perfcode.git.changes import MISSING
from perfcode.load import (
    DATA_DIRS,
    MAX_BYTES,
    Document,
    data_files,
    data_paths,
    link_finding,
    load_all,
    parse,
    suffix,
)
from perfcode.model import Repository
from perfcode.schema import Schemas, kind_of

SUFFIXES = (".yaml", ".yml")
WORKTREE = "working tree"
_LINK_MODE = 0o120000
_PARSED: dict[tuple[str, str], Document | Finding] = {}


@dataclass(frozen=True)
class Snapshot:
    """The data files of one version of the repository, parsed, and the model built from them.

    ``changed`` is set on a pull request's base read by :func:`base_for_change`: the paths
    that differ from the working tree. Its model then holds only org/, the cycles and those
    paths, which is all that judging the change needs.
    """

    label: str
    documents: tuple[Document, ...]
    failed: tuple[Finding, ...]
    paths: frozenset[str]
    repo: Repository
    changed: frozenset[str] | None = None


@dataclass(frozen=True)
class GitRepo:
    """A git repository and where the perfcode root sits in its work tree ("" or "dir/")."""

    repo: git.Repo
    prefix: str

    def run(self, *args: str) -> str:
        """git with these arguments, no shell; its output without the last newline."""
        if any("\0" in arg for arg in args):
            raise UsageError("an argument for git contains a NUL character")
        try:
            return str(self.repo.git.execute(["git", *args]))
        except git.GitCommandError as exc:
            raise UsageError(f"git {args[0]} failed: {str(exc.stderr).strip()}") from None

    def resolve(self, ref: str) -> str:
        """The full id of the commit a ref names (a branch, a tag, a commit id, HEAD^1 ...)."""
        if not ref or "\0" in ref:
            raise UsageError("an empty ref names no commit")
        try:
            return str(
                self.repo.git.execute(
                    ["git", "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"]
                )
            )
        except git.GitCommandError:
            raise UsageError(f"'{ref}' names no commit in this repository") from None

    def user_email(self) -> str | None:
        """``git config user.email``, or None when it is not set."""
        try:
            return str(self.repo.git.execute(["git", "config", "--get", "user.email"])) or None
        except git.GitCommandError:
            return None


def open_repo(root: Path) -> GitRepo:
    """The git repository that holds the perfcode root ``root``."""
    try:
        repo = git.Repo(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise UsageError(f"{root} is not inside a git repository") from None
    if repo.working_tree_dir is None:
        raise UsageError(f"{root} is in a bare git repository; run perfcode in a work tree")
    inside = root.resolve().relative_to(Path(repo.working_tree_dir).resolve()).as_posix()
    return GitRepo(repo, "" if inside == "." else f"{inside}/")


def snapshot_at(repo: GitRepo, sha: str, schemas: Schemas, cache: DocumentCache | None = None) -> Snapshot:
    """The data files of a commit, parsed, and the model of those that pass their schemas.

    With a cache, a blob already parsed and validated (by any earlier check) is not read.
    """
    documents: list[Document] = []
    failed: list[Finding] = []
    paths: set[str] = set()
    for blob in _data_blobs(repo, repo.repo.commit(sha).tree):
        rel = str(blob.path).removeprefix(repo.prefix)
        paths.add(rel)
        data = cache.get(blob.hexsha) if cache is not None and blob.mode != _LINK_MODE else None
        result = (
            Document(rel, "", data, blob.hexsha, cached=True) if data is not None else _load_blob(blob, rel)
        )
        if isinstance(result, Document):
            documents.append(result)
        else:
            failed.append(result)
    documents.sort(key=lambda d: d.path)
    model, _ = model_of(schemas, documents, failed, cache.put_document if cache is not None else None)
    return Snapshot(sha[:12], tuple(documents), tuple(failed), frozenset(paths), model)


def base_for_change(
    repo: GitRepo,
    root: Path,
    sha: str,
    schemas: Schemas,
    cache: DocumentCache | None,
    head: Mapping[str, str],
) -> Snapshot:
    """A pull request's base, read only as far as judging the change needs.

    ``head`` holds the blob ids of the working tree's files that git knows unchanged (from
    the index); a base file with the same id at the same path is unchanged and is not read.
    Every other path on either side is in ``changed``. The model holds org/ (roles), the
    cycles (phase locks) and the base side of the changed paths; at 10,000 people that is a
    fraction of a second where reading the whole base took as long as the check itself.
    """
    listing = _tree_blobs(root, sha)
    on_disk = {rel for rel in data_paths(root) if suffix(rel) in SUFFIXES}
    changed = frozenset(
        rel
        for rel in listing.keys() | on_disk
        if rel not in head or listing.get(rel, (0, ""))[1] != head[rel]
    )
    documents: list[Document] = []
    failed: list[Finding] = []
    for rel, (mode, hexsha) in sorted(listing.items()):
        if not (rel in changed or rel.startswith("org/") or kind_of(rel) == "cycle"):
            continue
        data = cache.get(hexsha) if cache is not None and mode != _LINK_MODE else None
        if data is not None:
            documents.append(Document(rel, "", data, hexsha, cached=True))
            continue
        blob = git.Blob(repo.repo, bytes.fromhex(hexsha), mode, f"{repo.prefix}{rel}")
        result = _load_blob(blob, rel)
        if isinstance(result, Document):
            documents.append(result)
        else:
            failed.append(result)
    model, _ = model_of(schemas, documents, failed, cache.put_document if cache is not None else None)
    return Snapshot(sha[:12], tuple(documents), tuple(failed), frozenset(listing), model, changed)


def _tree_blobs(root: Path, sha: str) -> dict[str, tuple[int, str]]:
    """(mode, blob id) of every data file of a commit, by path relative to ``root``.

    One ``git ls-tree`` (run in ``root``, so paths come relative to it); ``sha`` is a full
    commit id that :meth:`GitRepo.resolve` returned, never user text.
    """
    try:
        done = subprocess.run(
            ["git", "-C", str(root), "ls-tree", "-r", "-z", sha, "--", *DATA_DIRS],
            capture_output=True,
            check=True,
            timeout=120,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise UsageError(f"cannot list the files of commit {sha[:12]}: {exc}") from None
    found: dict[str, tuple[int, str]] = {}
    for record in done.stdout.split(b"\0"):
        meta, _, raw_name = record.partition(b"\t")
        parts = meta.split()
        rel = raw_name.decode("utf-8", "surrogateescape")
        if len(parts) == 3 and parts[1] == b"blob" and suffix(rel) in SUFFIXES:
            found[rel] = (int(parts[0], 8), parts[2].decode("ascii"))
    return found


def snapshot_of_worktree(root: Path, schemas: Schemas) -> Snapshot:
    """The data files as they are on disk, uncommitted changes included."""
    files = [p for p in data_files(root) if p.suffix in SUFFIXES]
    documents, failed = load_all(root, files, hashing=True)
    model, _ = model_of(schemas, documents, failed)
    paths = frozenset(p.relative_to(root).as_posix() for p in files)
    return Snapshot(WORKTREE, tuple(documents), tuple(failed), paths, model)


def load_at(repo: GitRepo, sha: str, name: str) -> Any:
    """The data of one file at a commit (``name`` relative to the work tree), or MISSING."""
    try:
        blob = repo.repo.commit(sha).tree / name
    except KeyError:
        return MISSING
    if not isinstance(blob, git.Blob):
        return MISSING
    result = _load_blob(blob, name.removeprefix(repo.prefix))
    return result.data if isinstance(result, Document) else MISSING


def _data_blobs(repo: GitRepo, tree: git.Tree) -> list[git.Blob]:
    blobs: list[git.Blob] = []
    for folder in DATA_DIRS:
        try:
            sub = tree / f"{repo.prefix}{folder}"
        except KeyError:
            continue
        if isinstance(sub, git.Tree):
            blobs += [
                item
                for item in sub.traverse()
                if isinstance(item, git.Blob)
                and (PurePosixPath(str(item.path)).suffix in SUFFIXES or item.mode == _LINK_MODE)
            ]
        elif isinstance(sub, git.Blob):
            blobs.append(sub)
    return sorted(blobs, key=lambda b: str(b.path))


def _load_blob(blob: git.Blob, rel: str) -> Document | Finding:
    key = (blob.hexsha, rel)
    if key not in _PARSED:
        _PARSED[key] = _read_blob(blob, rel)
    return _PARSED[key]


def _read_blob(blob: git.Blob, rel: str) -> Document | Finding:
    if blob.mode == _LINK_MODE:
        return link_finding(rel)
    if blob.size > MAX_BYTES:
        return Finding(
            rel,
            1,
            1,
            "PC004",
            f"the file is {blob.size:,} bytes, over the cap of {MAX_BYTES:,}",
            hint="split it: one entity per file",
        )
    try:
        text = blob.data_stream.read().decode("utf-8")
    except UnicodeDecodeError:
        return Finding(rel, 1, 1, "PC005", "the file is not valid UTF-8", hint="save it as UTF-8")
    result = parse(rel, text)
    return replace(result, blob=blob.hexsha) if isinstance(result, Document) else result
