"""The rule registry: every rule is documented, and the README's rule table matches it."""

from __future__ import annotations

import re

import pytest

from perfcode.rules import Rule, all_rules
from support import REPO

RULES = all_rules()
README = (REPO / "README.md").read_text(encoding="utf-8")
RANGES = re.findall(r"^\| (PC\d{3})-(PC\d{3}) \|", README, flags=re.MULTILINE)


def spanned(first: str, last: str) -> list[str]:
    return [f"PC{n:03}" for n in range(int(first[2:]), int(last[2:]) + 1)]


@pytest.mark.parametrize("rule", RULES, ids=[rule.code for rule in RULES])
def test_rule_is_documented(rule: Rule) -> None:
    assert re.fullmatch(r"PC\d{3}", rule.code)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name)
    assert rule.summary.endswith(".")
    assert rule.explanation.strip()
    assert rule.explanation == rule.explanation.strip()
    assert not any(line.startswith(" ") for line in rule.explanation.splitlines())


def test_every_code_of_the_readme_table_exists() -> None:
    assert RANGES
    registered = {rule.code for rule in RULES}
    assert [code for first, last in RANGES for code in spanned(first, last) if code not in registered] == []


def test_every_rule_is_in_the_readme_table() -> None:
    in_readme = {code for first, last in RANGES for code in spanned(first, last)}
    assert [rule.code for rule in RULES if rule.code not in in_readme] == []


def test_names_are_unique() -> None:
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))
