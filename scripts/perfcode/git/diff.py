"""Diff: what a change means, for a manager reading a pull request.

Compares the data files of two versions (:mod:`perfcode.git.changes`) and says, file by
file, what happened in the words of the domain: goals added, removed or re-aligned;
targets, thresholds and weights changed (old -> new); check-ins and actuals recorded;
assessments, calibrations and final ratings changed. Then the effect on scores: each
affected cycle is scored in both versions (:func:`perfcode.scoring.cycle.score_cycle`),
and every person, unit and company score or rating that moved is listed; and notes such as goal weights that no longer sum
to 100. Rendering lives in :mod:`perfcode.git.summary`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from perfcode import records
from perfcode.findings import Finding
from perfcode.git.changes import MISSING, Change, entry, file_changes, show
from perfcode.git.markdown import Code, Phrase
from perfcode.git.repo import Snapshot
from perfcode.model import GoalFile, Repository, cycle_of
from perfcode.schema import kind_of
from perfcode.scoring.cycle import score_cycle
from perfcode.scoring.output import payload

KEY_RESULT_VALUES = ("baseline", "threshold", "target", "stretch", "weight", "actual")
TEXT_LIMIT = 200
"""Texts longer than a title are cut in the diff: the file holds them whole."""


@dataclass(frozen=True)
class FileReport:
    path: str
    kind: str
    status: str
    lines: tuple[Phrase, ...]
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class ScoreChange:
    """A score or rating that moved: of a person, a unit or the company."""

    cycle: str
    level: str
    subject: str
    measure: str
    before: str | None
    after: str | None
    projected: bool


@dataclass(frozen=True)
class Report:
    base: str
    head: str
    files: tuple[FileReport, ...]
    scores: tuple[ScoreChange, ...]
    notes: tuple[Phrase, ...]


def compare(base: Snapshot, head: Snapshot, today: str) -> Report:
    """What changed from ``base`` to ``head``, and what it does to scores."""
    old = {d.path: d.data for d in base.documents}
    new = {d.path: d.data for d in head.documents}
    files = [
        report
        for path in _changed_paths(base, head)
        if (report := _file_report(path, old.get(path, MISSING), new.get(path, MISSING), base, head))
    ]
    cycles = _affected(base, head, [f.path for f in files])
    scores, notes = _score_changes(base, head, cycles, today)
    return Report(
        base.label, head.label, tuple(files), tuple(scores), (*notes, *_weight_notes(base, head, files))
    )


def _changed_paths(base: Snapshot, head: Snapshot) -> list[str]:
    """The paths whose bytes differ (by git blob id): only they are compared key by key."""
    before = {d.path: d.blob for d in base.documents}
    after = {d.path: d.blob for d in head.documents}
    return sorted(
        path
        for path in base.paths | head.paths
        if before.get(path) is None or after.get(path) is None or before[path] != after[path]
    )


def _file_report(path: str, old: Any, new: Any, base: Snapshot, head: Snapshot) -> FileReport | None:
    kind = kind_of(path) or "other"
    status = "added" if path not in base.paths else "removed" if path not in head.paths else "changed"
    unreadable = (path in base.paths and old is MISSING) or (path in head.paths and new is MISSING)
    if unreadable and _failure(base, path) == _failure(head, path):
        return None
    if unreadable:
        return FileReport(
            path, kind, status, (("the file does not load in one version; see perfcode check",),), ()
        )
    changes = tuple(file_changes(path, old, new))
    if not changes:
        return None
    return FileReport(path, kind, status, tuple(describe(kind, c, old, new) for c in changes), changes)


def _failure(snapshot: Snapshot, path: str) -> Finding | None:
    """Why a file did not load in a version, so an unchanged broken file is not reported."""
    return next((f for f in snapshot.failed if f.path == path), None)


def describe(kind: str, change: Change, old: Any, new: Any) -> Phrase:
    """One change in the words of the domain, or its field and values."""
    phrase: Phrase | None = None
    if kind.endswith("-goals"):
        phrase = _goal_phrase(change)
    elif kind == "review":
        phrase = _review_phrase(change, old, new)
    elif kind == "coaching":
        return _coaching_phrase(change)
    return phrase or (Code(change.field), " ", *happened(change))


def _coaching_phrase(change: Change) -> Phrase:
    """A coaching record's change without its words: they are confidential, and a job
    summary is read by everyone who can read the repository."""
    keys = change.keys
    if keys[:1] != ("conversations",) or len(keys) < 2:
        return (Code(change.field), f" {change.kind}")
    part = f" {keys[2]}" if len(keys) > 2 else ""
    return ("coaching conversation ", Code(keys[1]), f"{part} {change.kind}")


def value(item: Any) -> str | Code:
    """A number as it is (it cannot hold markup); anything else as literal text."""
    if isinstance(item, int | Decimal) and not isinstance(item, bool):
        return show(item)
    return Code(show(item, TEXT_LIMIT))


def happened(change: Change) -> Phrase:
    if change.kind == "changed":
        return (value(change.old), " -> ", value(change.new))
    if change.kind == "added":
        return ("added",) if isinstance(change.new, Mapping) else ("set to ", value(change.new))
    return ("removed",) if isinstance(change.old, Mapping) else ("removed (was ", value(change.old), ")")


def _goal_phrase(change: Change) -> Phrase | None:
    keys = change.keys
    if keys[:1] != ("goals",) or len(keys) < 2:
        return None
    goal = Code(keys[1])
    if len(keys) == 2:
        weight = change.new.get("weight") if isinstance(change.new, Mapping) else None
        return (
            "goal ",
            goal,
            f" {change.kind}",
            *((", weight ", value(weight)) if weight is not None else ()),
        )
    if len(keys) == 3 and keys[2] in ("aligns_to", "weight"):
        return ("goal ", goal, " re-aligned: " if keys[2] == "aligns_to" else " weight ", *happened(change))
    if len(keys) == 4 and keys[2] == "revisions" and isinstance(change.new, Mapping):
        revision = change.new
        return (
            "goal ",
            goal,
            " revised: ",
            Code(str(revision.get("change"))),
            "; reason: ",
            Code(str(revision.get("reason"))),
        )
    if keys[2] != "key_results" or len(keys) < 4:
        return None
    return _key_result_phrase(change, Code(f"{keys[1]}/{keys[3]}"))


def _key_result_phrase(change: Change, key_result: Code) -> Phrase | None:
    keys = change.keys
    if len(keys) == 4:
        return ("key result ", key_result, f" {change.kind}")
    if len(keys) == 5 and keys[4] in KEY_RESULT_VALUES:
        return (key_result, f" {keys[4]} ", *happened(change))
    if len(keys) == 6 and keys[4] == "check_ins":
        if change.kind == "added" and isinstance(change.new, Mapping):
            return (key_result, " check-in ", Code(keys[5]), ": ", value(change.new.get("value")))
        return (key_result, " check-in ", Code(keys[5]), f" {change.kind}")
    return None


def _review_phrase(change: Change, old: Any, new: Any) -> Phrase | None:
    keys = change.keys
    if keys[:1] == ("assessments",) and len(keys) in (2, 3):
        found = entry(new, keys[:2])
        found = found if isinstance(found, Mapping) else entry(old, keys[:2])
        reviewer = found.get("reviewer") if isinstance(found, Mapping) else keys[1]
        by = (
            "by ",
            Code(str(reviewer)),
            " as ",
            Code(str(found.get("relationship") if isinstance(found, Mapping) else "?")),
        )
        if len(keys) == 2:
            rating = change.new.get("rating") if isinstance(change.new, Mapping) else None
            return (
                "assessment ",
                *by,
                f" {change.kind}",
                *((": rating ", value(rating)) if rating is not None else ()),
            )
        if keys[2] == "rating":
            return ("rating ", *by, " ", *happened(change))
    names = {("final_rating",): "final rating", ("calibration", "rating"): "calibrated rating"}
    if keys in names:
        return (names[keys], " ", *happened(change))
    if keys[:1] == ("appeal",) and len(keys) == 2 and keys[1] in ("filed", "decision", "rating"):
        return (f"appeal {keys[1]} ", *happened(change))
    return None


def _affected(base: Snapshot, head: Snapshot, paths: list[str]) -> set[str]:
    """The cycles whose scores a change may move: its own, or all of them for org/ changes."""
    if any(p.startswith("org/") for p in paths):
        return set(base.repo.cycles) | set(head.repo.cycles)
    return {cycle_of(p) for p in paths if p.startswith(("goals/", "reviews/"))}


def _scorable(snapshot: Snapshot) -> bool:
    """Whether a version can be scored: it has a framework that loads (as the scoring rules ask).

    Scoring tolerates the other problems a change may still have (a key result with an
    unknown curve is simply not scored), so a pull request that does not pass yet still
    shows what it does to scores.
    """
    repo = snapshot.repo
    return repo.framework is not None and not any(kind == "framework" for kind, _ in repo.broken)


def _score_changes(
    base: Snapshot, head: Snapshot, cycles: set[str], today: str
) -> tuple[list[ScoreChange], list[Phrase]]:
    if not cycles:
        return [], []
    unscored = [side for side, snap in (("base", base), ("head", head)) if not _scorable(snap)]
    if unscored:
        return [], [
            (f"scores not compared: the {' and the '.join(unscored)} version has no framework that loads",)
        ]
    rows: list[ScoreChange] = []
    for cycle in sorted(cycles):
        before, after = _scores(base.repo, cycle, today), _scores(head.repo, cycle, today)
        for key in [*after, *(k for k in before if k not in after)]:
            old, new = before.get(key, (None, False)), after.get(key, (None, False))
            if old[0] != new[0]:
                rows.append(ScoreChange(cycle, *key, old[0], new[0], new[1] or old[1]))
    if rows:
        return rows, []
    names: list[str | Code] = [part for c in sorted(cycles) for part in (", ", Code(c))][1:]
    return [], [("no score or rating moves in ", *names)]


Scores = dict[tuple[str, str, str], tuple[str | None, bool]]


def _scores(repo: Repository, cycle: str, today: str) -> Scores:
    """(level, subject, measure) -> (value, projected) of one cycle: a closed cycle's from
    its record, never recomputed."""
    if cycle in repo.sealed:
        found = records.payload(repo.sealed[cycle])
    elif cycle in repo.cycles:
        found = payload(score_cycle(repo, cycle, today))
    else:
        return {}
    scores: Scores = {}
    for person in found["people"]:
        ident, projected = person["person"], person["projected"]
        scores[("person", ident, "goals score")] = (person["goals_score"], projected)
        scores[("person", ident, "final score")] = (person["final_score"], projected)
        rating = person["final_rating"]
        scores[("person", ident, "final rating")] = (None if rating is None else str(rating), projected)
    owners = [("unit", unit) for unit in found["units"]]
    owners += [("company", found["company"])] if found["company"] else []
    for level, owner in owners:
        subject = owner["owner"] if level == "unit" else "company"
        scores[(level, subject, "score")] = (owner["score"], any(g["projected"] for g in owner["goals"]))
    return scores


def _weight_notes(base: Snapshot, head: Snapshot, files: list[FileReport]) -> Iterator[Phrase]:
    """Goal and key-result weights of changed goal files that no longer sum to 100."""
    old = {(f.cycle, f.owner): f for f in base.repo.goal_files}
    for goals in head.repo.goal_files:
        if goals.where.path not in {f.path for f in files}:
            continue
        before = old.get((goals.cycle, goals.owner))
        for label, total, earlier in _sums(goals, before):
            if total != 100 and total != earlier:
                yield (
                    *label,
                    f" now sum to {show(total)}, not 100",
                )


def _sums(goals: GoalFile, before: GoalFile | None) -> Iterator[tuple[Phrase, Decimal, Decimal | None]]:
    methods = sorted({g.method or "" for g in goals.goals})
    for method in methods:
        total = sum((g.weight for g in goals.goals if (g.method or "") == method), Decimal(0))
        earlier = (
            sum((g.weight for g in before.goals if (g.method or "") == method), Decimal(0))
            if before
            else None
        )
        suffix: Phrase = (" for method ", Code(method)) if method else ()
        yield ("goal weights of ", Code(goals.owner), " in ", Code(goals.cycle), *suffix), total, earlier
    previous = {g.id: g for g in before.goals} if before else {}
    for goal in goals.goals:
        total = sum((kr.weight for kr in goal.key_results), Decimal(0))
        prior = previous.get(goal.id)
        earlier = sum((kr.weight for kr in prior.key_results), Decimal(0)) if prior else None
        yield (
            ("key-result weights of ", Code(f"{goals.owner}/{goal.id}"), " in ", Code(goals.cycle)),
            total,
            earlier,
        )
