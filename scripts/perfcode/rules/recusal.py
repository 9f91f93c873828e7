"""Recusal rules (PC109): every case has someone who may decide it (:mod:`perfcode.recusal`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from perfcode.findings import Finding, PointerPart, at
from perfcode.model import Repository
from perfcode.recusal import all_recused_for, fallback_handles
from perfcode.rules import Context, rule
from perfcode.rules.cycles import min_days, takes_part

GOVERNANCE = "org/governance.yaml"


@rule(
    "PC109",
    "recusal-fallback",
    "Everyone who would decide someone's case is recused, and no fallback is declared.",
    """
    Nobody decides their own calibration, final rating or appeal, nor that of someone they
    report to (PC723). When every member of the performance committee (calibration and
    final rating) or of the appeal body is the person concerned or reports to them, as
    when the committee is the president and the heads of department, nobody may decide that
    person's case. Declare who decides then in org/governance.yaml:
    recusal_fallback: {name: Board of directors, github: [board-chair]}. Until then the
    pull-request policy refuses every such decision. The warning comes when such a case can
    arise: the person takes part in a cycle that is not closed (a new company's president,
    whose class is assessed annually, has no case in a half-year cycle).
    """,
    severity="warning",
)
def recusal_fallback(ctx: Context) -> Iterator[Finding]:
    governance = ctx.repo.governance
    if not governance:
        return
    appeals = ((ctx.repo.framework or {}).get("appeals") or {}).get("handled_by")
    for pointer, body in _bodies(governance):
        decides = ["calibration"] if pointer == ("committee",) else []
        if body.get("id") == (appeals or (governance.get("support_group") or {}).get("id")):
            decides.append("appeal")
        if decides:
            yield from _undecidable(ctx, pointer, body, " and ".join(decides))


def _bodies(governance: Mapping[str, Any]) -> Iterator[tuple[tuple[PointerPart, ...], Mapping[str, Any]]]:
    for key in ("committee", "support_group"):
        if isinstance(governance.get(key), Mapping):
            yield (key,), governance[key]
    for i, group in enumerate(governance.get("promotion_groups") or ()):
        yield ("promotion_groups", i), group


def _with_a_case(repo: Repository, people: Iterable[str]) -> list[str]:
    """Those of ``people`` whose case can arise: they take part in a cycle that is not closed."""
    minimum = min_days(repo)
    running = [c for c in repo.cycles.values() if c.status != "closed"]
    return [
        p
        for p in people
        if p in repo.people and any(takes_part(repo.people[p], cycle, minimum) for cycle in running)
    ]


def _undecidable(
    ctx: Context, pointer: tuple[PointerPart, ...], body: Mapping[str, Any], decides: str
) -> Iterator[Finding]:
    leader = body.get("chair") or body.get("lead")
    members = [m for m in (leader, *body.get("members", ())) if m in ctx.repo.people]
    for person in sorted(_with_a_case(ctx.repo, all_recused_for(ctx.repo, members))):
        if not fallback_handles(ctx.repo, person):
            yield at(
                GOVERNANCE,
                pointer,
                "PC109",
                f"nobody may decide the {decides} of '{person}': every member of {body.get('id')} "
                f"is {person} or reports to them",
                "declare who decides then: recusal_fallback {name, github} in org/governance.yaml",
                "warning",
            )
