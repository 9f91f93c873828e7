"""Bad input, end to end through the CLI: every broken or hostile file gives a located
finding and exit status 1, never a traceback, and a broken file is reported alone, not as
a cascade in the files that refer to it; the machine formats stay parseable and no text
from a file can become a GitHub workflow command; usage errors exit 2."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from perfcode.cli import main
from support import MINIMAL, TODAY, findings, replace

SALES = "org/units/sales.yaml"
SALES_GOALS = "goals/2026-H1/units/sales.yaml"
UNIT = b"id: sales\nname: Sales\nparent: acme\nhead: dana-diaz\n"
BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(9)
)
HOSTILE = "x\n::set-output name=pwned::1 %0A::error::fake"


def check(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> tuple[int, str]:
    """Exit status and stdout of ``perfcode check``; anything on stderr fails the test."""
    code = main(["--root", str(root), "check", "--today", TODAY, *args])
    out, err = capsys.readouterr()
    assert err == ""
    return code, out


def goals_with(old: str, new: str) -> bytes:
    text = (MINIMAL / SALES_GOALS).read_text(encoding="utf-8")
    assert text.count(old) == 1
    return text.replace(old, new).encode("utf-8")


def cycle_with(old: str, new: str) -> bytes:
    text = (MINIMAL / "goals/2026-H1/cycle.yaml").read_text(encoding="utf-8")
    assert text.count(old) == 1
    return text.replace(old, new).encode("utf-8")


CORPUS = [
    pytest.param(
        SALES,
        b'id: sales\nname: "Sales\nparent: acme\nhead: dana-diaz\n',
        "org/units/sales.yaml:5:1: PC001 YAML syntax error: found unexpected end of stream while scanning a"
        " quoted scalar; fix the YAML syntax at this position",
        id="broken-yaml",
    ),
    pytest.param(
        SALES,
        UNIT + b"head: pat-park\n",
        "org/units/sales.yaml:5:1: PC002 duplicate key 'head' (first at line 4); keep one of the two entries",
        id="duplicate-key",
    ),
    pytest.param(
        SALES,
        BOMB.encode(),
        "org/units/sales.yaml:1:4: PC003 anchors and aliases are not allowed; write the value out in full",
        id="alias-bomb",
    ),
    pytest.param(
        SALES,
        b"id: sales\nname: Sales\nparent: acme\nhead:\n\tdana-diaz\n",
        "org/units/sales.yaml:5:1: PC006 a tab is used for indentation; indent with spaces",
        id="tab-indentation",
    ),
    pytest.param(
        SALES,
        "id: sales\nname: Ventes à l'export\nparent: acme\nhead: dana-diaz\n".encode("latin-1"),
        "org/units/sales.yaml:2:14: PC005 the file is not valid UTF-8; save it as UTF-8",
        id="latin-1",
    ),
    pytest.param(
        SALES,
        b"",
        "org/units/sales.yaml:1:1: PC008 the file is empty; fill it in or delete it",
        id="empty",
    ),
    pytest.param(
        SALES,
        b"id: sales\nname: Sales\x00\nparent: acme\nhead: dana-diaz\n",
        "org/units/sales.yaml:2:12: PC001 YAML syntax error: the character #x0000 is not allowed (control"
        " characters are not allowed); remove the character",
        id="nul-byte",
    ),
    pytest.param(
        SALES_GOALS,
        goals_with("    weight: 100\n    aligns_to", '    weight: "100"\n    aligns_to'),
        "goals/2026-H1/units/sales.yaml:5:5: PC010 'goals[0].weight' must be a number, not '100'; expected: A"
        " weight in percent: more than 0, at most 100",
        id="string-for-number",
    ),
    pytest.param(
        "goals/2026-H1/cycle.yaml",
        cycle_with(
            'period: {start: "2026-01-01", end: "2026-06-30"}', 'period: ["2026-01-01", "2026-06-30"]'
        ),
        "goals/2026-H1/cycle.yaml:3:1: PC010 'period' must be a mapping, not a list; expected: A span of"
        " calendar days, both ends included",
        id="list-for-mapping",
    ),
    pytest.param(
        SALES,
        UNIT + b"descripion: Sells gauges.\n",
        "org/units/sales.yaml:5:1: PC011 unknown key 'descripion'; did you mean 'description'?",
        id="unknown-key",
    ),
    pytest.param(
        SALES,
        UNIT + b"description: " + b"[" * 100_000 + b"]" * 100_000 + b"\n",
        "org/units/sales.yaml:5:113: PC001 the data nests more than 100 levels deep; flatten the structure",
        id="deep-nesting",
    ),
    pytest.param(
        SALES,
        UNIT + b"? [a, b]\n: c\n",
        "org/units/sales.yaml:5:3: PC001 a mapping key is a list or a mapping; write the key as plain text",
        id="list-as-key",
    ),
    pytest.param(
        SALES_GOALS,
        goals_with("target: 20\n", "target: 2e400\n"),
        "goals/2026-H1/units/sales.yaml:13:17: PC001 the number 2e400 is out of range (at most 100 digits, up"
        " to 1e100); write the figure as it is measured",
        id="huge-number",
    ),
    pytest.param(
        SALES,
        b"id: !!python/object/apply:os.system [echo pwned]\nname: Sales\nparent: acme\nhead: dana-diaz\n",
        "org/units/sales.yaml:1:5: PC001 the tag '!!python/object/apply:os.system' is not allowed; remove the"
        " tag: files hold text, numbers, true/false, lists and mappings",
        id="python-tag",
    ),
    pytest.param(
        SALES_GOALS,
        goals_with("id: win-customers", 'id: "<script>alert(1)</script>"'),
        "goals/2026-H1/units/sales.yaml:3:5: PC010 'goals[0].id' is '<script>alert(1)</script>', which does"
        " not match ^[a-z0-9][a-z0-9-]*$; expected: A lower-case identifier made of `a-z`, `0-9` and `-`,"
        " starting with a letter or digit",
        id="script-as-id",
    ),
    pytest.param(
        SALES_GOALS,
        goals_with("title: Win twenty new customers", "title: Win twenty \u202enew customers"),
        "goals/2026-H1/units/sales.yaml:4:23: PC012 the bidirectional control character U+202E can make the"
        " file read differently from its data; remove the character; write right-to-left text without controls",
        id="bidi-override",
    ),
    pytest.param(
        SALES_GOALS,
        goals_with("stretch: 30\n", "stretch: !!float -inf\n"),
        "goals/2026-H1/units/sales.yaml:14:18: PC001 the tagged value '-inf' is not a finite number; remove"
        " the tag or correct the value",
        id="minus-infinite-stretch",
    ),
]


@pytest.mark.parametrize(("path", "content", "expected"), CORPUS)
def test_bad_file(
    company: Path, capsys: pytest.CaptureFixture[str], path: str, content: bytes, expected: str
) -> None:
    (company / path).write_bytes(content)
    assert check(capsys, company) == (1, f"{expected}\n37 files checked: 1 error(s), 0 warning(s)\n")


@pytest.mark.parametrize("path", sorted(p.relative_to(MINIMAL).as_posix() for p in MINIMAL.rglob("*.yaml")))
def test_a_broken_file_is_reported_alone(company: Path, path: str) -> None:
    (company / path).write_text("id: [broken\n", encoding="utf-8")
    assert findings(company, select=()) == [
        f"{path}:2:1: PC001 YAML syntax error: did not find expected ',' or ']' while parsing a flow"
        " sequence; fix the YAML syntax at this position"
    ]


def test_an_infinite_check_in_is_refused_not_scored(
    company: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sam = "goals/2026-H2/people/sam-stone.yaml"
    replace(company, sam, "value: 61000,", "value: !!float inf,")
    assert check(capsys, company) == (
        1,
        f"{sam}:19:41: PC001 the tagged value 'inf' is not a finite number; remove the tag or correct the"
        " value\n37 files checked: 1 error(s), 0 warning(s)\n",
    )
    code = main(["--root", str(company), "score", "--cycle", "2026-H2", "--today", TODAY])
    out, err = capsys.readouterr()
    assert (code, out, err) == (
        1,
        "",
        f"{sam}:19:41: PC001 the tagged value 'inf' is not a finite number; remove the tag or correct the"
        " value\nperfcode score: 1 error(s) must be fixed first (see perfcode check)\n",
    )


def test_unquoted_date_is_accepted(company: Path, capsys: pytest.CaptureFixture[str]) -> None:
    replace(company, "goals/2026-H1/cycle.yaml", 'closed: "2026-08-14"', "closed: 2026-08-14")
    assert check(capsys, company) == (0, "37 files checked: no findings\n")


def test_script_in_a_title_is_plain_data(company: Path, capsys: pytest.CaptureFixture[str]) -> None:
    replace(company, SALES_GOALS, "title: Win twenty new customers", 'title: "<script>alert(1)</script>"')
    assert check(capsys, company) == (0, "37 files checked: no findings\n")


def test_link_outside_the_repository(
    company: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("password: hunter2\n", encoding="utf-8")
    (company / SALES).unlink()
    os.symlink(secret, company / SALES)
    assert check(capsys, company) == (
        1,
        "org/units/sales.yaml:1:1: PC007 the file is a symbolic link; replace the link with the file itself:"
        " data files are plain files\n37 files checked: 1 error(s), 0 warning(s)\n",
    )


def test_50_mb_file_is_refused_unread(company: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with (company / SALES).open("ab") as handle:
        handle.truncate(50 * 1024 * 1024)
    started = time.perf_counter()
    result = check(capsys, company)
    assert time.perf_counter() - started < 5
    assert result == (
        1,
        "org/units/sales.yaml:1:1: PC004 the file is 52,428,800 bytes, over the cap of 1,048,576; split it:"
        " one entity per file\n37 files checked: 1 error(s), 0 warning(s)\n",
    )


@pytest.fixture
def hostile(company: Path) -> Path:
    """The company with a unit file whose name holds a newline, workflow commands and %0A."""
    (company / "org" / "units" / f"{HOSTILE}.yaml").write_text(
        "id: x\nname: X\nparent: acme\nhead: pat-park\n", encoding="utf-8"
    )
    return company


def test_hostile_text_is_escaped(hostile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shown = "x\\n::set-output name=pwned::1 %0A::error::fake"
    assert check(capsys, hostile) == (
        1,
        f"org/units/{shown}.yaml:1:1: PC009 not a known data file; file and folder names are ids: lower-case"
        " letters, digits and hyphens\n"
        "38 files checked: 1 error(s), 0 warning(s)\n",
    )


def test_github_format_allows_no_injected_command(hostile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = check(capsys, hostile, "--format", "github")
    lines = out.splitlines()
    assert code == 1
    assert lines[0].startswith("::stop-commands::")
    token = lines[0].removeprefix("::stop-commands::")
    end = lines.index(f"::{token}::")
    assert lines[end + 1 :] == [
        "::error file=org/units/x%0A%3A%3Aset-output name=pwned%3A%3A1 %250A%3A%3Aerror%3A%3Afake.yaml,line=1,"
        "col=1,title=PC009::not a known data file; file and folder names are ids: lower-case letters, digits"
        " and hyphens",
    ]
    assert not any(line.startswith("::") for line in lines[1:end])


def test_json_format(hostile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = check(capsys, hostile, "--format", "json")
    payload = json.loads(out)
    assert code == 1
    assert payload["files"] == 38
    assert payload["findings"] == [
        {
            "path": f"org/units/{HOSTILE}.yaml",
            "line": 1,
            "column": 1,
            "code": "PC009",
            "severity": "error",
            "message": "not a known data file",
            "hint": "file and folder names are ids: lower-case letters, digits and hyphens",
        }
    ]


def test_sarif_format(hostile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = check(capsys, hostile, "--format", "sarif")
    log = json.loads(out)
    run = log["runs"][0]
    rule_ids = {rule["id"] for rule in run["tool"]["driver"]["rules"]}
    assert (code, log["version"]) == (1, "2.1.0")
    assert [(r["ruleId"], r["level"]) for r in run["results"]] == [("PC009", "error")]
    assert {r["ruleId"] for r in run["results"]} <= rule_ids
    assert run["results"][0]["locations"][0]["physicalLocation"] == {
        "artifactLocation": {
            "uri": "org/units/x%0A%3A%3Aset-output%20name%3Dpwned%3A%3A1%20%250A%3A%3Aerror%3A%3Afake.yaml"
        },
        "region": {"startLine": 1, "startColumn": 1},
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--select", "PC999"], "argument --select: 'PC999' matches no rule code (see `perfcode rules`)"),
        (["--ignore", "XX1"], "argument --ignore: 'XX1' matches no rule code (see `perfcode rules`)"),
        (["--today", "2026-02-30"], "argument --today: '2026-02-30' is not a date like 2026-03-31"),
    ],
)
def test_usage_errors_exit_2(
    company: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--root", str(company), "check", *args])
    assert exit_info.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == f"perfcode check: error: {message}"


def test_root_without_schemas_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(tmp_path), "check", "--today", TODAY]) == 2
    assert capsys.readouterr() == (
        "",
        f"perfcode: error: {tmp_path} is not a perfcode repository (no schemas/ folder); use --root DIR\n",
    )
