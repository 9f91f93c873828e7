"""``perfcode demo-org``: a generated company that checks clean, the same for the same seed,
and never written into a folder that holds anything."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from perfcode.check import run_check
from perfcode.cli import main
from perfcode.emit import Flow, dump
from perfcode.load import Document, parse
from support import TODAY

PEOPLE = "60"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("demo") / "company"
    assert main(["demo-org", "--people", PEOPLE, "--seed", "7", str(dest)]) == 0
    return dest


def tree(root: Path) -> dict[str, bytes]:
    """The generated files."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_the_demo_company_checks_clean(demo: Path) -> None:
    result = run_check(demo, TODAY)
    assert [f.code for f in result.findings] == []
    assert len(result.repo.people) == int(PEOPLE)
    assert {p.cls for p in result.repo.people.values()} == {
        "executive",
        "manager",
        "professional",
        "operator",
    }
    levels = {u.id: u.parent for u in result.repo.units.values()}
    assert max(_depth(levels, u) for u in levels) >= 2


def _depth(parents: dict[str, str | None], unit: str) -> int:
    parent = parents[unit]
    return 0 if parent is None else 1 + _depth(parents, parent)


def test_the_closed_half_is_reviewed_and_the_open_half_has_check_ins(demo: Path) -> None:
    repo = run_check(demo, TODAY).repo
    assert {r.cycle for r in repo.reviews} == {"2026-H1"}
    assert all(r.final_rating is not None and r.feedback for r in repo.reviews)
    curves = {kr.curve for f in repo.goal_files for g in f.goals for kr in g.key_results}
    assert curves == {None, "linear", "milestone", "okr", "rated"}
    h2 = [
        c.date
        for f in repo.goal_files
        if f.cycle == "2026-H2"
        for g in f.goals
        for k in g.key_results
        for c in k.check_ins
    ]
    assert h2 and max(h2) <= TODAY


def test_the_same_seed_gives_the_same_files(demo: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    assert main(["demo-org", "--people", PEOPLE, "--seed", "7", str(again)]) == 0
    assert tree(again) == tree(demo)
    other = tmp_path / "other"
    assert main(["demo-org", "--people", PEOPLE, "--seed", "8", str(other)]) == 0
    assert tree(other) != tree(demo)


def test_a_folder_with_files_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dest = tmp_path / "taken"
    dest.mkdir()
    (dest / "notes.txt").write_text("mine\n", encoding="utf-8")
    assert main(["demo-org", "--people", PEOPLE, str(dest)]) == 2
    assert capsys.readouterr().err == (
        f"perfcode: error: {dest} exists and is not an empty folder; choose a new folder\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken"]
    assert [p.name for p in dest.iterdir()] == ["notes.txt"]


def test_an_empty_folder_is_filled(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dest = tmp_path / "empty"
    dest.mkdir()
    assert main(["demo-org", "--people", "25", str(dest)]) == 0
    assert capsys.readouterr().out.startswith(f"created {dest}: 25 people, ")
    assert (dest / "org" / "framework.yaml").is_file() and (dest / "schemas").is_dir()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty"]


def test_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["demo-org", "--help"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.startswith("usage: perfcode demo-org ")


def test_emitted_yaml_reads_back_as_the_same_data() -> None:
    data = {
        "id": "2026",
        "name": 'Ana Popescu: lead, "quoted" # not a comment',
        "unit": "%",
        "flags": ["no", "yes", "on", "true", "null", "@team"],
        "values": [Flow(date="2026-02-27", value=True, note="a, b: c")],
        "nested": {"empty": [], "none": None, "score": Decimal("0.10"), "count": 3},
    }
    document = parse("x.yaml", dump(data))
    assert isinstance(document, Document)
    assert document.data == data


def test_a_check_writes_nothing_into_the_company(demo: Path) -> None:
    before = tree(demo)
    run_check(demo, TODAY)
    assert tree(demo) == before
