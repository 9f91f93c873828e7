"""The cascade as the site shows it: which goal aligns to which, and where each is shown.

A goal is *shown* when its cycle is one of the running cycles; a personal goal only when
the policy publishes goals. Links go to shown goals; other goals appear as plain text.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from perfcode.model import Goal, GoalFile
from perfcode.rules.cascade import goal_index, resolve
from perfcode.scoring.rollup import GoalScore, score_goal, weighted
from perfcode.site.data import SiteData
from perfcode.site.links import COMPANY, Target, goal_anchor, unit_page

Key = tuple[str, str, str]
"""(cycle, owner, goal id)."""


class Cascade:
    def __init__(self, data: SiteData, shown: Iterable[str]) -> None:
        self.data = data
        self.shown = set(shown)
        self.index = goal_index(data.repo)
        self.parents: dict[Key, list[Key]] = defaultdict(list)
        self.children: dict[Key, list[Key]] = defaultdict(list)
        self.unresolved: dict[Key, list[str]] = defaultdict(list)
        self._scores: dict[Key, GoalScore | None] = {}
        for goals in data.repo.goal_files:
            if goals.level == "person" and data.gone(goals.owner):
                continue
            for goal in goals.goals:
                self._link(goals, goal)

    def _link(self, goals: GoalFile, goal: Goal) -> None:
        key = (goals.cycle, goals.owner, goal.id)
        for ref in goal.aligns_to:
            found = resolve(self.data.repo, self.index, goals.cycle, ref)
            if found is None:
                self.unresolved[key].append(ref)
                continue
            parent = (found[0].cycle, found[0].owner, found[1].id)
            self.parents[key].append(parent)
            if self.public(key):
                self.children[parent].append(key)

    def scored(self, key: Key) -> GoalScore | None:
        """The goal scored on the build day; None without a framework.

        Company and unit goals are scored once and kept: the pages around them all show their
        scores. Personal goals are the many, each shown twice (on its owner's unit page and in
        the goal tree), so they are scored each time rather than all kept to the end.
        """
        if key in self._scores:
            return self._scores[key]
        scheme = self.data.scheme
        scored = score_goal(self.goal(key), scheme) if scheme is not None else None
        if self.file(key).level != "person":
            self._scores[key] = scored
        return scored

    def progress(self, key: Key) -> Decimal | None:
        """The goal's score where the policy shows progress (always for unit and company goals)."""
        if self.file(key).level == "person" and not self.data.policy.progress:
            return None
        scored = self.scored(key)
        return scored.score if scored else None

    def owner_score(self, cycle: str, owner: str) -> Decimal | None:
        """The weighted score of an owner's goals in a cycle (projected while it runs)."""
        goals = self.data.repo.goals_of(cycle, owner)
        scheme = self.data.scheme
        if goals is None or scheme is None:
            return None
        scores = [(g.weight, self.scored((cycle, owner, g.id))) for g in goals.goals]
        return weighted(((w, s.score if s else None) for w, s in scores), scheme.rounding)

    def file(self, key: Key) -> GoalFile:
        return self.index[key][0]

    def goal(self, key: Key) -> Goal:
        return self.index[key][1]

    def public(self, key: Key) -> bool:
        """Whether the goal may be named on the site at all."""
        return self.file(key).level != "person" or self.data.policy.goals

    def owner_name(self, goals: GoalFile) -> str:
        repo = self.data.repo
        if goals.level == "company":
            return "Company"
        if goals.level == "unit":
            unit = repo.units.get(goals.owner)
            return unit.name if unit else goals.owner
        person = repo.people.get(goals.owner)
        return person.name if person else goals.owner

    def label(self, key: Key) -> str:
        """Owner and title; the cycle too for a goal of a cycle the site does not show."""
        cycle = "" if key[0] in self.shown else f" ({key[0]})"
        return f"{self.owner_name(self.file(key))}: {self.goal(key).title}{cycle}"

    def target(self, key: Key) -> Target | None:
        """Where the goal is shown, or None when it is not on the site."""
        cycle, owner, goal = key
        page = self.page(self.file(key))
        if cycle not in self.shown or not self.public(key) or page is None:
            return None
        return Target(page, goal_anchor(cycle, owner, goal))

    def page(self, goals: GoalFile) -> str | None:
        """The page that shows a goal file: the company goals, or a unit's page."""
        repo = self.data.repo
        if goals.level == "company":
            return COMPANY
        person = repo.people.get(goals.owner)
        unit = goals.owner if goals.level == "unit" else person.unit if person else ""
        return unit_page(unit) if unit in repo.units else None
