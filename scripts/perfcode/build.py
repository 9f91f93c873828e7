"""Build the model from schema-valid documents (see :mod:`perfcode.model`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from perfcode.load import Document
from perfcode.model import (
    PHASES,
    Assessment,
    CheckIn,
    Coaching,
    Conversation,
    Cycle,
    Goal,
    GoalFile,
    KeyResult,
    Person,
    Position,
    Problem,
    Report,
    Repository,
    Review,
    Stint,
    Unit,
    Where,
    cycle_of,
    stem,
)
from perfcode.records import SealedCycle, in_sealed, sealed_cycle, sealed_ids

_SINGLETONS = {"company": "company", "framework": "framework", "governance": "governance"}


def build(
    valid: Iterable[tuple[str, Document]],
    broken: Iterable[tuple[str, str]],
    written: Mapping[str, Any] | None = None,
    hidden: Mapping[str, frozenset[str]] | None = None,
) -> Repository:
    """The repository model from (kind, document) pairs that passed their schemas.

    Documents with encrypted parts come opened (:mod:`perfcode.crypt`): ``written`` holds
    their data as written, which the pull-request policy judges, and ``hidden`` the parts
    of each that stayed closed."""
    parts: dict[str, Any] = {
        "people": {},
        "units": {},
        "positions": {},
        "cycles": {},
        "calibrations": {},
    }
    goal_files: list[GoalFile] = []
    reviews: list[Review] = []
    coaching: list[Coaching] = []
    reports: list[Report] = []
    valid = list(valid)
    # Every file's data, a closed cycle's too: the pull-request policy judges changes to it.
    files: dict[str, Any] = {doc.path: doc.data for _, doc in valid}
    files.update(written or {})
    closed = hidden or {}
    valid, sealed = _seal(valid)
    periods = {
        cycle_of(doc.path): (doc.data["period"]["start"], doc.data["period"]["end"])
        for kind, doc in valid
        if kind == "cycle"
    }
    for kind, doc in valid:
        data, where = doc.data, Where(doc.path)
        if kind in _SINGLETONS:
            parts[_SINGLETONS[kind]] = data
        elif kind == "person":
            parts["people"][stem(doc.path)] = _person(data, where)
        elif kind == "unit":
            parts["units"][stem(doc.path)] = _unit(data, where)
        elif kind == "position":
            parts["positions"][stem(doc.path)] = _position(data, where)
        elif kind == "cycle":
            parts["cycles"][cycle_of(doc.path)] = _cycle(data, where)
        elif kind.endswith("-goals"):
            goal_files.append(_goal_file(kind.removesuffix("-goals"), data, where, periods))
        elif kind == "review":
            reviews.append(_review(data, where, closed.get(doc.path, frozenset())))
        elif kind == "coaching":
            coaching.append(_coaching(data, where))
        elif kind == "report":
            reports.append(_report(data, where))
        elif kind == "calibration":
            parts["calibrations"][cycle_of(doc.path)] = data
    return Repository(
        goal_files=tuple(goal_files),
        goal_owners={(f.cycle, f.owner): f for f in goal_files},
        goals_by_ref={(f.cycle, f.owner, g.id): (f, g) for f in goal_files for g in f.goals},
        unit_chains=_chains(parts["units"]),
        reviews=tuple(reviews),
        coaching=tuple(coaching),
        reports=tuple(reports),
        sealed=sealed,
        broken=frozenset(broken),
        files=files,
        **parts,
    )


def _seal(valid: list[tuple[str, Document]]) -> tuple[list[tuple[str, Document]], dict[str, SealedCycle]]:
    """The documents of the live model, and the cycles whose record seals them."""
    ids = sealed_ids(valid)
    live: list[tuple[str, Document]] = []
    parts: dict[str, dict[str, Any]] = {c: {"people": [], "others": [], "cycle": None} for c in ids}
    for kind, doc in valid:
        cycle = in_sealed(doc.path, ids)
        if cycle is None:
            if kind != "person-record":
                live.append((kind, doc))
        elif kind == "record":
            parts[cycle]["record"] = doc
        elif kind == "person-record":
            parts[cycle]["people"].append(doc)
        else:
            parts[cycle]["others"].append(doc)
            if kind == "cycle":
                parts[cycle]["cycle"] = _cycle(doc.data, Where(doc.path))
    sealed = {
        c: sealed_cycle(c, part["cycle"], part["record"], part["people"], part["others"])
        for c, part in sorted(parts.items())
    }
    return live, sealed


def _chains(units: Mapping[str, Unit]) -> dict[str, tuple[str, ...]]:
    chains: dict[str, tuple[str, ...]] = {}
    for ident in units:
        chain: list[str] = []
        current: str | None = ident
        while current is not None and current not in chain:
            chain.append(current)
            parent = units.get(current)
            current = parent.parent if parent else None
        chains[ident] = tuple(chain)
    return chains


def _person(data: Mapping[str, Any], where: Where) -> Person:
    return Person(
        id=data["id"],
        name=data["name"],
        email=data["email"],
        github=data.get("github"),
        unit=data["unit"],
        position=data["position"],
        manager=data.get("manager"),
        cls=data["class"],
        where=where,
        since=data.get("since"),
        left=data.get("left"),
        earlier=_stints(data, where),
        keys=tuple(data[k] for k in ("age", "ssh") if k in data),
        proxy=data.get("proxy"),
    )


def _stints(data: Mapping[str, Any], where: Where) -> tuple[Stint, ...]:
    """The person's earlier states, oldest first; a field a history entry leaves out is as
    it was in the state that followed."""
    state: dict[str, Any] = {key: data.get(key) for key in ("unit", "position", "manager", "class")}
    stints: list[Stint] = []
    entries = sorted(enumerate(data.get("history", ())), key=lambda e: e[1]["until"], reverse=True)
    for i, entry in entries:
        state = {**state, **{key: entry[key] for key in state if key in entry}}
        stints.append(
            Stint(
                entry["until"],
                state["unit"],
                state["position"],
                state["manager"],
                state["class"],
                where / "history" / i,
            )
        )
    return tuple(reversed(stints))


def _unit(data: Mapping[str, Any], where: Where) -> Unit:
    return Unit(data["id"], data["name"], data.get("parent"), data["head"], where)


def _position(data: Mapping[str, Any], where: Where) -> Position:
    indicators = tuple(i["id"] for i in data.get("indicators", ()))
    return Position(data["id"], data["title"], data.get("class"), indicators, where)


def _cycle(data: Mapping[str, Any], where: Where) -> Cycle:
    phases = {name: (data["phases"][name]["start"], data["phases"][name]["end"]) for name in PHASES}
    classes = data.get("classes")
    return Cycle(
        id=data["id"],
        parent=data.get("parent"),
        start=data["period"]["start"],
        end=data["period"]["end"],
        status=data.get("status", "open"),
        classes=tuple(classes) if classes is not None else None,
        exclude=tuple(data.get("exclude", ())),
        phases=phases,
        where=where,
    )


_new = tuple.__new__
"""Makes a :class:`Where` or :class:`CheckIn` without a Python-level call: the model of a
large organisation holds millions of them."""


def _goal_file(
    level: str, data: Mapping[str, Any], where: Where, periods: Mapping[str, tuple[str, str]]
) -> GoalFile:
    cycle, path = cycle_of(where.path), where.path
    period = periods.get(cycle)
    goals = tuple(
        _goal(g, _new(Where, (path, ("goals", i))), period) for i, g in enumerate(data.get("goals", ()))
    )
    return GoalFile(cycle, level, data["owner"], goals, where)


def _goal(data: Mapping[str, Any], where: Where, period: tuple[str, str] | None) -> Goal:
    path, pointer = where
    get = data.get
    return Goal(
        id=data["id"],
        title=data["title"],
        weight=Decimal(data["weight"]),
        aligns_to=tuple(get("aligns_to", ())),
        indicator=get("indicator"),
        theme=get("theme"),
        perspective=get("perspective"),
        local="local" in data,
        method=get("method"),
        key_results=tuple(
            _key_result(kr, _new(Where, (path, (*pointer, "key_results", i))), period)
            for i, kr in enumerate(get("key_results", ()))
        ),
        where=where,
    )


def _key_result(data: Mapping[str, Any], where: Where, period: tuple[str, str] | None) -> KeyResult:
    path, pointer = where
    get = data.get
    check_ins = tuple(
        _new(
            CheckIn,
            (c["date"], c["value"], c.get("note", ""), _new(Where, (path, (*pointer, "check_ins", i)))),
        )
        for i, c in enumerate(get("check_ins", ()))
    )
    return KeyResult(
        id=data["id"],
        metric=data["metric"],
        direction=get("direction", "increase"),
        curve=get("curve"),
        baseline=get("baseline"),
        threshold=get("threshold"),
        target=get("target"),
        stretch=get("stretch"),
        actual=get("actual"),
        weight=Decimal(data["weight"]),
        check_ins=check_ins,
        where=where,
        accumulates=bool(get("accumulates", False)),
        period=period,
    )


def _review(data: Mapping[str, Any], where: Where, hidden: frozenset[str]) -> Review:
    assessments = tuple(
        _assessment(a, where / ("assessments", i)) for i, a in enumerate(data.get("assessments", ()))
    )
    return Review(
        person=data["person"],
        cycle=data["cycle"],
        assessments=assessments,
        calibration=data.get("calibration"),
        final_rating=data.get("final_rating"),
        feedback=data.get("feedback"),
        appeal=data.get("appeal"),
        plan=data.get("plan"),
        where=where,
        hidden=hidden,
    )


def _assessment(data: Mapping[str, Any], where: Where) -> Assessment:
    competencies = tuple(
        (c["id"], c["rating"], where / ("competencies", i))
        for i, c in enumerate(data.get("competencies", ()))
    )
    return Assessment(
        reviewer=data["reviewer"],
        relationship=data["relationship"],
        submitted=data.get("submitted"),
        rating=data.get("rating"),
        competencies=competencies,
        where=where,
    )


def _coaching(data: Mapping[str, Any], where: Where) -> Coaching:
    conversations = tuple(
        Conversation(c["date"], c["coach"], tuple(c.get("goals", ())), where / ("conversations", i))
        for i, c in enumerate(data["conversations"])
    )
    return Coaching(data["person"], data["cycle"], conversations, where)


def _report(data: Mapping[str, Any], where: Where) -> Report:
    problems = tuple(
        Problem(
            p["id"], p["found"], p["owner"], p["due"], p["status"], p.get("resolved"), where / ("problems", i)
        )
        for i, p in enumerate(data.get("problems", ()))
    )
    return Report(data["group"], data["cycle"], tuple(r["date"] for r in data["reports"]), problems, where)
