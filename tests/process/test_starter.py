"""`perfcode init`: a new company's repository that checks clean at once."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from process_support import Cli

from perfcode.process.starter import slug, template_root, yaml_scalar
from perfcode.process.vcs import git
from support import REPO


def test_the_new_repository_checks_clean_and_is_committed(started: Path, cli: Cli) -> None:
    run = cli("--root", started, "check", "--today", "2026-01-05")
    files = len(list((started / "org").rglob("*.yaml")))
    assert (run.code, run.out) == (0, f"{files} files checked: no findings\n")
    assert (
        git(started, "log", "--format=%s")
        == "Start the performance system of Acme Gauges (perfcode 0.1.0 init)"
    )
    assert git(started, "status", "--porcelain") == ""
    assert (
        (started / "org/people/ada-lovelace.yaml")
        .read_text(encoding="utf-8")
        .startswith("id: ada-lovelace\nname: Ada Lovelace\nemail: ada@acme.example\ngithub: ada-l  #")
    )
    assert not (started / "goals").exists() and not (started / "reviews").exists()
    for copied in (
        "schemas/framework.schema.json",
        ".vscode/settings.json",
        "scripts/perfcode/cli.py",
        "Makefile",
        ".github/dependabot.yml",
        ".github/workflows/deps.yml",
    ):
        assert (started / copied).is_file()
    assert (started / "requirements.txt").read_bytes() == (REPO / "requirements.txt").read_bytes()
    makefile = (started / "Makefile").read_text(encoding="utf-8")
    assert "install --require-hashes --no-deps -r $(LOCK)" in makefile and "\nlock:" in makefile
    assert not list(started.rglob("__pycache__"))


def test_the_board_decides_the_presidents_own_case(started: Path, tmp_path: Path, cli: Cli) -> None:
    """The president, assessed yearly, takes part in the year 2026: without --board nobody
    may decide their calibration or appeal (PC109 warns; the check still exits 0)."""
    assert cli("--root", started, "cycle", "open", "2026", "--today", "2026-01-05").code == 0
    run = cli("--root", started, "check", "--today", "2026-01-05", "--select", "PC109")
    assert (run.code, run.out.splitlines()[-1]) == (0, "12 files checked: 0 error(s), 2 warning(s)")
    root = tmp_path / "boarded"
    made = cli(
        "init", root, "--company", "Acme Gauges", "--president", "Ada Lovelace", "--email", "ada@acme.example",
        "--github", "ada-l", "--board", "acme-board-chair", "--today", "2026-01-05",
    )  # fmt: skip
    assert made.code == 0, made.err
    governance = (root / "org/governance.yaml").read_text(encoding="utf-8")
    assert governance.endswith(
        "recusal_fallback:\n  name: Board of directors\n  github: [acme-board-chair]\n"
    )
    assert cli("--root", root, "cycle", "open", "2026", "--today", "2026-01-05").code == 0
    run = cli("--root", root, "check", "--today", "2026-01-05", "--select", "PC109")
    assert (run.code, run.out) == (0, "12 files checked: no findings\n")


def test_the_board_is_not_the_president(tmp_path: Path, cli: Cli) -> None:
    run = cli("init", tmp_path / "x", "--president", "Ada", "--email", "a@x.example", "--github", "ada",
              "--board", "@Ada")  # fmt: skip
    assert (run.code, run.err) == (
        2,
        "perfcode: error: 'Ada' is not the GitHub handle of someone other than the president\n",
    )


def test_a_status_before_any_cycle_says_how_to_open_one(started: Path, cli: Cli) -> None:
    run = cli("--root", started, "cycle", "status", "--today", "2026-01-05")
    assert (run.code, run.out) == (
        0,
        "no cycle yet: open one with `perfcode cycle open 2026-H1` (or another id)\n",
    )


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path, cli: Cli) -> None:
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "notes.txt").write_text("mine", encoding="utf-8")
    run = cli("init", tmp_path / "taken", "--president", "Ada Lovelace", "--email", "ada@x.example")
    assert run.code == 2
    assert run.err == f"perfcode: error: {tmp_path / 'taken'} exists and is not an empty folder\n"
    assert [p.name for p in (tmp_path / "taken").iterdir()] == ["notes.txt"]


def test_names_become_ids_and_plain_yaml() -> None:
    assert slug("Ångström & Co.", "company") == "angstrom-co"
    assert slug("株式会社", "company") == "company"
    assert yaml_scalar("Ada Lovelace") == "Ada Lovelace"
    assert yaml_scalar("No") == "No"
    assert yaml_scalar("true") == '"true"'
    assert yaml_scalar("Acme: Gauges # 1") == '"Acme: Gauges # 1"'


@pytest.mark.skipif(not (template_root() / "mkdocs.yml").is_file(), reason="the template has no site yet")
def test_the_new_repository_builds_its_site(started: Path) -> None:
    mkdocs = shutil.which("mkdocs") or str(Path(sys.executable).parent / "mkdocs")
    done = subprocess.run(
        [mkdocs, "build", "--quiet"], cwd=started, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
