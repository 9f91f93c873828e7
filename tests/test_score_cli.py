from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from perfcode.cli import main
from perfcode.scoring.output import CSV_COLUMNS

ROOT = Path(__file__).resolve().parents[1]
TODAY = "2026-11-24"


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "tests" / "fixtures" / "minimal", tmp_path / "co")
    shutil.copytree(ROOT / "schemas", tmp_path / "co" / "schemas")
    return tmp_path / "co"


def score(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--root", str(root), "score", "--today", TODAY, *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_output_matches_its_schema_and_is_byte_identical(
    minimal: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, first, _ = score(capsys, minimal, "--cycle", "2026-H1", "--format", "json")
    assert code == 0
    _, second, _ = score(capsys, minimal, "--cycle", "2026-H1", "--format", "json")
    assert first == second
    schema = json.loads((ROOT / "schemas" / "scores.schema.json").read_text())
    payload = json.loads(first)
    assert [e.message for e in Draft202012Validator(schema).iter_errors(payload)] == []
    assert payload["cycle"] == "2026-H1"
    assert all(p["final_rating"] is not None for p in payload["people"] if p["rating_source"] != "none")


def test_csv_has_one_row_per_participant(minimal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = score(capsys, minimal, "--cycle", "2026-H1", "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert code == 0
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) > 2
    assert {row[0] for row in rows[1:]} == {"2026-H1"}


def test_csv_neutralises_formulas(minimal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    person = minimal / "org" / "people" / "kim-kato.yaml"
    text = person.read_text()
    name = next(line for line in text.splitlines() if line.startswith("name:"))
    person.write_text(text.replace(name, "name: \"=HYPERLINK('http://x.example')\""))
    _, out, _ = score(capsys, minimal, "--cycle", "2026-H1", "--format", "csv")
    assert "'=HYPERLINK('http://x.example')" in out


def test_explain_shows_the_derivation(minimal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = score(capsys, minimal, "--cycle", "2026-H1", "--explain", "kim-kato")
    assert code == 0
    assert "Final score: (" in out
    assert "Computed rating: " in out
    assert "Final rating: " in out


def test_default_cycle_is_the_current_one(minimal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = score(capsys, minimal)
    assert code == 0
    assert out.startswith("Cycle 2026-H2 (")
    assert "(projected)" in out


def test_unknown_cycle_and_person_are_usage_errors(minimal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = score(capsys, minimal, "--cycle", "1999")
    assert code == 2
    assert err == "perfcode: error: unknown cycle '1999'; cycles: 2026-H1, 2026-H2\n"
    code, _, err = score(capsys, minimal, "--cycle", "2026-H1", "--explain", "nobody")
    assert (code, err) == (
        2,
        "perfcode: error: unknown person 'nobody' (or their file fails perfcode check); see org/people/\n",
    )
    code, _, err = score(capsys, minimal, "--cycle", "2026-H2", "--explain", "lee-lund")
    assert (code, err) == (2, "perfcode: error: 'lee-lund' does not take part in cycle 2026-H2\n")


def test_findings_block_scoring(minimal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (minimal / "org" / "units" / "broken.yaml").write_text("id: [\n")
    code, out, err = score(capsys, minimal, "--cycle", "2026-H1")
    assert (code, out) == (1, "")
    assert err.endswith("perfcode score: 1 error(s) must be fixed first (see perfcode check)\n")
