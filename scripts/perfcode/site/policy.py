"""The publication policy: what the site may show (``publication`` in org/framework.yaml).

The defaults keep personal data private: goals and progress are published; individual
scores and ratings, review text and who reviewed whom are not; unit aggregates are shown
only for groups of at least ``min_group_size`` people. Calibration notes, calibration
reasons, appeal grounds and plan items are never published, whatever the policy says.

``site`` says where the publish workflow sends the built site: to GitHub Pages only when
the framework says explicitly that the site may be ``public`` or that the company has
``private-pages`` (GitHub Enterprise Cloud's access control); otherwise, and by default, a
downloadable workflow ``artifact``. A Pages site is public on every other plan, even for a
private repository.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, fields
from typing import Any

SITE_TARGETS = ("public", "private-pages", "artifact")
"""Where the built site may go; the schema's enum of ``publication.site``."""

DEPLOYED = ("public", "private-pages")
"""The targets that deploy to GitHub Pages."""


@dataclass(frozen=True)
class Policy:
    site: str = "artifact"
    goals: bool = True
    progress: bool = True
    individual_scores: bool = False
    individual_ratings: bool = False
    review_text: bool = False
    peer_identities: bool = False
    unit_aggregates: bool = True
    min_group_size: int = 5

    @classmethod
    def of(cls, framework: Mapping[str, Any] | None) -> Policy:
        """The policy of a framework; without one (a broken file), the defaults."""
        given = (framework or {}).get("publication") or {}
        known = {f.name for f in fields(cls)}
        return cls(**{key: value for key, value in given.items() if key in known})

    @property
    def deploys(self) -> bool:
        """Whether the publish workflow deploys the site to GitHub Pages."""
        return self.site in DEPLOYED

    def large_enough(self, size: int) -> bool:
        """Whether figures about a group of ``size`` people may be shown."""
        return size >= self.min_group_size

    def aggregates(self, size: int) -> bool:
        """Whether a unit's aggregates (mean score, rating distribution) may be shown."""
        return self.unit_aggregates and self.large_enough(size)

    def remainder_safe(self, total: int, shown: Collection[int]) -> bool:
        """Whether a total may be shown beside the groups already shown.

        A total minus the groups shown is the group of those hidden; the total is only
        safe when that difference is empty or itself large enough.
        """
        hidden = total - sum(shown)
        return self.large_enough(total) and (hidden == 0 or self.large_enough(hidden))
