"""Goals and key results as the pages show them: progress bars, charts, alignment.

A key result's *progress* is its score on its curve (1 = the target reached), from the
actual value or, while the cycle runs, from the latest check-in (a projection).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from markupsafe import Markup

from perfcode.model import Goal, GoalFile, KeyResult
from perfcode.scoring.curves import KeyResultScore
from perfcode.scoring.rollup import GoalScore
from perfcode.site.cascade import Cascade, Key
from perfcode.site.charts import Series, progress_chart
from perfcode.site.links import FileLinks, Target, file_links, goal_anchor
from perfcode.site.text import bar, day, number

MARKS = ("baseline", "threshold", "target", "stretch")


@dataclass(frozen=True)
class Ref:
    label: str
    target: Target | None
    level: str = ""


@dataclass(frozen=True)
class CheckInView:
    date: str
    value: str
    note: str


@dataclass(frozen=True)
class KeyResultView:
    id: str
    metric: str
    unit: str
    curve: str
    direction: str
    weight: Decimal
    marks: list[tuple[str, str]]
    value: str
    source: str
    score: Decimal | None
    projected: bool
    bar: str
    check_ins: list[CheckInView]
    chart: Markup | None
    checkin: str = ""
    """GitHub's web editor for the goal file, while its cycle is open and has started."""


@dataclass(frozen=True)
class GoalView:
    anchor: str
    title: str
    description: str
    weight: Decimal
    score: Decimal | None
    projected: bool
    bar: str
    aligns: list[Ref]
    supports: list[Ref]
    theme: str | None
    indicator: str | None
    perspective: str | None
    method: str | None
    local: str | None
    revisions: list[dict[str, Any]]
    key_results: list[KeyResultView]
    change: str = ""
    """GitHub's web editor for the goal file, unless its cycle is closed."""
    history: str = ""


def goal_views(cascade: Cascade, goals: GoalFile, progress: bool = True) -> list[GoalView]:
    """The goals of a file, scored; without ``progress`` only what was planned.

    Charts are drawn for company and unit goals; a person's key results show their bars
    and check-ins, which keeps the page of a large unit small.
    """
    charts = progress and goals.level != "person"
    views = [_goal(cascade, goals, goal, progress, charts) for goal in goals.goals]
    files = _file_links(cascade, goals)
    return [_with_links(view, files, progress) for view in views] if files else views


def _file_links(cascade: Cascade, goals: GoalFile) -> FileLinks | None:
    """The goal file's links on GitHub: history always, the editor only while the cycle is not
    closed; none without a repository. Made from the file's path, never from its text."""
    repo = cascade.data.repository
    if repo is None:
        return None
    links = file_links(repo, goals.where.path)
    cycle = cascade.data.repo.cycles.get(goals.cycle)
    return links if cycle is not None and cycle.status != "closed" else FileLinks("", links.history)


def _with_links(view: GoalView, files: FileLinks, progress: bool) -> GoalView:
    checkin = files.change if progress else ""
    krs = [replace(kr, checkin=checkin) for kr in view.key_results]
    return replace(view, change=files.change, history=files.history, key_results=krs)


def _goal(cascade: Cascade, goals: GoalFile, goal: Goal, progress: bool, charts: bool) -> GoalView:
    data = cascade.data
    raw = data.raw(goal.where.path, goal.where.pointer)
    key: Key = (goals.cycle, goals.owner, goal.id)
    scored = cascade.scored(key)
    krs = [
        _key_result(cascade, goals.cycle, kr, kr_score, progress, charts)
        for kr, kr_score in zip(goal.key_results, _kr_scores(scored, goal), strict=True)
    ]
    return GoalView(
        anchor=goal_anchor(goals.cycle, goals.owner, goal.id),
        title=goal.title,
        description=raw.get("description", ""),
        weight=goal.weight,
        score=scored.score if progress and scored else None,
        projected=bool(progress and scored and scored.projected),
        bar=bar(scored.score) if progress and scored else "0",
        aligns=[_ref(cascade, parent) for parent in cascade.parents.get(key, [])]
        + [Ref(ref, None) for ref in cascade.unresolved.get(key, [])],
        supports=[_ref(cascade, child) for child in cascade.children.get(key, [])],
        theme=_theme(cascade, goal.theme),
        indicator=goal.indicator,
        perspective=goal.perspective,
        method=goal.method,
        local=(raw.get("local") or {}).get("reason"),
        revisions=list(raw.get("revisions", ())),
        key_results=krs,
    )


def _kr_scores(scored: GoalScore | None, goal: Goal) -> list[KeyResultScore | None]:
    return list(scored.key_results) if scored else [None] * len(goal.key_results)


def _ref(cascade: Cascade, key: Key) -> Ref:
    return Ref(cascade.label(key), cascade.target(key), cascade.file(key).level)


def _theme(cascade: Cascade, theme: str | None) -> str | None:
    if theme is None:
        return None
    for item in cascade.data.company().get("strategy", {}).get("themes", ()):
        if item.get("id") == theme:
            return str(item.get("title", theme))
    return theme


def _key_result(
    cascade: Cascade, cycle: str, kr: KeyResult, scored: KeyResultScore | None, progress: bool, charts: bool
) -> KeyResultView:
    raw = cascade.data.raw(kr.where.path, kr.where.pointer)
    unit = str(raw.get("unit", ""))
    marks = [(name, getattr(kr, name)) for name in MARKS if getattr(kr, name) is not None]
    value = scored.value if scored and progress else None
    return KeyResultView(
        id=kr.id,
        metric=kr.metric,
        unit=unit,
        curve=scored.curve if scored else (kr.curve or ""),
        direction=kr.direction,
        weight=kr.weight,
        marks=[(name, number(v)) for name, v in marks],
        value=number(value) if value is not None else "",
        source=_source(kr, scored) if progress else "",
        score=scored.score if scored and progress else None,
        projected=bool(scored and progress and scored.projected),
        bar=bar(scored.score) if scored and progress else "0",
        check_ins=[CheckInView(c.date, number(c.value), c.note) for c in kr.check_ins] if progress else [],
        chart=_chart(cascade, cycle, kr, marks, unit) if charts else None,
    )


def _source(kr: KeyResult, scored: KeyResultScore | None) -> str:
    if kr.actual is not None:
        return "actual"
    if kr.check_ins:
        return f"check-in of {day(max(c.date for c in kr.check_ins))}"
    return "no check-in yet"


def _numeric(value: object) -> bool:
    return isinstance(value, int | Decimal) and not isinstance(value, bool)


def _chart(
    cascade: Cascade, cycle: str, kr: KeyResult, marks: list[tuple[str, Any]], unit: str
) -> Markup | None:
    points = sorted((c.date, Decimal(c.value)) for c in kr.check_ins if _numeric(c.value))
    if not points:
        return None
    period = cascade.data.cycle(cycle)
    series = Series(
        start=period.start,
        end=period.end,
        points=points,
        marks=[(name, Decimal(v)) for name, v in marks if _numeric(v)],
        today=cascade.data.today,
        final=Decimal(kr.actual) if _numeric(kr.actual) else None,
        unit=unit,
    )
    return progress_chart(series, f"{kr.metric} over the cycle")
