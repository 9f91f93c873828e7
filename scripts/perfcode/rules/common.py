"""Helpers shared by the rules: reference findings with suggestions, sums, dates."""

from __future__ import annotations

import difflib
import functools
from collections.abc import Collection, Iterable
from datetime import date, timedelta
from decimal import Decimal

from perfcode.findings import Finding, Severity, at
from perfcode.model import Repository, Where


def finding(where: Where, code: str, message: str, hint: str = "", severity: Severity = "error") -> Finding:
    return at(where.path, where.pointer, code, message, hint, severity)


def suggest(value: str, candidates: Iterable[str]) -> str:
    """'did you mean ...?' for the closest candidate, or an empty hint."""
    close = difflib.get_close_matches(value, sorted(candidates), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


def unknown(
    repo: Repository,
    where: Where,
    what: str,
    value: str,
    known: Collection[str],
    kind: str | None = None,
    code: str = "PC101",
) -> Finding | None:
    """``code`` (PC101 unless the rule is another's) when ``value`` is not among ``known``
    and its own file is not broken."""
    if value in known or (kind is not None and repo.is_broken(kind, value)):
        return None
    hint = suggest(value, known) or f"add {what} '{value}' or correct the reference"
    return finding(where, code, f"unknown {what} '{value}'", hint)


def total(values: Iterable[Decimal]) -> Decimal:
    return sum(values, Decimal(0))


def show(number: Decimal) -> str:
    """A number as people write it: 100, 99.5 (no trailing zeros, no exponent)."""
    text = format(number.normalize(), "f")
    return text


@functools.lru_cache(maxsize=4096)
def add_days(day: str, days: int) -> str:
    # Cached: the rules ask for the same few windows once per review.
    return (date.fromisoformat(day) + timedelta(days=days)).isoformat()


def days_between(first: str, second: str) -> int:
    return (date.fromisoformat(second) - date.fromisoformat(first)).days
