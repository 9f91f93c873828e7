"""Cascade rules (PC2xx): alignment of goals, weights, and key-result definitions."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterator, Mapping
from decimal import Decimal

from perfcode.findings import Finding
from perfcode.model import Goal, GoalFile, KeyResult, Repository, Where
from perfcode.rules import Context, rule
from perfcode.rules.common import finding, show, suggest, total, unknown

HUNDRED = Decimal(100)


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


def _aligned(repo: Repository) -> Iterator[tuple[GoalFile, Goal, int, str]]:
    for goals in repo.goal_files:
        for goal in goals.goals:
            for i, ref in enumerate(goal.aligns_to):
                yield goals, goal, i, ref


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
    repo, index = ctx.repo, goal_index(ctx.repo)
    elsewhere = {(owner, goal) for (_, owner, goal) in index}
    for goals, goal, i, ref in _aligned(repo):
        owner, _, goal_id = ref.partition("/")
        if resolve(repo, index, goals.cycle, ref) is None and (owner, goal_id) not in elsewhere:
            if repo.is_broken("goals", owner):
                continue
            candidates = {f"{o}/{g}" for (c, o, g) in index if c in repo.enclosing(goals.cycle)}
            yield finding(
                goal.where / ("aligns_to", i),
                "PC201",
                f"goal '{goal.id}' aligns to unknown goal '{ref}'",
                suggest(ref, candidates) or "align to an existing goal of this or an enclosing cycle",
            )


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
    explicit. The message gives the sum.
    """,
)
def goal_weights(ctx: Context) -> Iterator[Finding]:
    for goals in ctx.repo.goal_files:
        weights = total(g.weight for g in goals.goals)
        if goals.goals and weights != HUNDRED:
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
    for goals in ctx.repo.goal_files:
        for goal in goals.goals:
            weights = total(kr.weight for kr in goal.key_results)
            if goal.key_results and weights != HUNDRED:
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
    repo, index = ctx.repo, goal_index(ctx.repo)
    edges: dict[tuple[str, str, str], list[tuple[str, str, str]]] = {}
    for goals, goal, _, ref in _aligned(repo):
        found = resolve(repo, index, goals.cycle, ref)
        if found is not None:
            target = (found[0].cycle, found[0].owner, found[1].id)
            edges.setdefault((goals.cycle, goals.owner, goal.id), []).append(target)
    reported: set[tuple[str, str, str]] = set()
    for start in sorted(edges):
        loop = _find_loop(start, edges)
        if loop and not reported & set(loop):
            reported.update(loop)
            names = [f"{o}/{g}" for (_, o, g) in [*loop, loop[0]]]
            yield finding(
                index[loop[0]][1].where / "aligns_to",
                "PC205",
                f"alignment loops: {' -> '.join(names)}",
                "remove one link of the loop",
            )


def _find_loop(
    start: tuple[str, str, str], edges: dict[tuple[str, str, str], list[tuple[str, str, str]]]
) -> list[tuple[str, str, str]] | None:
    path: list[tuple[str, str, str]] = []
    on_path: set[tuple[str, str, str]] = set()
    done: set[tuple[str, str, str]] = set()

    def visit(node: tuple[str, str, str]) -> list[tuple[str, str, str]] | None:
        if node in on_path:
            return path[path.index(node) :]
        if node in done:
            return None
        path.append(node)
        on_path.add(node)
        for nxt in edges.get(node, ()):
            if (loop := visit(nxt)) is not None:
                return loop
        path.pop()
        on_path.discard(node)
        done.add(node)
        return None

    loop = visit(start)
    if loop is None or start not in loop:
        return None
    first = loop.index(min(loop))
    return loop[first:] + loop[:first]


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
    repo, index = ctx.repo, goal_index(ctx.repo)
    by_ref: dict[tuple[str, str], list[str]] = {}
    for cycle, owner, goal_id in index:
        by_ref.setdefault((owner, goal_id), []).append(cycle)
    for goals, goal, i, ref in _aligned(repo):
        owner, _, goal_id = ref.partition("/")
        cycles = by_ref.get((owner, goal_id))
        if cycles and resolve(repo, index, goals.cycle, ref) is None and not repo.is_broken("goals", owner):
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
    repo, index = ctx.repo, goal_index(ctx.repo)
    for goals, goal, i, ref in _aligned(repo):
        found = resolve(repo, index, goals.cycle, ref)
        if found is None:
            continue
        target = found[0]
        problem = _direction_problem(repo, goals, target)
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
    above = target.owner != source.owner and repo.within(source.owner, target.owner)
    if source.level == "unit" and target.level == "unit" and not above:
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
    for goals in ctx.repo.goal_files:
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
    org/framework.yaml. A personal goal's indicator should come from the owner's own
    position.
    """,
)
def unknown_goal_attribute(ctx: Context) -> Iterator[Finding]:
    repo = ctx.repo
    themes = {t["id"] for t in (repo.company or {}).get("strategy", {}).get("themes", ())}
    curves = {c["id"] for c in (repo.framework or {}).get("curves", ())}
    indicators = {f"{p.id}/{i}" for p in repo.positions.values() for i in p.indicators}
    for goals in repo.goal_files:
        for goal in goals.goals:
            if (
                goal.theme
                and repo.company
                and (
                    f := unknown(
                        repo, goal.where / "theme", "strategy theme", goal.theme, themes, code="PC209"
                    )
                )
            ):
                yield f
            if goal.indicator:
                yield from _indicator(repo, goals, goal, indicators)
            for kr in goal.key_results:
                if (
                    kr.curve
                    and repo.framework
                    and (f := unknown(repo, kr.where / "curve", "curve", kr.curve, curves, code="PC209"))
                ):
                    yield f


def _indicator(repo: Repository, goals: GoalFile, goal: Goal, indicators: set[str]) -> Iterator[Finding]:
    assert goal.indicator is not None
    position = goal.indicator.partition("/")[0]
    if repo.is_broken("position", position):
        return
    where = goal.where / "indicator"
    if f := unknown(repo, where, "position indicator", goal.indicator, indicators, code="PC209"):
        yield f
        return
    person = repo.people.get(goals.owner)
    # An unknown position of the owner is PC101's finding, not this one's.
    if person is not None and person.position != position and person.position in repo.positions:
        yield finding(
            where,
            "PC209",
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
    otherwise.
    """,
)
def key_result_values(ctx: Context) -> Iterator[Finding]:
    framework = ctx.repo.framework
    if not framework:
        return
    curves = {c["id"]: c for c in framework.get("curves", ())}
    ratings = {level["value"] for level in framework["scale"]["levels"]}
    for goals in ctx.repo.goal_files:
        for goal in goals.goals:
            for kr in goal.key_results:
                curve = curves.get(kr.curve or framework.get("default_curve", ""))
                if curve is not None:
                    yield from _kr_problems(kr, curve["kind"], ratings)


def _kr_problems(kr: KeyResult, kind: str, ratings: set[int]) -> Iterator[Finding]:
    if kind in ("linear", "piecewise"):
        needed = ("baseline", "target") if kind == "linear" else ("threshold", "target", "stretch")
        missing = [name for name in needed if getattr(kr, name) is None]
        if missing:
            yield finding(
                kr.where,
                "PC210",
                f"key result '{kr.id}' has a {kind} curve but no {' or '.join(missing)}",
                f"add {', '.join(missing)}",
            )
            return
        yield from _order(kr)
    values = [(kr.where / "actual", kr.actual)] if kr.actual is not None else []
    values += [(c.where / "value", c.value) for c in kr.check_ins]
    for where, value in values:
        problem = _value_problem(kind, value, ratings)
        if problem:
            yield finding(where, "PC210", f"key result '{kr.id}': {problem}", "")


def _order(kr: KeyResult) -> Iterator[Finding]:
    names = ("baseline", "threshold", "target", "stretch")
    points = [(name, getattr(kr, name)) for name in names if isinstance(getattr(kr, name), Decimal | int)]
    sign = 1 if kr.direction == "increase" else -1
    for (low_name, low), (high_name, high) in itertools.pairwise(points):
        strict = low_name != "baseline"
        bad = sign * (high - low) < 0 or (sign * (high - low) == 0 and (strict or high_name == "target"))
        if bad:
            word = "above" if sign > 0 else "below"
            yield finding(
                kr.where / high_name,
                "PC210",
                f"key result '{kr.id}' ({kr.direction}): {high_name} {show(Decimal(high))} is not {word} {low_name} {show(Decimal(low))}",
                f"for direction {kr.direction}, order baseline, threshold, target, stretch {'upward' if sign > 0 else 'downward'}",
            )
            return


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
