"""Cascade rules (PC2xx): alignment of goals, weights, and key-result definitions."""

from __future__ import annotations

import operator
from collections import Counter
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any, NamedTuple

from perfcode.findings import Finding
from perfcode.model import Goal, GoalFile, KeyResult, Repository, Where
from perfcode.rules import Context, rule
from perfcode.rules.common import finding, show, suggest, total, unknown
from perfcode.rules.graph import loop_through, on_loops
from perfcode.rules.shared import per_model
from perfcode.rules.tallies import tallies

HUNDRED = Decimal(100)
GoalKey = tuple[str, str, str]
"""(cycle, owner, goal id): a goal in the alignment graph."""


def goal_index(repo: Repository) -> Mapping[tuple[str, str, str], tuple[GoalFile, Goal]]:
    """(cycle, owner, goal id) -> the goal and its file (indexed once, when the model is built)."""
    return repo.goals_by_ref


def resolve(
    repo: Repository,
    index: Mapping[tuple[str, str, str], tuple[GoalFile, Goal]],
    cycle: str,
    ref: str,
) -> tuple[GoalFile, Goal] | None:
    """The goal a reference names, looked up in the cycle and then its enclosing cycles."""
    owner, _, goal = ref.partition("/")
    for candidate in repo.enclosing(cycle):
        if (found := index.get((candidate, owner, goal))) is not None:
            return found
    return None


class Link(NamedTuple):
    """One ``aligns_to`` reference and the goal it names (None when it names none)."""

    goals: GoalFile
    goal: Goal
    position: int
    ref: str
    target: tuple[GoalFile, Goal] | None


@per_model
def links(repo: Repository) -> tuple[Link, ...]:
    """Every goal reference of the model, resolved once for all the alignment rules.

    A reference is looked up in the goal's own cycle and then in its enclosing cycles.
    """
    # A team's goals name the same goals above them: each reference is resolved once per cycle.
    resolved: dict[str, dict[str, tuple[GoalFile, Goal] | None]] = {}
    found: list[Link] = []
    for goals in repo.goal_files:
        targets = resolved.get(goals.cycle)
        if targets is None:
            targets = resolved[goals.cycle] = {}
        for goal in goals.goals:
            for i, ref in enumerate(goal.aligns_to):
                if ref in targets:
                    target = targets[ref]
                else:
                    target = targets[ref] = resolve(repo, repo.goals_by_ref, goals.cycle, ref)
                found.append(Link(goals, goal, i, ref, target))
    return tuple(found)


@rule(
    "PC201",
    "unknown-goal",
    "aligns_to names a goal that does not exist in this or an enclosing cycle.",
    """
    A goal reference is <owner>/<goal-id>, where owner is 'company', a unit id or a person
    id. It is looked up in the goal's own cycle, then in the cycles that enclose it (a half
    year's goals may align to the year's company goals). A goal found only in an unrelated
    cycle is reported by PC206 instead.
    """,
)
def unknown_goal(ctx: Context) -> Iterator[Finding]:
    repo = ctx.repo
    for goals, goal, i, ref, _ in _unresolved(repo):
        owner, _, goal_id = ref.partition("/")
        if (owner, goal_id) not in cycles_of_goals(repo):
            if repo.is_broken("goals", owner):
                continue
            enclosing = repo.enclosing(goals.cycle)
            candidates = {f"{o}/{g}" for (c, o, g) in repo.goals_by_ref if c in enclosing}
            yield finding(
                goal.where / ("aligns_to", i),
                "PC201",
                f"goal '{goal.id}' aligns to unknown goal '{ref}'",
                suggest(ref, candidates) or "align to an existing goal of this or an enclosing cycle",
            )


def _unresolved(repo: Repository) -> Iterator[Link]:
    return (link for link in links(repo) if link.target is None)


@per_model
def cycles_of_goals(repo: Repository) -> Mapping[tuple[str, str], list[str]]:
    """(owner, goal id) -> the cycles that have such a goal."""
    cycles: dict[tuple[str, str], list[str]] = {}
    for cycle, owner, goal_id in repo.goals_by_ref:
        cycles.setdefault((owner, goal_id), []).append(cycle)
    return cycles


@rule(
    "PC202",
    "unaligned-goal",
    "A goal does not serve anything above it.",
    """
    Company goals name the strategy theme they serve (theme). Unit goals align to a company
    goal or a goal of a unit above them. Personal goals align to a unit or company goal, or
    take in a position indicator (indicator). A goal that deliberately serves nothing above
    it says so with local: {reason: ...}.
    """,
)
def unaligned_goal(ctx: Context) -> Iterator[Finding]:
    for goals in ctx.repo.goal_files:
        for goal in goals.goals:
            if goal.local:
                continue
            if goals.level == "company" and goal.theme is None:
                yield finding(
                    goal.where,
                    "PC202",
                    f"company goal '{goal.id}' names no strategy theme",
                    "add theme: <a theme id from org/company.yaml>",
                )
            elif goals.level != "company" and not goal.aligns_to and goal.indicator is None:
                also = " or indicator: <position>/<indicator>" if goals.level == "person" else ""
                yield finding(
                    goal.where,
                    "PC202",
                    f"goal '{goal.id}' aligns to nothing",
                    f"add aligns_to: [<owner>/<goal>]{also}, or local: {{reason: ...}}",
                )


@rule(
    "PC203",
    "goal-weights",
    "The goal weights of an owner do not sum to 100.",
    """
    Each goal file's goal weights sum to exactly 100, so every goal's share of the score is
    explicit. The message gives the sum. While the cycle's planning runs, the file is a
    draft and this is PC212, a warning.
    """,
)
def goal_weights(ctx: Context) -> Iterator[Finding]:
    for goals, weights in zip(ctx.repo.goal_files, tallies(ctx.repo).goal_weights, strict=True):
        if weights != HUNDRED and goals.goals and not drafting(ctx.repo, goals.cycle, ctx.today):
            yield finding(
                goals.where / "goals",
                "PC203",
                f"goal weights of '{goals.owner}' in {goals.cycle} sum to {show(weights)}, not 100",
                "adjust the weights so they sum to 100",
            )


@rule(
    "PC204",
    "key-result-weights",
    "The key-result weights of a goal do not sum to 100.",
    """
    Within each goal the key-result weights sum to exactly 100.
    """,
)
def key_result_weights(ctx: Context) -> Iterator[Finding]:
    counted = tallies(ctx.repo)
    for (_, goal), weights in zip(counted.goals, counted.key_result_weights, strict=True):
        if weights != HUNDRED and goal.key_results:
            yield finding(
                goal.where / "key_results",
                "PC204",
                f"key-result weights of goal '{goal.id}' sum to {show(weights)}, not 100",
                "adjust the weights so they sum to 100",
            )


@rule(
    "PC205",
    "alignment-cycle",
    "Goals align to each other in a loop.",
    """
    Alignment points upward; a loop (A aligns to B, B aligns to A) means neither serves
    anything above. Break the loop.
    """,
)
def alignment_cycle(ctx: Context) -> Iterator[Finding]:
    index = ctx.repo.goals_by_ref
    # A goal on a loop is the target of a link: the goals of files that hold no target
    # are left out of the graph (most personal goals; the ids only last this call).
    targets = {id(link.target[0]) for link in links(ctx.repo) if link.target is not None}
    edges: dict[GoalKey, list[GoalKey]] = {}
    for goals, goal, _, _, found in links(ctx.repo):
        if found is not None and id(goals) in targets:
            target = (found[0].cycle, found[0].owner, found[1].id)
            edges.setdefault((goals.cycle, goals.owner, goal.id), []).append(target)
    looped, component = on_loops(edges)
    reported: set[GoalKey] = set()
    # Each goal on a loop, in order, names a loop through itself unless one it shares a goal
    # with was named already.
    for start in looped:
        loop = loop_through(start, edges, component)
        if loop and not reported & set(loop):
            reported.update(loop)
            names = [f"{o}/{g}" for (_, o, g) in [*loop, loop[0]]]
            yield finding(
                index[loop[0]][1].where / "aligns_to",
                "PC205",
                f"alignment loops: {' -> '.join(names)}",
                "remove one link of the loop",
            )


@rule(
    "PC206",
    "alignment-across-cycles",
    "A goal aligns to a goal of a cycle that does not enclose its own.",
    """
    Goals align within their own cycle or to a cycle that encloses it (a half year to its
    year). Aligning to another half year's goals would tie this cycle to a period it does
    not cover.
    """,
)
def alignment_across_cycles(ctx: Context) -> Iterator[Finding]:
    repo = ctx.repo
    for goals, goal, i, ref, _ in _unresolved(repo):
        owner, _, goal_id = ref.partition("/")
        cycles = cycles_of_goals(repo).get((owner, goal_id))
        if cycles and not repo.is_broken("goals", owner):
            yield finding(
                goal.where / ("aligns_to", i),
                "PC206",
                f"'{ref}' is a goal of cycle {', '.join(sorted(cycles))}, which does not enclose {goals.cycle}",
                f"align to a goal of {goals.cycle} or of a cycle that encloses it",
            )


@rule(
    "PC207",
    "alignment-direction",
    "A goal aligns sideways or downward in the cascade.",
    """
    Alignment points up the cascade: a unit goal to a company goal or to a goal of a unit
    above it; a personal goal to a unit goal or a company goal. Company goals serve
    strategy themes (theme), not other goals.
    """,
)
def alignment_direction(ctx: Context) -> Iterator[Finding]:
    repo = ctx.repo
    for goals, goal, i, _, found in links(repo):
        if found is None:
            continue
        problem = _direction_problem(repo, goals, found[0])
        if problem:
            yield finding(
                goal.where / ("aligns_to", i),
                "PC207",
                f"goal '{goal.id}' {problem}",
                "remove aligns_to and name the theme"
                if goals.level == "company"
                else "align upward: to a company goal or a goal of an enclosing unit",
            )


def _direction_problem(repo: Repository, source: GoalFile, target: GoalFile) -> str:
    if source.level == "company":
        return "is a company goal; company goals serve strategy themes, not other goals"
    if target.level == "person":
        return f"aligns to the personal goals of '{target.owner}'"
    if source.level == "unit" and target.level == "unit":
        above = target.owner != source.owner and repo.within(source.owner, target.owner)
        if not above:
            return f"aligns to unit '{target.owner}', which is not above unit '{source.owner}'"
    return ""


@rule(
    "PC208",
    "duplicate-id",
    "Two goals of one file, or two key results of one goal, share an id.",
    """
    Goal ids are unique within their file and key-result ids within their goal, so that
    every goal reference and check-in names exactly one thing.
    """,
)
def duplicate_id(ctx: Context) -> Iterator[Finding]:
    for goals in tallies(ctx.repo).repeated_ids:
        yield from _duplicates([(g.id, g.where) for g in goals.goals], "goal")
        for goal in goals.goals:
            yield from _duplicates(
                [(kr.id, kr.where) for kr in goal.key_results], "key-result", f" in goal '{goal.id}'"
            )


def _duplicates(items: list[tuple[str, Where]], what: str, within: str = "") -> Iterator[Finding]:
    counts = Counter(ident for ident, _ in items)
    seen: set[str] = set()
    for ident, where in items:
        if counts[ident] > 1 and ident in seen:
            yield finding(
                where / "id",
                "PC208",
                f"{what} id '{ident}'{within} is used {counts[ident]} times",
                "give each one its own id",
            )
        seen.add(ident)


@rule(
    "PC209",
    "unknown-goal-attribute",
    "A goal names an unknown strategy theme, indicator or curve.",
    """
    A company goal's theme is a strategy theme of org/company.yaml; indicator is
    <position>/<indicator> of org/positions/; a key result's curve is a curve of
    org/framework.yaml. (An indicator of another position than the owner's is PC211.)
    """,
)
def unknown_goal_attribute(ctx: Context) -> Iterator[Finding]:
    repo = ctx.repo
    themes = {t["id"] for t in (repo.company or {}).get("strategy", {}).get("themes", ())}
    curves = {c["id"] for c in (repo.framework or {}).get("curves", ())}
    indicators = {f"{p.id}/{i}" for p in repo.positions.values() for i in p.indicators}
    counted = tallies(repo)
    # Key results are looked at one by one only when one of them names an unknown curve.
    curves_known = not repo.framework or counted.curves <= {*curves, None, ""}
    for _, goal in counted.goals:
        if (
            goal.theme
            and repo.company
            and goal.theme not in themes
            and (f := unknown(repo, goal.where / "theme", "strategy theme", goal.theme, themes, code="PC209"))
        ):
            yield f
        if goal.indicator and goal.indicator not in indicators:
            yield from _indicator(repo, goal, indicators)
        for kr in () if curves_known else goal.key_results:
            if (
                kr.curve
                and kr.curve not in curves
                and repo.framework
                and (f := unknown(repo, kr.where / "curve", "curve", kr.curve, curves, code="PC209"))
            ):
                yield f


def _indicator(repo: Repository, goal: Goal, indicators: set[str]) -> Iterator[Finding]:
    assert goal.indicator is not None
    if repo.is_broken("position", goal.indicator.partition("/")[0]):
        return
    where = goal.where / "indicator"
    if f := unknown(repo, where, "position indicator", goal.indicator, indicators, code="PC209"):
        yield f


@rule(
    "PC211",
    "indicator-of-another-position",
    "A personal goal takes in an indicator of another position than its owner's.",
    """
    Position indicators are the standard key indicators of a position; a person takes in
    those of their own position. An indicator of another one is usually a copy from a
    colleague's file or a position that changed; it is scored all the same, so this is a
    warning.
    """,
    severity="warning",
)
def indicator_of_another_position(ctx: Context) -> Iterator[Finding]:
    repo = ctx.repo
    indicators = {f"{p.id}/{i}" for p in repo.positions.values() for i in p.indicators}
    for goals, goal in tallies(repo).goals:
        person = repo.people.get(goals.owner) if goals.level == "person" else None
        # An unknown indicator is PC209's, an unknown position of the owner PC101's.
        if person is None or goal.indicator not in indicators or person.position not in repo.positions:
            continue
        position = str(goal.indicator).partition("/")[0]
        if person.position != position:
            yield finding(
                goal.where / "indicator",
                "PC211",
                f"indicator '{goal.indicator}' belongs to position '{position}', but '{person.id}' holds position '{person.position}'",
                "take in an indicator of the owner's own position",
                "warning",
            )


@rule(
    "PC210",
    "key-result-values",
    "A key result's threshold, target and stretch contradict its direction or curve.",
    """
    For direction: increase, baseline <= threshold < target < stretch; for decrease the
    order is reversed (lower is better). A piecewise curve needs threshold, target and
    stretch; a linear curve needs baseline and target, and they must differ (a zero range
    cannot be scored). Actuals and check-in values fit the curve: true/false for binary
    curves, 0.0-1.0 for OKR grades, a rating of the scale for scale curves, numbers
    otherwise. While the cycle's planning runs, missing or misordered points are PC212, a
    warning: the goal file is a draft.
    """,
)
def key_result_values(ctx: Context) -> Iterator[Finding]:
    framework = ctx.repo.framework
    if not framework:
        return
    kinds = {c["id"]: c["kind"] for c in framework.get("curves", ())}
    default = framework.get("default_curve", "")
    ratings = {level["value"] for level in framework["scale"]["levels"]}
    counted = tallies(ctx.repo)
    flagged: list[int] = []
    written: dict[str, list[object]] = {kind: [] for kind in kinds.values()}
    for curve, values in counted.check_in_values.items():
        if (kind := kinds.get(curve or default)) is not None:
            written[kind] += values
    for i, (_, _, kr) in enumerate(counted.key_results):
        kind = kinds.get(kr.curve or default)
        if kind is None:
            continue
        if kind in _NUMERIC and not _well_defined(kr, kind):
            flagged.append(i)
        if kr.actual is not None:
            written[kind].append(kr.actual)
    # The values of a kind are looked at per key result only when one of them does not fit.
    suspect = {kind for kind, values in written.items() if not _fit(kind, values, ratings)}
    if suspect:
        flagged = sorted({*flagged, *_misfits(counted.key_results, kinds, default, suspect, ratings)})
    for i in flagged:
        goals, _, kr = counted.key_results[i]
        draft = drafting(ctx.repo, goals.cycle, ctx.today)
        yield from _kr_problems(kr, kinds[kr.curve or default], ratings, draft)


def _misfits(
    key_results: list[tuple[GoalFile, Goal, KeyResult]],
    kinds: Mapping[str, str],
    default: str,
    suspect: set[str],
    ratings: set[int],
) -> Iterator[int]:
    """The positions of the key results of a suspect kind that have a value that does not fit."""
    for i, (_, _, kr) in enumerate(key_results):
        kind = kinds.get(kr.curve or default)
        if kind in suspect and not _fit(kind, _values(kr), ratings):
            yield i


_VALUE = operator.attrgetter("value")
_NUMERIC = ("linear", "piecewise")
_NUMBER_TYPES = frozenset({Decimal, int})
_NUMBER = (Decimal, int)
_POINTS = ("baseline", "threshold", "target", "stretch")


def _values(kr: KeyResult) -> list[Any]:
    """The actual, when there is one, and the check-ins' values."""
    return ([kr.actual] if kr.actual is not None else []) + list(map(_VALUE, kr.check_ins))


def _fit(kind: str, values: list[Any], ratings: set[int]) -> bool:
    """Whether :func:`_value_problem` finds nothing in any of the values."""
    types = set(map(type, values))
    if kind == "binary":
        return types <= {bool}
    numbers = types <= _NUMBER_TYPES
    if kind == "grade":
        return numbers and (not values or (min(values) >= 0 and max(values) <= 1))
    if kind == "scale":
        return numbers and set(values) <= ratings
    return numbers or kind not in _NUMERIC


def _well_defined(kr: KeyResult, kind: str) -> bool:
    """Whether a numeric curve's points are all there and in order (nothing for :func:`_kr_problems`)."""
    low, threshold, target, stretch = kr.baseline, kr.threshold, kr.target, kr.stretch
    if (
        isinstance(low, _NUMBER)
        and isinstance(threshold, _NUMBER)
        and isinstance(target, _NUMBER)
        and isinstance(stretch, _NUMBER)
    ):
        # All four written, the usual case: baseline may equal threshold, the others differ.
        if kr.direction == "increase":
            return low <= threshold < target < stretch
        return low >= threshold > target > stretch
    needed = (kr.baseline, kr.target) if kind == "linear" else (kr.threshold, kr.target, kr.stretch)
    return None not in needed and _misordered(kr) is None


def _kr_problems(kr: KeyResult, kind: str, ratings: set[int], draft: bool = False) -> Iterator[Finding]:
    """The key result's problems; in a draft (planning runs) its points are PC212's."""
    if kind in _NUMERIC and (problem := points_problem(kr, kind)) is not None:
        if not draft:
            yield finding(problem.where, "PC210", problem.message, problem.hint)
        if problem.missing:
            return
    values = [(kr.where / "actual", kr.actual)] if kr.actual is not None else []
    values += [(c.where / "value", c.value) for c in kr.check_ins]
    for where, value in values:
        wrong = _value_problem(kind, value, ratings)
        if wrong:
            yield finding(where, "PC210", f"key result '{kr.id}': {wrong}", "")


class Problem(NamedTuple):
    """What keeps a goal file from being scored as planned, where, and how to fix it."""

    where: Where
    message: str
    hint: str
    missing: bool = False


def points_problem(kr: KeyResult, kind: str) -> Problem | None:
    """The points a numeric curve lacks, or the first two out of the direction's order."""
    needed = ("baseline", "target") if kind == "linear" else ("threshold", "target", "stretch")
    missing = [name for name in needed if getattr(kr, name) is None]
    if missing:
        message = f"key result '{kr.id}' has a {kind} curve but no {' or '.join(missing)}"
        return Problem(kr.where, message, f"add {', '.join(missing)}", True)
    pair = _misordered(kr)
    if pair is None:
        return None
    low_name, low, high_name, high = pair
    upward = kr.direction == "increase"
    return Problem(
        kr.where / high_name,
        f"key result '{kr.id}' ({kr.direction}): {high_name} {show(Decimal(high))} is not {'above' if upward else 'below'} {low_name} {show(Decimal(low))}",
        f"for direction {kr.direction}, order baseline, threshold, target, stretch {'upward' if upward else 'downward'}",
    )


def unfinished(repo: Repository, goals: GoalFile) -> list[Problem]:
    """What keeps a goal file from being scored as planned: goal weights that do not sum to
    100 (PC203), key results whose curve lacks points or has them out of order (PC210)."""
    found = []
    weights = total(g.weight for g in goals.goals)
    if goals.goals and weights != HUNDRED:
        message = f"goal weights of '{goals.owner}' in {goals.cycle} sum to {show(weights)}, not 100"
        found.append(Problem(goals.where / "goals", message, "adjust the weights so they sum to 100"))
    framework = repo.framework or {}
    kinds = {c["id"]: c["kind"] for c in framework.get("curves", ())}
    for goal in goals.goals:
        for kr in goal.key_results:
            kind = kinds.get(kr.curve or framework.get("default_curve", ""))
            if kind in _NUMERIC and (problem := points_problem(kr, str(kind))) is not None:
                found.append(problem)
    return found


def drafting(repo: Repository, cycle: str, today: str) -> bool:
    """Whether the goal files of a cycle are drafts: its planning has not ended."""
    found = repo.cycles.get(cycle)
    return found is not None and found.status == "open" and today <= found.phases["planning"][1]


def _misordered(kr: KeyResult) -> tuple[str, Decimal | int, str, Decimal | int] | None:
    """The first two of baseline, threshold, target and stretch (those written as numbers)
    out of the direction's order: baseline may equal threshold, other neighbours differ."""
    upward = kr.direction == "increase"
    low_name, low = "", None
    for name, value in zip(_POINTS, (kr.baseline, kr.threshold, kr.target, kr.stretch), strict=True):
        if not isinstance(value, _NUMBER):
            continue
        if low is not None:
            # Exact numbers: comparing them is comparing their difference with zero.
            backwards = value < low if upward else value > low
            if backwards or (value == low and (low_name != "baseline" or name == "target")):
                return low_name, low, name, value
        low_name, low = name, value
    return None


def _value_problem(kind: str, value: object, ratings: set[int]) -> str:
    is_number = isinstance(value, Decimal | int) and not isinstance(value, bool)
    shown = _yaml(value)
    if kind == "binary" and not isinstance(value, bool):
        return f"value {shown} of a binary key result must be true or false"
    if kind == "grade" and not (is_number and 0 <= value <= 1):  # type: ignore[operator]
        return f"grade {shown} must be a number from 0.0 to 1.0"
    if kind == "scale" and (not is_number or value not in ratings):
        return f"rating {shown} is not on the scale ({', '.join(map(str, sorted(ratings)))})"
    if kind in ("linear", "piecewise") and not is_number:
        return f"value {shown} must be a number"
    return ""


def _yaml(value: object) -> str:
    """A value as it is written in YAML: true, 0.5, not Python's True, Decimal('0.5')."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return show(value) if isinstance(value, Decimal) else str(value)
