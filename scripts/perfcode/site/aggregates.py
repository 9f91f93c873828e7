"""Figures about groups of people: rating distributions and mean scores.

Shown only when the policy publishes unit aggregates and the group has at least
``min_group_size`` rated people; the company-wide figure also needs the people of the
hidden groups, together, to be a large enough group (see :meth:`Policy.remainder_safe`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from perfcode.site.data import Result, SiteData


@dataclass(frozen=True)
class LevelCount:
    value: int
    label: str
    count: int
    percent: str


@dataclass(frozen=True)
class Distribution:
    cycle: str
    size: int
    shown: bool
    threshold: int
    mean: Decimal | None = None
    levels: tuple[LevelCount, ...] = ()


def distribution(data: SiteData, cycle: str, group: Sequence[Result]) -> Distribution | None:
    """The distribution of final ratings in a group, or a note that it is too small."""
    if not data.policy.unit_aggregates or data.scheme is None:
        return None
    rated = [p for p in group if p.final_rating is not None]
    if not rated:
        return None
    threshold = data.policy.min_group_size
    if not data.policy.large_enough(len(rated)):
        return Distribution(cycle, len(rated), False, threshold)
    return _figures(data, cycle, rated)


def _figures(data: SiteData, cycle: str, rated: Sequence[Result]) -> Distribution:
    assert data.scheme is not None
    counts = Counter(p.final_rating for p in rated)
    levels = tuple(
        LevelCount(
            level.value, level.label, counts[level.value], f"{100 * counts[level.value] / len(rated):.0f}"
        )
        for level in sorted(data.scheme.levels, key=lambda lv: lv.value, reverse=True)
    )
    scores = [p.final_score for p in rated if p.final_score is not None]
    mean = data.scheme.rounding(sum(scores, Decimal(0)) / len(scores)) if scores else None
    return Distribution(cycle, len(rated), True, data.policy.min_group_size, mean, levels)


def company_distribution(data: SiteData, cycle: str) -> Distribution | None:
    """The company-wide distribution, unless it would reveal the hidden small units."""
    rated = [p for p in data.results(cycle) if p.final_rating is not None]
    by_unit: dict[str, int] = defaultdict(int)
    for person in rated:
        by_unit[person.person.unit] += 1
    shown = [size for size in by_unit.values() if data.policy.large_enough(size)]
    if rated and not data.policy.remainder_safe(len(rated), shown):
        return Distribution(cycle, len(rated), False, data.policy.min_group_size)
    return distribution(data, cycle, rated)
