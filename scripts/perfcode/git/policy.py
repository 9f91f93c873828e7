"""Policy: the changes a pull request's author may make, judged against its base.

``perfcode check --base REF --actor HANDLE`` compares every goal, review, calibration and
cycle file of the base with the working tree, change by change (:mod:`perfcode.git.changes`).
Roles, phases and cycle status come from the base (:mod:`perfcode.git.roles`), so a pull
request cannot reopen a cycle or make its author a committee member to pass its own check.

- PC711 planning lock: once a cycle's planning phase has ended, goals and key results, and
  the fields the schemas mark ``x-locked-after: planning`` (weights, alignment, targets,
  curves ...) change only with a new revision on the goal;
- PC712 rating lock: once calibration has ended, the review fields marked
  ``x-locked-after: calibration`` (ratings) change only through an amended appeal decision;
- PC713 closed cycle: a closed cycle's files are read-only except for appeal decisions;
- PC721 authorization: who may change which part of a file (``PARTS`` below); for someone
  without a GitHub account their manager and proxy post check-ins and actuals and record
  the acknowledgement, and nothing more;
  governance records (``governance/``) are judged by these rules too, but no phase or close
  locks them;
- PC723 recusal: the decision on a review's calibration, final rating and appeal comes
  from someone other than the person concerned and their reports (:mod:`perfcode.recusal`);
- PC722 history: nobody removes what another person recorded (check-ins, assessments,
  acknowledgements, appeals, coaching conversations and the employee's comments on them),
  and revisions are never removed or rewritten.

Each finding names the field, the rule, and who could make the change.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from perfcode.crypt.seal import is_node
from perfcode.findings import Finding, at
from perfcode.git.changes import MISSING, Change, entry, file_changes, show
from perfcode.git.repo import Snapshot
from perfcode.git.roles import NOBODY, Actor, Roles, Who
from perfcode.model import Cycle, Repository, cycle_of, stem
from perfcode.schema import Locks, kind_of


@dataclass(frozen=True)
class Part:
    """A part of a file, the role that may change it and the rule that says so.

    ``pattern`` matches the first keys of a change (``*``: any key; ``a|b``: either).
    ``proxied``: who acts for a person without a GitHub account may make it for them.
    ``history``: ``own`` for entries that only their author may remove, ``log`` for
    entries nobody removes or rewrites. ``depth``: how many keys group changes into one
    finding (the pattern's length; a whole-file part groups by goal or entry).
    """

    pattern: tuple[str, ...]
    role: str
    rule: str
    history: str = ""
    depth: int = 0
    proxied: bool = False
    """Whether the manager or proxy of someone without a GitHub account may add and change
    it for them (never remove it)."""


GOAL_PARTS = (
    Part(
        ("goals", "*", "key_results", "*", "actual"),
        "owner",
        "only the goal's owner records its actuals",
        proxied=True,
    ),
    Part(
        ("goals", "*", "key_results", "*", "check_ins"),
        "owner",
        "only the goal's owner posts its check-ins",
        "own",
        proxied=True,
    ),
    Part(
        ("goals", "*", "revisions"), "planners", "revisions are a record, added to and never rewritten", "log"
    ),
    Part((), "planners", "goals and targets are set by their owner and approver"),
)
REVIEW_PARTS = (
    Part(
        ("assessments", "*"), "reviewer", "an assessment is written and changed only by its reviewer", "own"
    ),
    Part(("calibration",), "committee", "only the performance committee calibrates ratings"),
    Part(("final_rating",), "recorder", "the performance committee records the final rating"),
    Part(("feedback", "meeting"), "manager", "the manager records the feedback meeting"),
    Part(
        ("feedback", "acknowledged"),
        "employee",
        "only the employee acknowledges their results",
        "own",
        proxied=True,
    ),
    Part(("feedback",), "employee", "only the employee acknowledges and comments on their results", "own"),
    Part(
        ("appeal", "decision|decided|rating"),
        "appeal-body",
        "appeals are decided by the appeal body",
        depth=1,
    ),
    Part(("appeal",), "employee", "only the employee files an appeal", "own"),
    Part(
        ("plan", "items", "*", "status"),
        "plan-status",
        "plan items are updated by the employee, manager or HR",
    ),
    Part(("plan",), "manager-or-hr", "a plan is set by the manager or the HR support group"),
    Part((), "opener", "a review's person and cycle are set when it is opened"),
)
EMPLOYEE_COMMENT = "employee_comment"
COACHING_PARTS = (
    Part(
        ("conversations", "*", EMPLOYEE_COMMENT),
        "employee",
        "only the employee writes their comment on a coaching conversation",
        "own",
    ),
    Part(
        ("conversations", "*"),
        "coach",
        "coaching conversations are recorded by the person's manager or skip-level manager",
        "own",
    ),
    Part((), "coach", "a coaching record is kept by the person's manager or skip-level manager"),
)
NOMINATION = Part(
    ("assessments", "*"),
    "nominator",
    "a reviewer is nominated (or the nomination withdrawn) by the employee, their manager or HR",
)
"""An assessment entry added or removed untouched (``{reviewer, relationship}`` alone): a
nomination, such as a review scaffold's, not an assessment."""


REPORT_PARTS = (
    Part(
        ("problems", "*", "decisions"),
        "committee",
        "the performance committee records its decisions on a problem, added to and never rewritten",
        "log",
    ),
    Part((), "group", "a promotion group's report is written by the group"),
)
PARTS: dict[str, tuple[Part, ...]] = {
    "company-goals": GOAL_PARTS,
    "unit-goals": GOAL_PARTS,
    "person-goals": GOAL_PARTS,
    "review": REVIEW_PARTS,
    "coaching": COACHING_PARTS,
    "report": REPORT_PARTS,
    "calibration": (Part((), "committee", "the calibration record is kept by the performance committee"),),
    "cycle": (Part((), "committee", "the performance committee sets a cycle's phases and status"),),
    "record": (
        Part((), "committee", "a cycle's record is written by its close, which the committee approves"),
    ),
    "person-record": (
        Part(
            ("result|files|amendments",),
            "appeal-body",
            "after the close, a record changes only to carry in an appeal decision",
            depth=1,
        ),
        Part((), "committee", "a cycle's record is written by its close, which the committee approves"),
    ),
}
PROXIED_KINDS = frozenset({"person-goals", "review"})
"""The files of one person, for whom a manager or proxy may act."""
APPEAL_DECISION = frozenset({"decision", "decided", "rating"})
RECUSING = frozenset({"committee", "recorder", "appeal-body"})
"""The roles of a review that decide on the person: the recused may not act in them."""

Build = Callable[[Sequence[Change]], Finding]
Verdict = tuple[str, int, Build]


@dataclass(frozen=True)
class Judge:
    """What every judgement sees: both versions, the author, the date and the locked fields."""

    base: Repository
    head: Repository
    actor: Actor
    today: str
    locks: Locks

    @property
    def roles(self) -> Roles:
        return Roles(self.base)


def check_policy(
    base: Snapshot, head: Repository, head_paths: Collection[str], actor: Actor, today: str, locks: Locks
) -> list[Finding]:
    """The findings of every change from ``base`` to ``head`` that ``actor`` may not make;
    ``locks`` come from the judging schemas (the base's, in CI)."""
    judge = Judge(base.repo, head, actor, today, locks)
    findings: list[Finding] = []
    paths = base.changed if base.changed is not None else set(base.repo.files) | set(head.files)
    for path in sorted(paths):
        kind = kind_of(path)
        broken = (path in base.paths and path not in base.repo.files) or (
            path in head_paths and path not in head.files
        )
        if kind in PARTS and not broken:
            changes = file_changes(path, base.repo.files.get(path, MISSING), head.files.get(path, MISSING))
            findings += _judge_file(judge, kind or "", changes)
    return findings


def _judge_file(judge: Judge, kind: str, changes: Sequence[Change]) -> list[Finding]:
    """One finding per rule and group of changes (a goal, an entry, a field)."""
    groups: dict[tuple[str, tuple[str, ...]], list[Change]] = {}
    builders: dict[tuple[str, tuple[str, ...]], Build] = {}
    for change in (part for whole in changes for part in _parts(kind, whole)):
        for code, depth, build in (*_authorization(judge, kind, change), *_locks(judge, kind, change)):
            key = (code, change.keys[:depth])
            groups.setdefault(key, []).append(change)
            builders.setdefault(key, build)
    return [builders[key](group) for key, group in groups.items()]


def _parts(kind: str, change: Change) -> Iterator[Change]:
    """A coaching conversation added or removed whole is judged as two parts: the coach's,
    and the employee's comment in it, which only the employee writes or removes."""
    whole = change.new if change.kind == "added" else change.old
    if not (
        kind == "coaching"
        and len(change.keys) == 2
        and isinstance(whole, Mapping)
        and EMPLOYEE_COMMENT in whole
    ):
        yield change
        return
    rest = {key: value for key, value in whole.items() if key != EMPLOYEE_COMMENT}
    yield replace(change, new=rest) if change.kind == "added" else replace(change, old=rest)
    comment = whole[EMPLOYEE_COMMENT]
    yield replace(
        change,
        keys=(*change.keys, EMPLOYEE_COMMENT),
        steps=(*change.steps, f".{EMPLOYEE_COMMENT}"),
        pointer=(*change.pointer, EMPLOYEE_COMMENT) if change.kind == "added" else change.pointer,
        old=comment if change.kind == "removed" else MISSING,
        new=comment if change.kind == "added" else MISSING,
    )


def _part(kind: str, change: Change) -> Part:
    """The part of the file a change falls in."""
    if kind == "review" and len(change.keys) == 2 and change.keys[0] == "assessments":
        entry = change.new if change.kind == "added" else change.old if change.kind == "removed" else None
        if isinstance(entry, Mapping) and set(entry) == {"reviewer", "relationship"}:
            return NOMINATION
    return next(p for p in PARTS[kind] if _matches(p.pattern, change.keys))


def _authorization(judge: Judge, kind: str, change: Change) -> Iterator[Verdict]:
    part = _part(kind, change)
    depth = part.depth or len(part.pattern) or 2
    who = _who(judge, part.role, kind, change)
    if who is not None and part.proxied and change.kind != "removed" and kind in PROXIED_KINDS:
        who = who | judge.roles.acting_for(stem(change.path))
    actor = judge.actor.text
    if who is not None and kind == "review" and part.role in RECUSING:
        deciders = judge.roles.deciders(who, stem(change.path))
        if judge.actor in who and judge.actor not in deciders:
            rule = f"by {actor}: nobody decides their own case or that of someone they report to"
            yield _verdict("PC723", depth, rule, _may(deciders))
            return
        who = deciders
    if part.history == "log" and change.kind != "added":
        entry_name = "revision" if "revisions" in part.pattern else "entry"
        hint = f"restore it, and record the new change as a new {entry_name}"
        yield _verdict("PC722", depth, f"by {actor}: {part.rule}", hint)
    elif part.history == "own" and change.kind == "removed" and who is not None and judge.actor not in who:
        rule = f"by {actor}: nobody deletes another person's history"
        yield _verdict("PC722", depth, rule, f"restore it; only {who.text} may remove it")
    elif kind.endswith("-goals") and change.kind == "removed" and _holds_check_ins(change.old):
        owner = judge.roles.goal_owner(change.path, kind.removesuffix("-goals"))
        if judge.actor not in owner:
            rule = f"by {actor}: it holds check-ins, and nobody deletes another person's history"
            yield _verdict("PC722", depth, rule, f"restore it; only {owner.text} may remove it")
    if who is not None and judge.actor not in who and not (part.history and change.kind == "removed"):
        yield _verdict("PC721", depth, f"by {actor}: {part.rule}", _may(who))


def proxied(kind: str, keys: Sequence[str]) -> bool:
    """Whether a change to a file of ``kind`` is one a manager or proxy may make for a person
    without a GitHub account (a check-in, an actual, the acknowledgement)."""
    if kind not in PROXIED_KINDS:
        return False
    part = next(p for p in PARTS[kind] if _matches(p.pattern, keys))
    return part.proxied


def _may(who: Who) -> str:
    if who:
        return f"{who.text} may make this change"
    return "nobody may: everyone eligible is recused; declare a recusal_fallback in org/governance.yaml"


def _who(judge: Judge, role: str, kind: str, change: Change) -> Who | None:
    """The people a role names for this change; None when anyone may make it."""
    roles, path, level, person = judge.roles, change.path, kind.removesuffix("-goals"), stem(change.path)
    if role == "opener" and change.kind == "added":
        return None
    lookups: dict[str, Callable[[], Who]] = {
        "owner": lambda: roles.goal_owner(path, level),
        "planners": lambda: roles.goal_owner(path, level) | roles.goal_approver(path, level),
        "committee": roles.committee,
        "employee": lambda: roles.person(person, "the employee"),
        "manager": lambda: roles.manager_of(person),
        "coach": lambda: roles.coach_of(person),
        "group": lambda: roles.body(person),
        "manager-or-hr": lambda: roles.manager_of(person) | roles.hr(),
        "nominator": lambda: roles.person(person, "the employee") | roles.manager_of(person) | roles.hr(),
        "opener": lambda: roles.manager_of(person) | roles.hr(),
        "plan-status": lambda: roles.person(person, "the employee") | roles.manager_of(person) | roles.hr(),
        "appeal-body": roles.appeal_body,
        "reviewer": lambda: roles.person(_reviewer(judge, change), "the reviewer"),
        "recorder": lambda: (
            roles.committee() | (roles.appeal_body() if _through_appeal(judge, change) else NOBODY)
        ),
    }
    return lookups[role]() or roles.hr() or roles.committee()


def _locks(judge: Judge, kind: str, change: Change) -> Iterator[Verdict]:
    cycle_id = cycle_of(change.path)
    sealed = judge.base.sealed.get(cycle_id)
    cycle = judge.base.cycles.get(cycle_id) or (sealed.cycle if sealed is not None else None)
    if cycle is None:
        return
    body = judge.roles.appeal_body().text
    if cycle.status == "closed" or sealed is not None:
        if not _through_appeal(judge, change):
            rule = (
                f"in closed cycle {cycle.id}: a closed cycle is read-only except through an appeal decision"
            )
            hint = f"only {body} may still record an appeal decision (appeal.decision, appeal.decided, appeal.rating)"
            yield _verdict("PC713", 2, rule, hint)
        return
    depth = 1 if change.keys[0] == "calibration" else len(change.keys)
    fault = (
        _revision_fault(judge, change, cycle)
        if _after(judge, cycle, "planning") and _plan_field(change.keys, judge.locks)
        else None
    )
    if kind.endswith("-goals") and fault is not None:
        level = kind.removesuffix("-goals")
        planners = judge.roles.goal_owner(change.path, level) | judge.roles.goal_approver(change.path, level)
        rule = (
            f"after planning of {cycle.id} closed on {cycle.phases['planning'][1]}: targets, weights and "
            "alignment are locked unless the change adds a revision with a reason"
        )
        hint = (
            f"{fault}add a revision {{date, change, reason}} to goal '{change.keys[1]}', dated after planning"
            f" and naming '{_field_name(change)}'; {planners.text} may make this change"
        )
        yield _verdict("PC711", depth, rule, hint)
    rating = (
        _after(judge, cycle, "calibration")
        and _rating_field(change, judge.locks)
        and not _through_appeal(judge, change)
    )
    if kind == "review" and rating:
        rule = (
            f"after calibration of {cycle.id} closed on {cycle.phases['calibration'][1]}: ratings are locked"
        )
        hint = f"a rating now changes only through an appeal decision (decision: amended, with the rating), recorded by {body}"
        yield _verdict("PC712", depth, rule, hint)


def _verdict(code: str, depth: int, rule: str, hint: str) -> Verdict:
    return code, depth, _finding(code, depth, rule, hint)


def _finding(code: str, depth: int, rule: str, hint: str) -> Build:
    def build(changes: Sequence[Change]) -> Finding:
        first = changes[0]
        pointer = first.pointer[:depth] if len(changes) > 1 else first.pointer
        return at(first.path, pointer, code, f"{what(changes, depth)} {rule}", hint)

    return build


def what(changes: Sequence[Change], depth: int) -> str:
    """The field and what happened to it: ``'goals[g].weight' changed 60 -> 70``."""
    if len(changes) == 1:
        change = changes[0]
        return f"'{change.field}' {_happened(change)}"
    kinds = {c.kind for c in changes}
    return f"'{changes[0].field_at(depth)}' {kinds.pop() if len(kinds) == 1 else 'changed'}"


def _happened(change: Change) -> str:
    if change.keys[-1:] == ("encrypted",):
        return change.kind
    plain = not isinstance(change.old, Mapping) and not isinstance(change.new, Mapping)
    if change.kind == "changed" and plain:
        return f"changed {_quoted(change.old)} -> {_quoted(change.new)}"
    if change.kind == "added" and plain:
        return f"set to {_quoted(change.new)}"
    return change.kind


def _quoted(value: Any) -> str:
    return f"'{show(value)}'" if isinstance(value, str) else show(value)


def _matches(pattern: Sequence[str], keys: Sequence[str]) -> bool:
    return len(keys) >= len(pattern) and all(
        p == "*" or k in p.split("|") for p, k in zip(pattern, keys, strict=False)
    )


def _after(judge: Judge, cycle: Cycle, phase: str) -> bool:
    return judge.today > cycle.phases[phase][1]


def _plan_field(keys: Sequence[str], locks: Locks) -> bool:
    """A goal or key result as a whole, or a field the schemas lock after planning."""
    if keys[:1] != ("goals",) or len(keys) < 2:
        return False
    if len(keys) == 2:
        return True
    if keys[2] == "key_results" and len(keys) > 3:
        return len(keys) == 4 or keys[4] in locks.key_result
    return keys[2] in locks.goal


def _rating_field(change: Change, locks: Locks) -> bool:
    """A review field, or an assessment's, that the schemas lock after calibration."""
    keys = change.keys
    if keys[0] in locks.review:
        return True
    if keys[:1] != ("assessments",) or len(keys) < 2:
        return False
    if len(keys) == 2:
        return any(isinstance(e, Mapping) and locks.assessment & e.keys() for e in (change.old, change.new))
    return keys[2] in locks.assessment


def _through_appeal(judge: Judge, change: Change) -> bool:
    """An appeal decision, the final rating an amended appeal decision set, or a person's
    record carrying such a decision in after the close."""
    keys = change.keys
    if keys[:1] == ("appeal",) and len(keys) > 1 and keys[1] in APPEAL_DECISION:
        return True
    if kind_of(change.path) == "person-record":
        return _record_amendment(judge, change)
    appeal = entry(judge.head.files.get(change.path, {}), ("appeal",))
    if keys[:1] == ("final_rating",) and is_node(entry(judge.head.files.get(change.path, {}), keys[:1])):
        return _decision_changed(judge, change.path)
    return (
        keys == ("final_rating",)
        and isinstance(appeal, Mapping)
        and appeal.get("decision") == "amended"
        and appeal.get("rating") == change.new
    )


def _decision_changed(judge: Judge, path: str) -> bool:
    """Whether an encrypted review's appeal decision part changed: without a key, the
    final rating that follows it is accepted, and the publish job verifies the values."""
    keys = ("appeal", "decision")
    old, new = entry(judge.base.files.get(path, {}), keys), entry(judge.head.files.get(path, {}), keys)
    return is_node(new) and (not is_node(old) or old["encrypted"] != new["encrypted"])


def _record_amendment(judge: Judge, change: Change) -> bool:
    """A change to a person's record whose final rating is the one the review's amended
    appeal decision sets (``perfcode cycle amend``)."""
    if change.keys[:1] not in (("result",), ("files",), ("amendments",)):
        return False
    parts = change.path.split("/")
    review = judge.head.files.get(f"reviews/{parts[1]}/{stem(change.path)}.yaml", {})
    appeal = entry(review, ("appeal",))
    result = entry(judge.head.files.get(change.path, {}), ("result",))
    return (
        isinstance(appeal, Mapping)
        and isinstance(result, Mapping)
        and appeal.get("decision") == "amended"
        and appeal.get("rating") == result.get("final_rating")
    )


def _revision_fault(judge: Judge, change: Change, cycle: Cycle) -> str | None:
    """None when the change comes with a new revision on its goal (for a removed goal, on any
    goal of the file) that is dated inside the cycle after planning and not after today, and
    names the field it changes; else what the revisions added lack, as the start of a hint."""
    old, new = judge.base.files.get(change.path, {}), judge.head.files.get(change.path, {})
    goal = change.keys[1]
    if entry(new, ("goals", goal)) is MISSING:
        goals = new.get("goals", []) if isinstance(new, Mapping) else []
        added = [r for g in goals if isinstance(g, Mapping) for r in _added_revisions(old, new, g.get("id"))]
    else:
        added = _added_revisions(old, new, goal)
    if not added:
        return ""
    faults = [_fault(revision, _field_name(change), cycle, judge.today) for revision in added]
    return None if "" in faults else f"the revision added {faults[0]}; "


def _added_revisions(old: Any, new: Any, goal: object) -> list[Mapping[str, Any]]:
    before, after = _revisions(old, goal), _revisions(new, goal)
    return [r for r in after[len(before) :] if isinstance(r, Mapping)]


def _revisions(data: Any, goal: object) -> list[Any]:
    found = entry(data, ("goals", str(goal)))
    revisions = found.get("revisions", ()) if isinstance(found, Mapping) else ()
    return list(revisions) if isinstance(revisions, list) else []


def _fault(revision: Mapping[str, Any], field: str, cycle: Cycle, today: str) -> str:
    """What keeps a revision from unlocking a change of ``field`` ("" when nothing does)."""
    day, planned, last = str(revision.get("date", "")), cycle.phases["planning"][1], min(today, cycle.end)
    if not planned < day <= last:
        return f"is dated {day}, not after planning ({planned}) and by {last}"
    text = str(revision.get("change", "")).lower()
    if field.lower() not in text and field.replace("_", " ").lower() not in text:
        return f"says '{revision.get('change', '')}', which does not name '{field}'"
    return ""


def _field_name(change: Change) -> str:
    """The field a change of a goal file is about: ``target``, ``weight``, a key result's or a
    goal's id when it is added or removed as a whole."""
    return change.keys[-1]


def _reviewer(judge: Judge, change: Change) -> str | None:
    for data in (judge.head.files.get(change.path, {}), judge.base.files.get(change.path, {})):
        found = entry(data, change.keys[:2])
        if isinstance(found, Mapping) and found.get("reviewer"):
            return str(found["reviewer"])
    return None


def _holds_check_ins(value: Any) -> bool:
    if isinstance(value, Mapping):
        return bool(value.get("check_ins")) or any(_holds_check_ins(v) for v in value.values())
    return isinstance(value, list) and any(_holds_check_ins(v) for v in value)
