"""Tallies: what several rules count over every goal file, taken in one pass.

A large organisation has a hundred thousand goals and key results and half a million
check-ins. Going over them once for all the rules that add up weights (PC203, PC204), look
for repeated ids (PC208), name curves (PC209) and bound check-in dates and values (PC303,
PC210) costs a
fraction of each rule going over them again; a rule looks closer only where a tally says
there may be something to report.
"""

from __future__ import annotations

import operator
from decimal import Decimal
from typing import NamedTuple

from perfcode.model import Goal, GoalFile, KeyResult, Repository
from perfcode.rules.shared import per_model

_ID = operator.attrgetter("id")
_WEIGHT = operator.attrgetter("weight")
_DATE = operator.attrgetter("date")
_VALUE = operator.attrgetter("value")
_ZERO = Decimal(0)


class Tallies(NamedTuple):
    """The goal files counted in one pass; lists follow the order of ``repo.goal_files``."""

    goals: list[tuple[GoalFile, Goal]]
    """Every goal with its file, in the order of the files."""
    key_results: list[tuple[GoalFile, Goal, KeyResult]]
    """Every key result with its goal and file, in the same order."""
    goal_weights: list[Decimal]
    """Per goal file: its goals' weights added up, as :func:`perfcode.rules.common.total` adds."""
    key_result_weights: list[Decimal]
    """Per goal (as in ``goals``): its key results' weights added up."""
    repeated_ids: list[GoalFile]
    """The files with two goals of one id, or a goal with two key results of one id."""
    check_in_dates: dict[str, set[str]]
    """The dates of the check-ins, by the cycle of their goal file."""
    check_in_values: dict[str | None, list[object]]
    """Every check-in value, by the curve its key result names (None: the default curve)."""
    curves: set[str | None]
    """The curves the key results name."""


@per_model
def tallies(repo: Repository) -> Tallies:
    """The tallies of the model's goal files, taken once for all the rules."""
    found = Tallies([], [], [], [], [], {}, {}, set())
    # The lists' appends looked up once: the loop runs for every goal and key result.
    add_goal, add_key_result = found.goals.append, found.key_results.append
    add_weights, add_curve = found.key_result_weights.append, found.curves.add
    for goals in repo.goal_files:
        found.goal_weights.append(sum(map(_WEIGHT, goals.goals), _ZERO))
        repeated = _repeats(list(map(_ID, goals.goals)))
        dates = found.check_in_dates.setdefault(goals.cycle, set())
        for goal in goals.goals:
            add_goal((goals, goal))
            krs = goal.key_results
            add_weights(sum(map(_WEIGHT, krs), _ZERO))
            repeated = repeated or (len(krs) > 1 and _repeats(list(map(_ID, krs))))
            for kr in krs:
                add_key_result((goals, goal, kr))
                add_curve(kr.curve)
                if kr.check_ins:
                    dates.update(map(_DATE, kr.check_ins))
                    found.check_in_values.setdefault(kr.curve, []).extend(map(_VALUE, kr.check_ins))
        if repeated:
            found.repeated_ids.append(goals)
    return found


def _repeats(ids: list[str]) -> bool:
    return len(set(ids)) < len(ids)
