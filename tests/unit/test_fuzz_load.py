"""Fuzzing the loader: any text gives a document or a located finding, never an exception.

Texts are made of YAML's own pieces (indicators, tags, anchors, directives, numbers in
every notation, odd characters) so that the parser goes deep rather than stopping at the
first byte; a second test puts such pieces where a goal file holds its numbers and runs the
whole check over them, since the crashes issue 13 found (tagged numbers, non-text keys)
came out of the schema step and the rules, not the parser. Each test is bounded by its
number of examples, so `make test` stays fast.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perfcode.findings import Finding
from perfcode.load import Document, parse
from perfcode.process.guard import check_pending
from perfcode.rules import all_rules
from perfcode.schema import Schemas
from support import REPO, TODAY, make_company

PIECES = [
    *("a", "id", "weight", "x y", "é", "ü", "مرحبا"),
    *(":", ": ", "- ", "-", "? ", "?", ",", "[", "]", "{", "}", "#", "'", '"', "|", ">", "|-", ">+"),
    *("\n", "\n  ", "\n    ", "  ", " ", "\t", "\r\n", "\\", "\\x", '\\"', "<<", "= "),
    *("!!int ", "!!float ", "!!str ", "!!bool ", "!!null ", "!!binary ", "!!timestamp ", "!!set "),
    *("!!map ", "!!seq ", "!!omap ", "!!python/name:os.system ", "!local ", "!<tag:yaml.org,2002:int> "),
    *("&x ", "*x", "--- ", "...", "%YAML 1.2\n", "%TAG ! tag:x,2000:\n"),
    *("0b11", "0o17", "0x1f", "0x", "1e3", "1E-3", "1e400", "1_000", "12", "-0", "+1", "0.1", ".5"),
    *(".inf", "-.inf", ".nan", "inf", "-inf", "nan", "Infinity", "sNaN", "9" * 120),
    *("true", "False", "no", "null", "~", "2026-03-31", '"2026-03-31"', "2026-02-30"),
    *("\u202e", "\u2066", "\u200f", "\ufeff", "\x00", "\x07", "\x85", "\u2028", "\ud7ff", "\U0001f600"),
]

pieces = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), max_size=60).map("".join)
nested = st.builds(
    lambda depth, kind: {
        "flow": "[" * depth + "]" * depth,
        "map": "{a: " * depth + "}" * depth,
        "block": "".join(f"{' ' * i}- \n" for i in range(depth)) + " " * depth + "x\n",
        "key": "? " * depth + "x\n",
    }[kind],
    st.integers(min_value=0, max_value=1200),
    st.sampled_from(["flow", "map", "block", "key"]),
)
texts = st.one_of(pieces, nested, st.text(max_size=200))

SCHEMAS = Schemas.load(REPO / "schemas")
CODES = {rule.code for rule in all_rules()}
KINDS = ("person-goals", "review", "person", "framework", "governance", "cycle")
bounded = settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _located(result: Document | Finding, text: str) -> None:
    if isinstance(result, Finding):
        lines = sum(text.count(c) for c in "\n\r\x85\u2028\u2029") + 2  # YAML's line breaks
        assert result.code in CODES
        assert 1 <= result.line <= lines and result.column >= 1
        assert result.message and result.path == "goals/2026-H2/people/sam-stone.yaml"
    else:
        assert isinstance(result, Document)


@bounded
@given(texts)
def test_any_text_gives_a_document_or_a_located_finding(text: str) -> None:
    result = parse("goals/2026-H2/people/sam-stone.yaml", text)
    _located(result, text)
    if isinstance(result, Document):
        for kind in KINDS:
            for finding in SCHEMAS.check(result, kind):
                assert finding.code in CODES


SAM = "goals/2026-H2/people/sam-stone.yaml"
SLOTS = ("weight: 100", "target: 100000", "stretch: 130000", "value: 61000", "upsell-accounts", "EUR")


@pytest.fixture(scope="module")
def company(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_company(tmp_path_factory.mktemp("fuzz") / "company")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(SLOTS), pieces)
def test_any_value_in_a_goal_file_gives_findings_not_a_crash(company: Path, slot: str, value: str) -> None:
    original = (company / SAM).read_text(encoding="utf-8")
    key = slot.partition(":")[0]
    text = original.replace(slot, f"{key}: {value}" if ":" in slot else value, 1)
    result = check_pending(company, TODAY, {SAM: text})
    assert all(f.code in CODES and f.line >= 1 and f.column >= 1 for f in result.findings)
