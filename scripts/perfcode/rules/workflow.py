"""Workflow rules (PC7xx): CODEOWNERS and the pull-request policy.

PC70x keep ``.github/CODEOWNERS`` what the organisation says it is
(:mod:`perfcode.git.codeowners`). PC731 tells the reviewer that a pull request changes the
checker itself (:mod:`perfcode.git.checker`). PC71x and PC72x judge a pull request's change against
its base, so they report only under ``perfcode check --base REF --actor HANDLE``
(:mod:`perfcode.git.policy`); their explanations are the policy's documentation.
"""

from __future__ import annotations

from collections.abc import Iterator

from perfcode.findings import Finding
from perfcode.git.codeowners import MAX_BYTES, PATH, generated, org_broken, route
from perfcode.rules import Context, Rule, register, rule

for _code, _name, _summary, _explanation in (
    (
        "PC701",
        "codeowners-stale",
        "The committed CODEOWNERS is not the one generated from org/.",
        "CODEOWNERS routes every file to the people who must approve a change to it, and is "
        "generated from org/people, org/units and org/governance.yaml. When those change, run "
        "`perfcode codeowners --write` and commit the result; `perfcode codeowners --check` "
        "shows the difference. A repository with a .github folder must have the file.",
    ),
    (
        "PC711",
        "planning-lock",
        "A target, weight or alignment changed after planning without a revision.",
        "Once a cycle's planning phase has ended, the fields the schemas mark "
        "`x-locked-after: planning` are locked: a goal's weight and alignment (aligns_to, "
        "indicator, theme, perspective, method, local) and its key results' metric, unit, "
        "direction, accumulates, curve, baseline, threshold, target, stretch and weight; goals "
        "and key results are neither added, removed nor renamed (id, key_results). A locked "
        "field changes only when the same change adds a revision {date, change, reason} to the "
        "goal (for a removed goal: to another goal of the file), dated inside the cycle after "
        "planning and not after the day of the change, whose change names the field (target, "
        "weight ...; `perfcode revise` writes both). Actuals and check-ins are progress, never "
        "locked by planning.",
    ),
    (
        "PC712",
        "rating-lock",
        "A rating changed after calibration other than through an appeal decision.",
        "Once a cycle's calibration phase has ended, the fields the schemas mark "
        "`x-locked-after: calibration` are locked: the ratings of its reviews (an assessment's "
        "rating and competencies, the calibration, the final_rating; an encrypted "
        "assessment as a whole, since its ciphertext holds its ratings). "
        "After that, a rating changes only through an appeal: the appeal body records "
        "decision: amended with the new rating, and the final rating may follow it. In an "
        "encrypted review the check cannot read the values: a changed final rating passes "
        "when the appeal decision part changes in the same pull request, and the publish job, "
        "which holds the key, verifies the values after the merge.",
    ),
    (
        "PC713",
        "closed-cycle",
        "A file of a closed cycle changed other than through an appeal decision.",
        "A cycle with status: closed is the record of what happened: its cycle, goal, review "
        "and calibration files are read-only. The one exception is an appeal decision "
        "(appeal.decision, appeal.decided, appeal.rating, and a final rating equal to an "
        "amended appeal's rating), recorded by the body the framework names in appeals.handled_by.",
    ),
    (
        "PC721",
        "not-authorized",
        "The author of the change may not change this part of the file.",
        "Who may change what, judged from the base of the pull request: goals, targets and "
        "weights: the goal's owner (the person; a unit's head; the committee for company goals) "
        "or their approver (the manager; the head of the parent unit); actuals and check-ins: "
        "the owner only (for someone without a GitHub handle also their manager and their proxy, "
        "who may add and change them but not remove them); an assessment: its reviewer only "
        "(the self-assessment the employee, the manager assessment the manager, each peer their own), "
        "but an entry of reviewer and relationship alone, a nomination, is added or withdrawn by the "
        "employee, their manager or HR; calibration and final "
        "rating: the performance committee; the feedback meeting: the manager; acknowledgement "
        "and appeal filing: the employee (the acknowledgement of someone without a GitHub handle "
        "also their manager or proxy); appeal decisions: the appeal body; plans: the manager "
        "or HR; cycles and calibration records: the committee; a coaching conversation: the "
        "person's manager or skip-level manager, and the employee's comment on it: the employee; "
        "a promotion group's report: the group's lead and members, and the decisions on its "
        "problems: the committee. The message names the field, the rule and who could make the "
        "change.",
    ),
    (
        "PC722",
        "history-removed",
        "The change removes another person's history, or rewrites a revision.",
        "Check-ins, assessments, acknowledgements, appeals, coaching conversations and the "
        "employee's comments on them record what someone did or said; only that person may "
        "remove them, and a goal holding check-ins is removed only by its owner. Revisions "
        "record why a locked goal changed, and the committee's decisions on a report's problems "
        "what it decided: they are added to, never removed or rewritten.",
    ),
    (
        "PC723",
        "recused",
        "The author decided their own case, or the case of someone they report to.",
        "The decision on a review's calibration, its final rating and an appeal comes from "
        "someone other than the person concerned and other than their reports (direct or "
        "not): a committee member does not calibrate her own review, an appeal body member "
        "does not decide her own appeal or her manager's. When every member of the body is "
        "recused, the recusal_fallback of org/governance.yaml decides (PC109 when there is "
        "none). Judged from the base, like PC721.",
    ),
):
    register(Rule(_code, _name, "error", _summary, _explanation))


register(
    Rule(
        "PC731",
        "checker-changed",
        "warning",
        "The pull request changes the checker itself: a workflow, a schema, perfcode's code or its lock.",
        "CI judges a pull request with the base branch's workflow, code, schemas and lock, so that a "
        "pull request cannot weaken the rules that judge it; the other side of that is that nothing "
        "automatic judged what the change to .github/workflows/, schemas/, scripts/, pyproject.toml "
        "or requirements.txt does. This warning, one per changed file under `check --base`, says so "
        "for the reviewer (a maintainer, by CODEOWNERS). It never blocks: a dependency update is "
        "tested by the deps workflow. See docs/guides/threat-model.md.",
    )
)


@rule(
    "PC702",
    "codeowners-fallback",
    "A CODEOWNERS owner has no GitHub handle, so another owner approves instead.",
    """
    CODEOWNERS names people by their GitHub handle (github: in org/people). When the person
    a file should go to has none, the file goes to the next person up their management
    line, then to the HR support group, the committee or the maintainers, and this warning
    names the person whose handle is missing. A body without a team lists its members'
    handles; a member without one is left out.
    """,
    severity="warning",
)
def codeowners_fallback(ctx: Context) -> Iterator[Finding]:
    if not org_broken(ctx.repo):
        yield from route(ctx.repo).fallbacks


@rule(
    "PC703",
    "codeowners-size",
    "The generated CODEOWNERS is over GitHub's 3 MB limit.",
    """
    GitHub ignores a CODEOWNERS file of 3 MB or more as a whole, so no pull request would
    need anyone's approval. CODEOWNERS has two lines per person (their goals and their
    review); an organisation this large needs goal and review files grouped in folders per
    unit, so that one line can route a folder.
    """,
)
def codeowners_size(ctx: Context) -> Iterator[Finding]:
    if org_broken(ctx.repo) or not ctx.repo.governance:
        return
    size = len(generated(ctx.repo).encode("utf-8"))
    if size >= MAX_BYTES:
        yield Finding(
            PATH,
            1,
            1,
            "PC703",
            f"the generated CODEOWNERS is {size:,} bytes; GitHub ignores it from {MAX_BYTES:,}",
        )
