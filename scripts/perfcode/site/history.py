"""The change log: approved changes to the organisation and the goals, from git history.

Approved changes are the commits on the first-parent line of the checked-out branch (each
merged pull request is one). Only commits touching ``org/`` or ``goals/`` are listed, with
the data files they changed; a commit that also changed ``reviews/`` keeps its files under
``reviews/`` and its message to itself, since both may say something private. Git is only
read, with fixed arguments (gitpython, no shell).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path, PurePosixPath
from typing import Any

import git

from perfcode.site.data import SiteData
from perfcode.site.links import CHANGES, Target, unit_page
from perfcode.site.render import Page

LIMIT = 200
PUBLIC = ("org/", "goals/")
_RECORD, _FIELD = "\x1e", "\x1f"


@dataclass(frozen=True)
class FileChange:
    path: str
    label: str
    target: Target | None


@dataclass(frozen=True)
class Change:
    sha: str
    date: str
    author: str
    subject: str | None
    files: list[FileChange]


def changes_page(data: SiteData) -> Page:
    return Page(CHANGES, "Change log", "changes.html", partial(_changes, data))


def _changes(data: SiteData) -> dict[str, Any]:
    log = read_log(data.root)
    return {
        "changes": [_change(data, *entry) for entry in log] if log is not None else None,
        "limit": LIMIT,
    }


def read_log(root: Path) -> list[tuple[str, str, str, str, list[str]]] | None:
    """(sha, date, author, subject, paths) of the latest approved data changes; None without git."""
    try:
        repo = git.Repo(root)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return None
    if not repo.head.is_valid():
        return []
    output = repo.git.log(
        "--first-parent",
        "--full-diff",
        "--name-only",
        "-z",
        f"--max-count={LIMIT}",
        f"--format={_RECORD}%H{_FIELD}%cs{_FIELD}%an{_FIELD}%s",
        "--",
        *(p.rstrip("/") for p in PUBLIC),
    )
    return [_entry(record) for record in output.split(_RECORD) if record.strip()]


def _entry(record: str) -> tuple[str, str, str, str, list[str]]:
    """One commit of ``git log -z``: its header, a NUL, then its paths each ended by a NUL.

    ``-z`` gives paths as they are: without it git quotes a path with a byte outside ASCII
    (``"reviews/notes-\\303\\251.txt"``), and a quoted review path would not start with
    ``reviews/`` (https://git-scm.com/docs/git-log#Documentation/git-log.txt--z).
    """
    head, _, rest = record.partition("\0")
    sha, date, author, subject = ([*head.split(_FIELD), "", "", "", ""])[:4]
    paths = [name for name in rest.lstrip("\n").split("\0") if name]
    return sha, date, author, subject, paths


def private(paths: list[str]) -> bool:
    """Whether a commit touched a review file, so that its message may say something private."""
    return any(p.startswith("reviews/") for p in paths)


def _change(data: SiteData, sha: str, date: str, author: str, subject: str, paths: list[str]) -> Change:
    shown = [_file(data, p) for p in paths if p.startswith(PUBLIC)]
    return Change(sha[:10], date, author, None if private(paths) else subject, shown)


def _file(data: SiteData, path: str) -> FileChange:
    parts = PurePosixPath(path).parts
    stem = PurePosixPath(path).stem
    repo = data.repo
    if parts[:2] == ("org", "people") and stem in repo.people and not data.gone(stem):
        person = repo.people[stem]
        return FileChange(path, person.name, Target(unit_page(person.unit), person.id))
    if parts[:2] == ("org", "units") and stem in repo.units:
        return FileChange(path, repo.units[stem].name, Target(unit_page(stem)))
    if (
        parts[0] == "goals"
        and len(parts) == 4
        and parts[2] == "people"
        and stem in repo.people
        and not data.gone(stem)
    ):
        person = repo.people[stem]
        return FileChange(
            path, f"goals of {person.name}, {parts[1]}", Target(unit_page(person.unit), person.id)
        )
    if parts[0] == "goals" and len(parts) == 4 and parts[2] == "units" and stem in repo.units:
        return FileChange(path, f"goals of {repo.units[stem].name}, {parts[1]}", Target(unit_page(stem)))
    return FileChange(path, path, None)
