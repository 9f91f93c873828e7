"""Drafts (PC212): a goal file is work in progress while its cycle's planning runs.

`perfcode cycle open` scaffolds every participant's goals with their position's indicators,
whose targets only the person can fill in; people then add goals one by one. Until planning
ends, weights that do not yet sum to 100 and key results without their targets are what is
left to do: a warning here and an item of `perfcode cycle status` (:mod:`perfcode.tracking`)
due at the end of planning. Once planning ends they are errors (PC203, PC210).
"""

from __future__ import annotations

from collections.abc import Iterator

from perfcode.findings import Finding
from perfcode.rules import Context, rule
from perfcode.rules.cascade import drafting, unfinished
from perfcode.rules.common import finding


@rule(
    "PC212",
    "draft-goals",
    "A goal file is still a draft while planning runs: weights not yet 100, targets missing.",
    """
    While a cycle's planning phase runs (and before it starts), its goal files are drafts:
    goal weights that do not sum to 100 (PC203 once planning ends) and key results whose
    curve lacks points or has them out of order (PC210 once planning ends) are what is left
    to do before planning ends. They are reported as this warning, and `perfcode cycle
    status` lists the file as due at the end of planning.
    """,
    severity="warning",
)
def draft_goals(ctx: Context) -> Iterator[Finding]:
    repo = ctx.repo
    running = {c for c in repo.cycles if drafting(repo, c, ctx.today)}
    for goals in repo.goal_files:
        if goals.cycle not in running:
            continue
        ends = repo.cycles[goals.cycle].phases["planning"][1]
        for problem in unfinished(repo, goals):
            message = f"{problem.message} (a draft until planning ends on {ends})"
            yield finding(problem.where, "PC212", message, problem.hint, "warning")
