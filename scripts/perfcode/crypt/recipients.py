"""Recipients: who may read each part of a review, derived from the organisation.

- the person: their self and manager assessments, final rating, feedback, plan, appeal
  and record;
- a reviewer: what they wrote (a peer reads only their own assessment);
- the manager chain, today's (after a transfer the former chain reads no new part);
- the HR support group, less its ``external`` members, who are never recipients;
- the committee: the calibration, the final rating and the record;
- the appeal body: the final rating, the appeal and the record;
- the publish job's ``scoring_key`` (``org/governance.yaml``): every part.

People without a key (``age`` or ``ssh`` in their person file) are no recipients, and
nothing asks for them: their manager and HR read for them. Leavers read nothing new.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from perfcode.crypt.keys import KeyError_, Recipient, recipient
from perfcode.crypt.parts import Part
from perfcode.crypt.seal import Audience
from perfcode.model import Repository

OWN = frozenset({"self", "manager", "earlier-manager"})
"""Relationships whose assessment the person reads (the rest only their writer)."""


def readers(repo: Repository, part: Part, person_id: str, value: Any) -> set[str]:
    """The person ids entitled to read ``part`` of ``person_id``'s review."""
    base = set(manager_chain(repo, person_id)) | hr(repo)
    subject = {person_id}
    by_audience = {
        "subject": subject,
        "calibration": committee(repo),
        "rating": subject | committee(repo) | appeal_body(repo),
        "appeal": subject | appeal_body(repo),
        "record": subject | committee(repo) | appeal_body(repo),
    }
    if part.audience == "assessment":
        entry = value if isinstance(value, Mapping) else {}
        own = subject if entry.get("relationship") in OWN else set()
        return base | own | {str(entry["reviewer"])} if entry.get("reviewer") else base | own
    return base | by_audience[part.audience]


def recipients_of(repo: Repository, ids: Iterable[str]) -> list[Recipient]:
    """The keys of those people who have one and have not left, and the scoring key."""
    found: list[Recipient | None] = []
    for person_id in sorted(set(ids)):
        person = repo.people.get(person_id)
        if person is not None and person.left is None:
            found += [_usable(k) for k in person.keys]
    key = (repo.governance or {}).get("scoring_key")
    if key:
        found.append(_usable(str(key)))
    return [r for r in found if r is not None]


def audience(repo: Repository, person_id: str) -> Audience:
    """The recipients of each part of ``person_id``'s review (for sealing it)."""

    def of(part: Part, plain: Mapping[str, Any], value: Any) -> Sequence[Recipient]:
        return recipients_of(repo, readers(repo, part, person_id, value))

    return of


def manager_chain(repo: Repository, person_id: str) -> list[str]:
    """The person's managers upward, as the organisation stands today."""
    chain: list[str] = []
    person = repo.people.get(person_id)
    while person is not None and person.manager and person.manager not in chain:
        chain.append(person.manager)
        person = repo.people.get(person.manager)
    return chain


def hr(repo: Repository) -> set[str]:
    group = (repo.governance or {}).get("support_group") or {}
    return _members(group) - set(group.get("external", ()))


def committee(repo: Repository) -> set[str]:
    return _members((repo.governance or {}).get("committee") or {})


def appeal_body(repo: Repository) -> set[str]:
    governance = repo.governance or {}
    handled_by = ((repo.framework or {}).get("appeals") or {}).get("handled_by")
    bodies = [governance.get("committee"), governance.get("support_group")]
    bodies += governance.get("promotion_groups", [])
    for body in bodies:
        if body and handled_by and body.get("id") == handled_by:
            return _members(body) - set(body.get("external", ()))
    return hr(repo)


def _members(body: Mapping[str, Any]) -> set[str]:
    lead = body.get("chair") or body.get("lead")
    return {str(m) for m in (lead, *body.get("members", ())) if m}


def _usable(text: str) -> Recipient | None:
    try:
        return recipient(text)
    except KeyError_:
        return None
