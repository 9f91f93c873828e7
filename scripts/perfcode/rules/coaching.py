"""Coaching rules (PC407-PC408): who held a coaching conversation, when, about what.

A coaching record (``reviews/<cycle>/coaching/<person>.yaml``) lists the conversations a
person's manager held with them in a cycle (the cycle of its folder, which PC102 holds
the record's ``cycle`` to). The rules ask the organisation of the day of
each conversation, since a person may change managers during a cycle. The notes of a
conversation are never read here: they stay out of the model.
"""

from __future__ import annotations

from collections.abc import Iterator

from perfcode.findings import Finding
from perfcode.model import Coaching, Conversation, Repository, cycle_of
from perfcode.rules import Context, rule
from perfcode.rules.common import finding, suggest, unknown


def coaches(repo: Repository, person_id: str, day: str) -> list[str]:
    """Who may coach ``person_id`` on ``day``: their manager and their manager's manager then."""
    person = repo.people.get(person_id)
    manager = person.on(day).manager if person else None
    if manager is None:
        return []
    above = repo.people.get(manager)
    skip = above.on(day).manager if above else None
    return [manager, skip] if skip else [manager]


@rule(
    "PC407",
    "coaching-coach",
    "A coaching conversation is held by someone other than the person's manager or skip-level manager.",
    """
    Performance coaching is the manager's duty: each conversation in a coaching record names
    its `coach`, who must be the person's manager, or their manager's manager, on the day of
    the conversation (a transfer during the cycle changes who that is).
    """,
)
def coaching_coach(ctx: Context) -> Iterator[Finding]:
    repo = ctx.repo
    for record in repo.coaching:
        if record.person not in repo.people:
            continue
        for talk in record.conversations:
            if talk.coach not in repo.people:
                if f := unknown(repo, talk.where / "coach", "person", talk.coach, repo.people, "person"):
                    yield f
                continue
            allowed = coaches(repo, record.person, talk.date)
            if talk.coach not in allowed:
                yield finding(
                    talk.where / "coach",
                    "PC407",
                    f"'{talk.coach}' is not the manager or skip-level manager of '{record.person}' "
                    f"on {talk.date}",
                    f"the coach is {' or '.join(repr(c) for c in allowed)}"
                    if allowed
                    else "nobody coaches them",
                )


@rule(
    "PC408",
    "coaching-conversation",
    "A coaching conversation is dated outside its cycle or in the future, twice on a day, or names a goal the person does not have.",
    """
    A conversation belongs to its cycle: it is dated within the cycle's period and not after
    today, one conversation per day, and the goals it discussed are ids of the person's own
    goals in the cycle (goals/<cycle>/people/<person>.yaml).
    """,
)
def coaching_conversation(ctx: Context) -> Iterator[Finding]:
    for record in ctx.repo.coaching:
        yield from _dates(ctx, record)
        goals = ctx.repo.goals_of(cycle_of(record.where.path), record.person)
        if goals is None:
            continue
        known = [g.id for g in goals.goals]
        for talk in record.conversations:
            yield from _goals(talk, known, goals.where.path)


def _dates(ctx: Context, record: Coaching) -> Iterator[Finding]:
    cycle = ctx.repo.cycles.get(cycle_of(record.where.path))
    seen: set[str] = set()
    for talk in record.conversations:
        where = talk.where / "date"
        if talk.date in seen:
            yield finding(where, "PC408", f"a second conversation on {talk.date}", "merge the two into one")
        seen.add(talk.date)
        if cycle is not None and not cycle.start <= talk.date <= cycle.end:
            yield finding(
                where,
                "PC408",
                f"conversation on {talk.date} is outside {cycle.id} ({cycle.start}..{cycle.end})",
                "record it in the coaching record of the cycle it belongs to",
            )
        elif talk.date > ctx.today:
            yield finding(
                where, "PC408", f"conversation on {talk.date} is in the future", "record it once it is held"
            )


def _goals(talk: Conversation, known: list[str], path: str) -> Iterator[Finding]:
    for i, goal in enumerate(talk.goals):
        if goal not in known:
            yield finding(
                talk.where / ("goals", i),
                "PC408",
                f"conversation on {talk.date} names goal '{goal}', which is not in {path}",
                suggest(goal, known) or f"goals: {', '.join(known) or 'none'}",
            )
