"""Running an import or a cycle opening twice changes nothing, byte for byte."""

from __future__ import annotations

from pathlib import Path

from process_support import Cli, tree


def test_importing_the_same_file_again_changes_nothing(imported: Path, people_csv: Path, cli: Cli) -> None:
    before = tree(imported)
    run = cli("--root", imported, "import", "people", people_csv, "--today", "2026-01-05")
    assert (run.code, run.out) == (0, "0 added, 0 changed, 5 unchanged\n")
    assert tree(imported) == before


def test_opening_a_cycle_again_changes_nothing(imported: Path, cli: Cli) -> None:
    assert cli("--root", imported, "cycle", "open", "2026-H1", "--today", "2026-01-05").code == 0
    planned = tree(imported)
    again = cli("--root", imported, "cycle", "open", "2026-H1", "--today", "2026-01-05")
    assert again.out_lines[0] == "nothing to create: every file of 2026-H1 exists"
    assert tree(imported) == planned
    assert cli("--root", imported, "cycle", "open", "2026-H1", "--today", "2026-06-17").code == 0
    evaluated = tree(imported)
    assert sorted(set(evaluated) - set(planned)) == [
        "reviews/2026-H1/cara-diaz.yaml",
        "reviews/2026-H1/dan-evans.yaml",
        "reviews/2026-H1/eve-fox.yaml",
    ]
    assert cli("--root", imported, "cycle", "open", "2026-H1", "--today", "2026-06-18").code == 0
    assert tree(imported) == evaluated


def test_a_file_someone_wrote_is_never_overwritten(imported: Path, cli: Cli) -> None:
    mine = imported / "goals/2026-H1/people/dan-evans.yaml"
    mine.parent.mkdir(parents=True)
    mine.write_text("owner: dan-evans\ngoals: []  # mine\n", encoding="utf-8")
    run = cli("--root", imported, "cycle", "open", "2026-H1", "--today", "2026-01-05")
    assert "created goals/2026-H1/people/dan-evans.yaml" not in run.out_lines
    assert mine.read_text(encoding="utf-8") == "owner: dan-evans\ngoals: []  # mine\n"
