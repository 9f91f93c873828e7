from __future__ import annotations

import os
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from perfcode.findings import Finding
from perfcode.load import MAX_BYTES, Document, load_file, parse


def parsed(text: str) -> object:
    result = parse("org/x.yaml", text)
    assert isinstance(result, Document), result
    return result.data


def problem(text: str) -> Finding:
    result = parse("org/x.yaml", text)
    assert isinstance(result, Finding), result
    return result


def test_yaml_12_booleans_only() -> None:
    assert parsed("a: no\nb: on\nc: yes\nd: true\ne: False\n") == {
        "a": "no",
        "b": "on",
        "c": "yes",
        "d": True,
        "e": False,
    }


def test_numbers_are_exact_and_dates_stay_strings() -> None:
    data = parsed("a: 0.1\nb: 12\nc: 2026-03-31\nd: .inf\ne: 0x1f\nf: 1e3\n")
    assert data == {
        "a": Decimal("0.1"),
        "b": 12,
        "c": "2026-03-31",
        "d": ".inf",
        "e": 31,
        "f": Decimal("1e3"),
    }
    assert isinstance(data["a"], Decimal)  # type: ignore[index]


def test_duplicate_key_is_located() -> None:
    found = problem("id: a\nname: x\nid: b\n")
    assert (found.line, found.column, found.code, found.text) == (
        3,
        1,
        "PC002",
        "duplicate key 'id' (first at line 1); keep one of the two entries",
    )


@pytest.mark.parametrize(
    "text",
    ["a: &x [1]\nb: *x\n", "a: &x 1\n", "a: [&x 1]\n"],
)
def test_anchors_and_aliases_are_refused(text: str) -> None:
    found = problem(text)
    assert found.code == "PC003"
    assert found.line in (1, 2)


def test_text_with_ampersand_and_star_is_fine() -> None:
    assert parsed('title: "R&D * 2"\nnote: R&D *stars*\n') == {"title": "R&D * 2", "note": "R&D *stars*"}


def test_alias_bomb_is_refused_fast() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    lines += [
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]" for i in range(20)
    ]
    assert problem("\n".join(lines) + "\n").code == "PC003"


def test_tab_indentation() -> None:
    found = problem("a:\n\tb: 1\n")
    assert (found.line, found.code) == (2, "PC006")


def test_syntax_error_is_located() -> None:
    found = problem('a: "unclosed\nb: 2\n')
    assert found.code == "PC001"
    assert found.line >= 1


def test_empty_file() -> None:
    assert problem("# only a comment\n").code == "PC008"


def test_not_utf8(tmp_path: Path) -> None:
    file = tmp_path / "org" / "units" / "x.yaml"
    file.parent.mkdir(parents=True)
    file.write_bytes(b"id: x\nname: caf\xe9\n")
    found = load_file(tmp_path, file)
    assert isinstance(found, Finding)
    assert (found.path, found.line, found.column, found.code) == ("org/units/x.yaml", 2, 10, "PC005")


def test_file_over_the_cap_is_refused_unread(tmp_path: Path) -> None:
    file = tmp_path / "org" / "big.yaml"
    file.parent.mkdir(parents=True)
    with file.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    found = load_file(tmp_path, file)
    assert isinstance(found, Finding)
    assert found.code == "PC004"
    assert f"over the cap of {MAX_BYTES:,}" in found.message


def test_symlink_outside_the_repository(tmp_path: Path) -> None:
    outside = tmp_path / "secret.yaml"
    outside.write_text("password: x\n")
    repo = tmp_path / "repo"
    (repo / "org" / "people").mkdir(parents=True)
    link = repo / "org" / "people" / "x.yaml"
    os.symlink(outside, link)
    found = load_file(repo, link)
    assert isinstance(found, Finding)
    assert (found.code, found.message) == ("PC007", "the file is a symbolic link")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "a: [b\n",
            (
                2,
                1,
                "PC001",
                "YAML syntax error: did not find expected ',' or ']' while parsing a flow sequence",
            ),
        ),
        (
            "ééé: b\nc: x\x00\n",
            (
                2,
                5,
                "PC001",
                "YAML syntax error: the character #x0000 is not allowed (control characters are not allowed)",
            ),
        ),
        ("a:\n  " + "- " * 5000 + "x\n", (2, 201, "PC001", "the data nests more than 100 levels deep")),
        ("? [a]\n: b\n", (1, 3, "PC001", "a mapping key is a list or a mapping")),
        ("a: 1e101\n", (1, 4, "PC001", "the number 1e101 is out of range (at most 100 digits, up to 1e100)")),
        (
            "a: " + "9" * 101 + "\n",
            (
                1,
                4,
                "PC001",
                "the number 999999999999999999999999999... is out of range (at most 100 digits, up to 1e100)",
            ),
        ),
        (
            "a: !!binary aGk=\n",
            (1, 4, "PC001", "the tag '!!binary' is not allowed"),
        ),
    ],
    ids=["syntax", "control-character", "deep", "list-key", "exponent", "digits", "binary-tag"],
)
def test_refused_input_is_located(text: str, expected: tuple[int, int, str, str]) -> None:
    found = problem(text)
    assert (found.line, found.column, found.code, found.message) == expected


def test_numbers_at_the_limits_are_read() -> None:
    assert parsed("a: 1e100\nb: 0e-999\nc: " + "9" * 100 + "\n") == {
        "a": Decimal("1e100"),
        "b": Decimal("0e-999"),
        "c": int("9" * 100),
    }


def test_parallel_parse_gives_the_sequential_results(monkeypatch: pytest.MonkeyPatch) -> None:
    from perfcode import load
    from perfcode.load import data_files, load_all

    root = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "minimal"
    paths = [*data_files(root), root / "missing.yaml"]
    alone = load_all(root, paths, hashing=True)
    monkeypatch.setattr(load, "PARALLEL_MIN_FILES", 2)
    monkeypatch.setattr(load.os, "cpu_count", lambda: 2)
    together = load_all(root, paths, hashing=True)
    assert together == alone
    assert len(alone[0]) > 30
    assert [f.code for f in alone[1]] == ["PC007"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1: x\n", (1, 1, "PC001", "the mapping key 1 is not text")),
        ("a: 1\nnull: x\n", (2, 1, "PC001", "the mapping key null is not text")),
        ("true: x\n", (1, 1, "PC001", "the mapping key true is not text")),
        ("a: {0.5: x}\n", (1, 5, "PC001", "the mapping key 0.5 is not text")),
        ("a: !!int 0b11\n", (1, 4, "PC001", "the tagged value '0b11' is not an integer")),
        ("a: !!int 1e3\n", (1, 4, "PC001", "the tagged value '1e3' is not an integer")),
        ("a: !!float abc\n", (1, 4, "PC001", "the tagged value 'abc' is not a finite number")),
        ("a: !!float nan\n", (1, 4, "PC001", "the tagged value 'nan' is not a finite number")),
        ("a: !!float .inf\n", (1, 4, "PC001", "the tagged value '.inf' is not a finite number")),
        ("a: !!float -.inf\n", (1, 4, "PC001", "the tagged value '-.inf' is not a finite number")),
        ("a: !!bool yes\n", (1, 4, "PC001", "the tagged value 'yes' is not true or false")),
        ("!!int 1: x\n", (1, 1, "PC001", "the mapping key 1 is not text")),
    ],
    ids=[
        "int-key",
        "null-key",
        "bool-key",
        "decimal-key",
        "binary-int",
        "exponent-int",
        "word-float",
        "nan",
        "inf",
        "minus-inf",
        "yes-bool",
        "tagged-key",
    ],
)
def test_values_no_schema_could_check_are_refused(text: str, expected: tuple[int, int, str, str]) -> None:
    found = problem(text)
    assert (found.line, found.column, found.code, found.message) == expected


def _flow(depth: int) -> str:
    return "a: " + "[" * depth + "]" * depth + "\n"


def _block(depth: int) -> str:
    return "".join(f"{'  ' * level}k:\n" for level in range(depth)) + f"{'  ' * depth}v\n"


def _complex_key(depth: int) -> str:
    return "a:\n" + "".join(f"{'  ' * (level + 1)}? k\n{'  ' * (level + 1)}:\n" for level in range(depth))


@pytest.mark.parametrize("shape", [_flow, _block, _complex_key], ids=["flow", "block", "complex-key"])
@pytest.mark.parametrize("depth", [995, 990, 150, 101])
def test_nesting_under_any_library_limit_is_refused_not_crashed(
    shape: Callable[[int], str], depth: int
) -> None:
    found = problem(shape(depth))
    assert (found.code, found.message) == ("PC001", "the data nests more than 100 levels deep")


@pytest.mark.parametrize("tagged", [False, True], ids=["plain", "tagged"])
def test_nesting_at_the_cap_is_read(tagged: bool) -> None:
    text = "a: " + "[" * 99 + ("!!str x" if tagged else "x") + "]" * 99 + "\n"
    data = parsed(text)
    for _ in range(100):
        assert isinstance(data, dict | list)
        data = data["a"] if isinstance(data, dict) else data[0]
    assert data == "x"


def test_tagged_documents_are_measured_before_the_strict_loader() -> None:
    text = "a: !!str x\nb: " + "[" * 500 + "]" * 500 + "\n"
    found = problem(text)
    assert (found.line, found.column, found.message) == (2, 103, "the data nests more than 100 levels deep")


def test_deep_flow_is_counted_past_quotes_and_comments() -> None:
    opening = "a: [it's, \"]]}\\\"]\", ']]'' ', # ]]]\n  " + "[" * 2000
    found = problem(opening + "]" * 2001 + "\n")
    assert (found.line, found.column, found.message) == (2, 101, "the data nests more than 100 levels deep")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("!!seq a\n", (1, 1, "expected a sequence node, but found scalar")),
        ("a: !!map a\n", (1, 4, "expected a mapping node, but found scalar")),
        ("a: !!map [1]\n", (1, 4, "expected a mapping node, but found sequence")),
        ("a: !!str [a]\n", (1, 4, "expected a scalar node, but found sequence")),
        ("a: !!str {b: c}\n", (1, 4, "expected a scalar node, but found mapping")),
    ],
)
def test_a_tag_on_the_wrong_kind_of_node_is_refused(text: str, expected: tuple[int, int, str]) -> None:
    # Found by tests/unit/test_fuzz_load.py: `!!seq a` crashed the fast path (AttributeError).
    found = problem(text)
    line, column, message = expected
    assert (found.line, found.column, found.code, found.text) == (
        line,
        column,
        "PC001",
        f"YAML syntax error: {message}; fix the YAML syntax at this position",
    )


BIDI = ["\u061c", "\u200e", "\u200f", *map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A))]


@pytest.mark.parametrize("control", BIDI, ids=lambda c: f"U+{ord(c):04X}")
@pytest.mark.parametrize(
    ("template", "where"),
    [
        ("id: a\ntitle: Win {c}customers\n", (2, 12)),
        ('id: a\ntitle: "Win\n  {c}customers"\n', (3, 3)),
        ("id: a\nti{c}tle: x\n", (2, 3)),
        ("id: a  # {c}a comment\n", (1, 10)),
        ("- [a, b{c}]\n", (1, 8)),
    ],
    ids=["plain", "quoted", "key", "comment", "flow"],
)
def test_bidirectional_controls_are_refused_wherever_they_stand(
    control: str, template: str, where: tuple[int, int]
) -> None:
    found = problem(template.format(c=control))
    assert (found.line, found.column, found.code, found.text) == (
        *where,
        "PC012",
        f"the bidirectional control character U+{ord(control):04X} can make the file read differently"
        " from its data; remove the character; write right-to-left text without controls",
    )


def test_right_to_left_text_without_controls_is_read() -> None:
    assert parsed("title: مرحبا بالعالم\n") == {"title": "مرحبا بالعالم"}


def test_an_exponent_past_what_decimal_holds_is_out_of_range() -> None:
    found = problem("a: 1e" + "9" * 60 + "\n")
    assert (found.code, found.message) == (
        "PC001",
        "the number 1e9999999999999999999999999... is out of range (at most 100 digits, up to 1e100)",
    )
