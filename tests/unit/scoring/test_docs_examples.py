"""Run the worked examples of docs/scoring.md, so the page can never drift from the code.

An example is an HTML comment ``<!-- example: KIND -->`` followed by fenced blocks:

- ``framework``: a ```yaml block, the org/framework.yaml every later example uses;
- ``kr``: a ```yaml key result (as written in a goal file), then a ```text block;
- ``goal``: a ```yaml goal, then a ```text block;
- ``person``: a ```yaml mapping of repository paths to file contents (the person, their
  goals and reviews), then a ```text block;
- ``output text``, ``output csv``, ``output json``: one block, the ``perfcode score`` output
  of the person example above it.

Every file is checked against its schema. The examples run in cycle 2026-H2 after
2026-H1, scored on 2027-02-15; a key result or goal is the one goal of Ada Lovelace. A
``text`` block (and an ``output json`` block) is a run of lines of the ``--explain`` (or
``perfcode score``) output, compared after removing the common indentation; ``output
text`` and ``output csv`` blocks are the whole output.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from perfcode.build import build
from perfcode.load import Document, parse
from perfcode.schema import Schemas, kind_of
from perfcode.scoring.cycle import CycleResult, score_cycle
from perfcode.scoring.explain import explain
from perfcode.scoring.output import FORMATS

REPO = Path(__file__).resolve().parents[3]
PAGE = REPO / "docs" / "scoring.md"
SCHEMAS = Schemas.load(REPO / "schemas")
TODAY = "2027-02-15"
CYCLE = "2026-H2"
MARKER = re.compile(r"^<!-- example: (framework|kr|goal|person|output (?:text|csv|json)) -->$")
FENCE = re.compile(r"^```(\w*)$")
BLOCKS = {
    "framework": ("yaml",),
    "kr": ("yaml", "text"),
    "goal": ("yaml", "text"),
    "person": ("yaml", "text"),
}
ADA = "org/people/ada-lovelace.yaml"
ADA_FILE = """\
id: ada-lovelace
name: Ada Lovelace
email: ada.lovelace@northwind.example
github: ada-l
unit: sales-emea
position: account-executive
manager: jonas-berg
class: professional
"""
CYCLES = {
    "2026-H1": """\
id: 2026-H1
name: First half of 2026
period: {start: "2026-01-01", end: "2026-06-30"}
status: closed
phases:
  planning: {start: "2026-01-01", end: "2026-01-31"}
  coaching: {start: "2026-02-01", end: "2026-05-31"}
  evaluation: {start: "2026-06-01", end: "2026-06-19"}
  calibration: {start: "2026-06-22", end: "2026-07-03"}
  results: {start: "2026-07-06", end: "2026-07-31"}
""",
    "2026-H2": """\
id: 2026-H2
name: Second half of 2026
period: {start: "2026-07-01", end: "2026-12-31"}
status: open
phases:
  planning: {start: "2026-07-01", end: "2026-07-20"}
  coaching: {start: "2026-07-21", end: "2026-12-04"}
  evaluation: {start: "2026-12-07", end: "2026-12-18"}
  calibration: {start: "2027-01-04", end: "2027-01-15"}
  results: {start: "2027-01-18", end: "2027-02-12"}
""",
}


@dataclass(frozen=True)
class Example:
    kind: str
    line: int
    blocks: tuple[tuple[str, str], ...]
    framework: str
    scenario: str | None


def _fenced(lines: list[str], start: int) -> tuple[str, str, int]:
    """The fenced block that follows ``start`` (blank lines allowed): language, text, end."""
    index = start
    while not lines[index].strip():
        index += 1
    opening = FENCE.match(lines[index])
    assert opening, f"docs/scoring.md:{index + 1}: a fenced block should follow the example marker"
    end = lines.index("```", index + 1)
    return opening.group(1), "\n".join(lines[index + 1 : end]) + "\n", end + 1


def examples() -> list[Example]:
    lines = PAGE.read_text(encoding="utf-8").splitlines()
    found: list[Example] = []
    framework, scenario = "", None
    for number, line in enumerate(lines):
        marker = MARKER.match(line)
        if not marker:
            continue
        kind, index, blocks = marker.group(1), number + 1, []
        for _ in BLOCKS.get(kind, ("",)):
            language, text, index = _fenced(lines, index)
            blocks.append((language, text))
        example = Example(kind, number + 1, tuple(blocks), framework, scenario)
        framework = blocks[0][1] if kind == "framework" else framework
        scenario = blocks[0][1] if kind == "person" else scenario
        found.append(example)
    return found


def _data(path: str, text: str) -> Any:
    document = parse(path, text)
    assert isinstance(document, Document), document
    return document.data


def _score(framework: str, files: dict[str, Any]) -> CycleResult:
    texts = {"org/framework.yaml": framework, **{f"goals/{c}/cycle.yaml": text for c, text in CYCLES.items()}}
    documents = {path: _data(path, text) for path, text in texts.items()} | files
    valid = []
    for path, data in documents.items():
        kind = kind_of(path)
        assert kind is not None, f"{path} is not a data file"
        document = Document(path, "", data)
        assert [f.message for f in SCHEMAS.check(document, kind)] == [], path
        valid.append((kind, document))
    return score_cycle(build(valid, ()), CYCLE, TODAY)


def _wrapped(kind: str, data: Any) -> dict[str, Any]:
    """A key result or goal of the docs as the one goal of Ada Lovelace."""
    goal = (
        data
        if kind == "goal"
        else {"id": "example", "title": "Example", "weight": 100, "key_results": [data]}
    )
    goal = {"local": {"reason": "A worked example."}, **goal} if "aligns_to" not in goal else goal
    return {
        ADA: _data(ADA, ADA_FILE),
        f"goals/{CYCLE}/people/ada-lovelace.yaml": {"owner": "ada-lovelace", "goals": [goal]},
    }


def _explained(example: Example) -> str:
    data = _data("example.yaml", example.blocks[0][1])
    files = data if example.kind == "person" else _wrapped(example.kind, data)
    result = _score(example.framework, files)
    person = next(path for path in files if path.startswith("org/people/"))
    ident = files[person]["id"]
    return explain(result, next(p for p in result.people if p.person.id == ident))


def _output(example: Example) -> str:
    assert example.scenario is not None, "an output example follows a person example"
    result = _score(example.framework, _data("example.yaml", example.scenario))
    return FORMATS[example.kind.removeprefix("output ")](result)


def _assert_run_of_lines(expected: str, actual: str) -> None:
    wanted = textwrap.dedent(expected).rstrip("\n")
    lines = actual.splitlines()
    count = len(wanted.splitlines())
    runs = {textwrap.dedent("\n".join(lines[i : i + count])) for i in range(len(lines))}
    assert wanted in runs, f"not found in the output:\n{wanted}\n\nthe output:\n{actual}"


EXAMPLES = examples()
WORKED = [e for e in EXAMPLES if e.kind in ("kr", "goal", "person")]


def test_the_page_has_its_worked_examples() -> None:
    lines = PAGE.read_text(encoding="utf-8").splitlines()
    assert [line for line in lines if line.startswith("<!-- example") and not MARKER.match(line)] == []
    kinds = [e.kind for e in EXAMPLES]
    assert kinds[0] == "framework"
    assert kinds.count("kr") >= 4
    assert kinds.count("goal") >= 1
    assert kinds.count("person") >= 2
    assert {"output text", "output csv", "output json"} <= set(kinds)


def test_the_framework_of_the_examples_is_valid() -> None:
    framework = EXAMPLES[0].blocks[0][1]
    document = Document("org/framework.yaml", framework, _data("org/framework.yaml", framework))
    assert [f.message for f in SCHEMAS.check(document, "framework")] == []


@pytest.mark.parametrize("example", WORKED, ids=[f"{e.kind}-line-{e.line}" for e in WORKED])
def test_worked_example(example: Example) -> None:
    language, expected = example.blocks[1]
    assert language == "text"
    _assert_run_of_lines(expected, _explained(example))


OUTPUTS = [e for e in EXAMPLES if e.kind.startswith("output ")]


@pytest.mark.parametrize("example", OUTPUTS, ids=[f"{e.kind}-line-{e.line}" for e in OUTPUTS])
def test_output_example(example: Example) -> None:
    expected, actual = example.blocks[0][1], _output(example)
    if example.kind == "output json":
        _assert_run_of_lines(expected, actual)
    else:
        assert expected == actual
