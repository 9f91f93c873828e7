"""Review edits: peer nominations and the feedback, as round-trip edits of a review file.

A *nomination* asks someone for an assessment: it is the assessment's first line,
``{reviewer: <peer>, relationship: peer}``, written before the reviewer writes anything
(the pull-request policy lets the employee, their manager or HR add and withdraw such an
untouched entry; everything in it after that is the reviewer's). A review scaffold
nominates as many peers as the person's class asks for (``min_count`` of its ``peer``
evaluators): the colleagues who share the person's manager and take part in the cycle,
the next ones after the person in id order, so that each is asked about as often as they
ask. ``perfcode nominate`` changes the choice.

The feedback is the manager's record of the feedback meeting (``feedback.meeting``) and the
employee's acknowledgement of the result (``feedback.acknowledged``, with an optional
``comment``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from perfcode.edit import Editable, date, to_node
from perfcode.errors import UsageError
from perfcode.model import Cycle, Person, Repository, Review
from perfcode.rules.cycles import participants

NOMINATION_KEYS = frozenset({"reviewer", "relationship"})
"""The keys of an untouched nomination; anything more is the reviewer's."""


def review_cycle(repo: Repository, person: str, cycle: str | None, today: str) -> Cycle:
    """The cycle of a person's review: ``cycle``, else the shortest open cycle they take part
    in whose phases hold ``today``."""
    if cycle is not None:
        if cycle in repo.sealed or (cycle in repo.cycles and repo.cycles[cycle].status == "closed"):
            raise UsageError(f"cycle {cycle} is closed: its reviews are the record and stay as they are")
        if cycle not in repo.cycles:
            raise UsageError(f"unknown cycle '{cycle}'; cycles: {', '.join(sorted(repo.cycles)) or 'none'}")
        return repo.cycles[cycle]
    running = [
        c
        for c in repo.cycles.values()
        if c.status == "open"
        and c.phases["planning"][0] <= today <= c.phases["results"][1]
        and any(p.id == person for p in participants(repo, c))
    ]
    if not running:
        raise UsageError(f"'{person}' takes part in no open cycle on {today}: give --cycle")
    return min(running, key=lambda c: (c.end, c.id))


def peers_wanted(framework: Mapping[str, Any], cls: str) -> int:
    """How many peer assessments the class asks for (0 when it asks for none)."""
    classes = {c["id"]: c for c in framework.get("classes", ())}
    evaluators = classes.get(cls, {}).get("evaluators") or ()
    return sum(int(e.get("min_count", 1)) for e in evaluators if e["relationship"] == "peer")


def suggested_peers(person: Person, participants: Sequence[Person], wanted: int) -> list[str]:
    """The ``wanted`` colleagues after ``person`` among those sharing their manager, in id order
    and round the end: everyone in a team is asked about as often as they ask."""
    if person.manager is None or wanted <= 0:
        return []
    team = sorted(p.id for p in participants if p.manager == person.manager)
    if person.id not in team:
        return []
    at = team.index(person.id)
    return [team[(at + n) % len(team)] for n in range(1, min(wanted, len(team) - 1) + 1)]


def is_nomination(entry: object) -> bool:
    """An assessment entry nobody has written in yet."""
    return isinstance(entry, Mapping) and set(entry) == NOMINATION_KEYS


def nominated_text(text: str, add: Sequence[str], withdraw: Sequence[str]) -> str:
    """The review's text with a peer nomination for each of ``add`` (after the assessments it
    has) and without the untouched nominations of ``withdraw``."""
    editable = Editable(text)
    data = editable.data
    entries = data.get("assessments")
    if not isinstance(entries, CommentedSeq):
        entries = to_node([])
        data.insert(_after(data, ("cycle", "person")), "assessments", entries)
    for peer in withdraw:
        found = [i for i, e in enumerate(entries) if _is_peer(e, peer)]
        if not found:
            raise UsageError(f"'{peer}' is not nominated as a peer")
        if not is_nomination(entries[found[0]]):
            raise UsageError(f"'{peer}' has started their assessment: only they may withdraw it")
        del entries[found[0]]
    flow = bool(entries) and isinstance(entries[-1], CommentedMap) and entries[-1].fa.flow_style()
    for peer in add:
        entries.append(to_node({"reviewer": peer, "relationship": "peer"}, flow=flow))
    return editable.text()


def _is_peer(entry: object, peer: str) -> bool:
    return (
        isinstance(entry, Mapping) and entry.get("reviewer") == peer and entry.get("relationship") == "peer"
    )


def nominated_peers(review: Review | None) -> list[str]:
    return [a.reviewer for a in review.assessments if a.relationship == "peer"] if review else []


def feedback_text(text: str, field: str, day: str, comment: str | None) -> str:
    """The review's text with ``feedback.<field>`` set to ``day`` (and the comment)."""
    editable = Editable(text)
    data = editable.data
    feedback = data.get("feedback")
    if not isinstance(feedback, CommentedMap):
        feedback = to_node({}, flow=True)
        data.insert(_after(data, FEEDBACK_FOLLOWS), "feedback", feedback)
    feedback[field] = date(day)
    if comment is not None:
        feedback["comment"] = to_node(comment)
    return editable.text()


FEEDBACK_FOLLOWS = ("final_rating", "calibration", "assessments", "cycle", "person")
"""The keys a review writes before ``feedback``, nearest first."""


def _after(data: CommentedMap, keys: Sequence[str]) -> int:
    """The position just after the first of ``keys`` the mapping has (else its end)."""
    present = list(data)
    found = next((k for k in keys if k in data), None)
    return present.index(found) + 1 if found is not None else len(present)
