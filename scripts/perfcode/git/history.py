"""History: who changed what, when, and through which pull request, from git alone.

Each commit that touched a data file is an *event*: its author (the person whose e-mail
matches, else the git author's name), whom they acted for (the manager or proxy of someone
without a GitHub account posting a check-in, an actual or the acknowledgement), its date, what it changed in the file (in the
words of :mod:`perfcode.git.diff`) and the pull request it came through. The number is
read from the commit's own subject after a squash merge ("Title (#12)"), or from the
merge commit that brought the commit into the first-parent line of HEAD ("Merge pull
request #12 from owner/branch"): walking that line from the oldest commit, the commits a
merge introduces are those reachable from its second parent and not yet seen.

A target is a path (a file or a folder), or a goal reference ``<owner>/<goal-id>``: the
goal in every cycle's file of that owner, and only the commits that changed that goal.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from perfcode.errors import UsageError, unknown
from perfcode.git.changes import MISSING, file_changes
from perfcode.git.diff import describe
from perfcode.git.markdown import plain
from perfcode.git.policy import proxied
from perfcode.git.repo import GitRepo, load_at
from perfcode.load import DATA_DIRS
from perfcode.model import Repository, stem
from perfcode.schema import kind_of

_SQUASH = re.compile(r"\(#(\d+)\)\s*$")
_MERGE = re.compile(r"^Merge pull request #(\d+) ")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_FORMAT = "%x1e%H%x1f%P%x1f%an%x1f%ae%x1f%aI%x1f%s"


@dataclass(frozen=True)
class Target:
    """What to show the history of: pathspecs, and a goal id when the target is a goal."""

    pathspecs: tuple[str, ...]
    goal: str | None = None
    owner: str | None = None


@dataclass(frozen=True)
class Event:
    commit: str
    date: str
    author: str
    email: str
    person: str | None
    pull_request: int | None
    subject: str
    path: str
    changes: tuple[str, ...]
    acted_for: str | None = None
    """The person a manager or proxy acted for: the file is theirs, the author someone else,
    and the change one made for someone without a GitHub account (a check-in, an actual,
    the acknowledgement)."""


def target_of(repo: GitRepo, model: Repository, argument: str | None) -> Target:
    """A path that exists (on disk or in the history), else a goal reference, else an error."""
    if argument is None:
        return Target(tuple(f":(literal){repo.prefix}{d}" for d in DATA_DIRS))
    path = argument.strip("/")
    if _known_path(repo, path):
        return Target((f":(literal){repo.prefix}{path}",))
    owner, _, goal = argument.partition("/")
    if not (_SLUG.match(owner) and _SLUG.match(goal)):
        raise UsageError(
            f"'{argument}' is neither a path in the repository nor a goal reference <owner>/<goal-id>"
        )
    if owner != "company" and owner not in model.people and owner not in model.units:
        raise unknown(
            "person or unit", owner, [*model.people, *model.units, "company"], "org/people/ and org/units/"
        )
    files = ("company.yaml",) if owner == "company" else (f"people/{owner}.yaml", f"units/{owner}.yaml")
    return Target(tuple(f":(glob){repo.prefix}goals/*/{f}" for f in files), goal, owner)


def goals_of(model: Repository, owner: str) -> set[str]:
    """The ids of the goals an owner has in any cycle of the model, closed ones included."""
    found = {g.id for f in model.goal_files if f.owner == owner for g in f.goals}
    for sealed in model.sealed.values():
        for path, data in sealed.documents.items():
            if path.startswith("goals/") and isinstance(data, dict) and data.get("owner") == owner:
                found.update(str(g.get("id")) for g in data.get("goals") or () if isinstance(g, dict))
    return found


def _known_path(repo: GitRepo, path: str) -> bool:
    if PurePosixPath(path).is_absolute() or ".." in PurePosixPath(path).parts:
        raise UsageError(f"'{path}' is not a path inside the repository")
    work = repo.repo.working_tree_dir
    if work is not None and (Path(work) / f"{repo.prefix}{path}").exists():
        return True
    if not repo.repo.head.is_valid():
        return False
    return bool(repo.run("log", "-1", "--format=%H", "HEAD", "--", f":(literal){repo.prefix}{path}"))


def events(repo: GitRepo, model: Repository, target: Target) -> Iterator[Event]:
    """The events of a target, newest first."""
    if not repo.repo.head.is_valid():
        return
    numbers = pull_requests(repo)
    emails = {p.email.lower(): p.id for p in model.people.values()}
    log = repo.run(
        "log", f"--format={_FORMAT}", "--name-only", "--no-renames", "-z", "HEAD", "--", *target.pathspecs
    )
    for record in log.split("\x1e"):
        if not record.strip("\0\n"):
            continue
        header, _, names = record.partition("\0")
        sha, parents, author, email, date, subject = header.split("\x1f", 5)
        for name in (n for n in names.lstrip("\n").split("\0") if n):
            path = name.removeprefix(repo.prefix)
            changes, for_whom = _changes(repo, sha, parents.split()[:1], name, path, target.goal)
            if target.goal is None or changes:
                person = emails.get(email.lower())
                acted_for = for_whom if for_whom not in (None, person) and person is not None else None
                number = numbers.get(sha)
                yield Event(sha, date, author, email, person, number, subject, path, changes, acted_for)


def _changes(
    repo: GitRepo, sha: str, parents: list[str], name: str, path: str, goal: str | None
) -> tuple[tuple[str, ...], str | None]:
    """What a commit changed in a file, in words, and whose the file is when every change
    is one a manager or proxy may make for its person (:func:`perfcode.git.policy.proxied`)."""
    kind = kind_of(path) or "other"
    old: Any = load_at(repo, parents[0], name) if parents else MISSING
    new: Any = load_at(repo, sha, name)
    if goal is None and (old is MISSING or new is MISSING):
        return ("file added" if old is MISSING else "file removed",), None
    changes = file_changes(path, old, new)
    if goal is not None:
        changes = [c for c in changes if c.keys[:2] == ("goals", goal)]
    whose = stem(path) if changes and all(proxied(kind, c.keys) for c in changes) else None
    return tuple(plain(describe(kind, c, old, new)) for c in changes), whose


def pull_requests(repo: GitRepo) -> dict[str, int]:
    """Commit id -> pull request number, for every commit reachable from HEAD."""
    graph: dict[str, tuple[list[str], str]] = {}
    for line in repo.run("log", "--format=%H%x1f%P%x1f%s", "HEAD").splitlines():
        sha, parent_ids, subject = line.split("\x1f", 2)
        graph[sha] = (parent_ids.split(), subject)
    numbers: dict[str, int] = {}
    for sha, (_, subject) in graph.items():
        squash = _SQUASH.search(subject)
        if squash:
            numbers[sha] = int(squash.group(1))
    seen: set[str] = set()
    for sha in reversed(_first_parents(graph, repo.resolve("HEAD"))):
        parents, subject = graph[sha]
        merge = _MERGE.match(subject)
        for introduced in _introduced(graph, parents[1:], seen):
            if merge and introduced not in numbers:
                numbers[introduced] = int(merge.group(1))
        if merge:
            numbers[sha] = int(merge.group(1))
        seen.add(sha)
    return numbers


def _first_parents(graph: dict[str, tuple[list[str], str]], head: str) -> list[str]:
    line: list[str] = []
    current: str | None = head
    while current is not None and current in graph:
        line.append(current)
        parents = graph[current][0]
        current = parents[0] if parents else None
    return line


def _introduced(graph: dict[str, tuple[list[str], str]], starts: list[str], seen: set[str]) -> list[str]:
    """Commits reachable from ``starts`` and not yet ``seen``; they are marked seen."""
    found: list[str] = []
    stack = [s for s in starts if s not in seen]
    while stack:
        sha = stack.pop()
        if sha in seen or sha not in graph:
            continue
        seen.add(sha)
        found.append(sha)
        stack += graph[sha][0]
    return found
