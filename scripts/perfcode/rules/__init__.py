"""Rules: cross-file checks over the model, each a small pure function with a stable code.

Codes by hundred: ``PC0xx`` loading and schemas, ``PC1xx`` organisation and governance,
``PC2xx`` the goal cascade and key results, ``PC3xx`` cycles and dates, ``PC4xx`` reviews,
``PC5xx`` the framework itself, ``PC9xx`` the encryption of reviews. The registry feeds ``perfcode check``, ``perfcode rules``
and the generated rules reference, so a rule is documented where it is written.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from perfcode.findings import Finding, Severity
from perfcode.model import Repository


@dataclass(frozen=True)
class Context:
    """What every rule sees: the model and the date rules that depend on time use."""

    repo: Repository
    today: str


Check = Callable[[Context], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    explanation: str
    check: Check | None = None


REGISTRY: dict[str, Rule] = {}


def register(rule: Rule) -> Rule:
    if rule.code in REGISTRY:
        raise ValueError(f"rule code {rule.code} registered twice")
    REGISTRY[rule.code] = rule
    return rule


def rule(
    code: str, name: str, summary: str, explanation: str, severity: Severity = "error"
) -> Callable[[Check], Check]:
    """Register the decorated function as the check of a rule."""

    def decorate(check: Check) -> Check:
        register(Rule(code, name, severity, summary, inspect.cleandoc(explanation), check))
        return check

    return decorate


def run_rules(context: Context) -> Iterator[Finding]:
    """Every registered rule over the model, in code order."""
    _load_rule_modules()
    for code in sorted(REGISTRY):
        check = REGISTRY[code].check
        if check is not None:
            yield from check(context)


def all_rules() -> list[Rule]:
    _load_rule_modules()
    return [REGISTRY[code] for code in sorted(REGISTRY)]


def _load_rule_modules() -> None:
    from perfcode.rules import (  # noqa: F401
        cascade,
        coaching,
        cycles,
        drafts,
        encryption,
        framework,
        governance,
        organisation,
        records,
        recusal,
        reviews,
        scoring,
        syntax,
        workflow,
    )
