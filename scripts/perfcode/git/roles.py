"""Roles: who acts on a pull request, and who may change a part of a file.

Every role is read from the *base* of the pull request (its organisation and governance
before the change), so that a pull request cannot grant its own author a role.

- *owner*: whoever a goal file belongs to: the person; a unit's head; the committee for
  the company's goals. The owner records actuals and check-ins.
- *planners*: the owner and their approver (a person's manager, the head of the parent
  unit); they set goals, targets and weights.
- *employee*, *manager*: the person a review is about, and their manager.
- *acting for*: for someone without a GitHub account, their manager and their ``proxy``,
  who post their check-ins and actuals and record their acknowledgement.
- *coach*: the person's manager or skip-level manager, who record coaching conversations.
- *group*: a promotion group's lead and members, who write its reports.
- *committee*: the performance committee's chair and members.
- *HR*: the HR support group's lead and members.
- *appeal body*: the governance body the framework names in ``appeals.handled_by``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from perfcode.model import Repository, stem
from perfcode.recusal import fallback, fallback_handles, recused


@dataclass(frozen=True)
class Actor:
    """The author of a change: their GitHub handle and, when the organisation has them, their id."""

    handle: str | None
    person: str | None

    @property
    def text(self) -> str:
        name = f"@{self.handle}" if self.handle else f"'{self.person}'"
        return name if self.person else f"{name} (not a person in org/people)"


def find_actor(repo: Repository, handle: str, today: str) -> Actor:
    """The person whose GitHub handle is ``handle`` (GitHub handles ignore case), unless
    they left before ``today``.

    Only the ``github`` field counts: CI passes the pull request author's login, and a
    stranger whose login happens to equal a person's id is not that person.
    """
    handle = handle.removeprefix("@")
    for person in repo.people.values():
        if (person.github or "").lower() == handle.lower() and not _gone(person.left, today):
            return Actor(person.github, person.id)
    return Actor(handle, None)


def actor_by_email(repo: Repository, email: str, today: str) -> Actor | None:
    """The person whose e-mail address is ``email`` (``git config user.email``)."""
    for person in repo.people.values():
        if person.email.lower() == email.strip().lower() and not _gone(person.left, today):
            return Actor(person.github, person.id)
    return None


def _gone(left: str | None, today: str) -> bool:
    return left is not None and left < today


@dataclass(frozen=True)
class Who:
    """The people a role names, and how a message names them; ``handles`` (lower case) are
    GitHub users who need no file in org/people (a recusal fallback)."""

    people: frozenset[str]
    text: str
    handles: frozenset[str] = frozenset()

    def __contains__(self, actor: object) -> bool:
        if not isinstance(actor, Actor):
            return False
        return actor.person in self.people or (actor.handle or "").lower() in self.handles

    def __bool__(self) -> bool:
        return bool(self.people or self.handles)

    def __or__(self, other: Who) -> Who:
        texts = [t for t in (self.text, other.text) if t]
        return Who(
            self.people | other.people, " or ".join(dict.fromkeys(texts)), self.handles | other.handles
        )


NOBODY = Who(frozenset(), "")


@dataclass(frozen=True)
class Roles:
    """Role lookups in the base repository."""

    repo: Repository

    def person(self, person_id: str | None, title: str = "") -> Who:
        if not person_id:
            return NOBODY
        person = self.repo.people.get(person_id)
        handle = f" (@{person.github})" if person and person.github else ""
        prefix = f"{title} " if title else ""
        return Who(frozenset({person_id}), f"{prefix}{person_id}{handle}")

    def group(self, ids: Iterable[str], title: str) -> Who:
        """A body by its name and its members' handles: ``the committee (@a, @b or @c)``."""
        ids = list(dict.fromkeys(i for i in ids if i))
        if not ids:
            return NOBODY
        people = [self.repo.people.get(i) for i in ids]
        names = [f"@{p.github}" if p and p.github else i for i, p in zip(ids, people, strict=True)]
        listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
        return Who(frozenset(ids), f"{title} ({listed})")

    def body(self, body_id: str | None) -> Who:
        governance = self.repo.governance or {}
        bodies = [governance.get("committee"), governance.get("support_group")]
        bodies += governance.get("promotion_groups", [])
        for body in bodies:
            if body and body.get("id") == body_id:
                return self.group(_members(body), f"the {common_name(str(body.get('name', body_id)))}")
        return NOBODY

    def committee(self) -> Who:
        return self.body(((self.repo.governance or {}).get("committee") or {}).get("id"))

    def hr(self) -> Who:
        return self.body(((self.repo.governance or {}).get("support_group") or {}).get("id"))

    def appeal_body(self) -> Who:
        handled_by = ((self.repo.framework or {}).get("appeals") or {}).get("handled_by")
        return self.body(handled_by) if handled_by else self.hr()

    def deciders(self, who: Who, person_id: str) -> Who:
        """``who`` less those recused in the case of ``person_id`` (:mod:`perfcode.recusal`);
        the declared fallback when nobody is left."""
        out = recused(self.repo, person_id)
        if not who.people & out:
            return who
        left = [p for p in who.people if p not in out]
        if left:
            title = who.text.split(" (")[0] if who.text.count(" (") == 1 else "those not recused"
            return self.group(sorted(left), title)
        handles = fallback_handles(self.repo, person_id)
        declared = fallback(self.repo)
        if declared is None or not handles:
            return NOBODY
        listed = ", ".join(f"@{h}" for h in handles)
        return Who(frozenset(), f"the {common_name(declared.name)} ({listed})", frozenset(handles))

    def acting_for(self, person_id: str) -> Who:
        """Who acts on GitHub for a person without a GitHub handle: their manager and their
        proxy (nobody for a person with a handle, who acts for themselves)."""
        person = self.repo.people.get(person_id)
        if person is None or person.github:
            return NOBODY
        return self.manager_of(person_id) | self.person(person.proxy, "their proxy")

    def manager_of(self, person_id: str) -> Who:
        person = self.repo.people.get(person_id)
        return self.person(person.manager, "their manager") if person else NOBODY

    def coach_of(self, person_id: str) -> Who:
        """The manager and the skip-level manager: who may record a coaching conversation."""
        person = self.repo.people.get(person_id)
        manager = self.repo.people.get(person.manager or "") if person else None
        skip = self.person(manager.manager, "their skip-level manager") if manager else NOBODY
        return self.manager_of(person_id) | skip

    def goal_owner(self, path: str, level: str) -> Who:
        """Who a goal file belongs to (``level``: company, unit or person)."""
        if level == "company":
            return self.committee()
        if level == "unit":
            unit = self.repo.units.get(stem(path))
            return self.person(unit.head, "the unit head") if unit else self.hr()
        return self.person(stem(path))

    def goal_approver(self, path: str, level: str) -> Who:
        """Who approves a goal file, as CODEOWNERS routes it: a person's manager (the committee
        for the president), the head of a unit's parent unit (the committee for the top unit)."""
        if level == "company":
            return self.committee()
        if level == "unit":
            unit = self.repo.units.get(stem(path))
            parent = self.repo.units.get(unit.parent or "") if unit else None
            return self.person(parent.head, "the parent unit's head") if parent else self.committee()
        return self.manager_of(stem(path)) or self.committee()


def common_name(name: str) -> str:
    """A body's name inside a sentence: "Performance committee" -> "performance committee"; "HR ..." stays."""
    return name[0].lower() + name[1:] if name[:2].istitle() else name


def _members(body: Mapping[str, Any]) -> list[str]:
    leader = body.get("chair") or body.get("lead")
    return [leader, *body.get("members", ())] if leader else list(body.get("members", ()))
