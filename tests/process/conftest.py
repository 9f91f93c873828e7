"""Fixtures for the process commands: a fresh company made by `perfcode init` in a
temporary folder, run through the real CLI, with git isolated from the user's settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from process_support import PEOPLE_CSV, Cli, Run, commit_all

from perfcode.cli import main


@pytest.fixture(autouse=True)
def quiet_git(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """git with a fixed identity and none of the user's or the system's configuration."""
    config = tmp_path_factory.mktemp("git") / "config"
    config.write_text("", encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for role in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{role}_NAME", "Test HR")
        monkeypatch.setenv(f"GIT_{role}_EMAIL", "hr@acme.example")


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Cli:
    """Run `perfcode ARGS...`; the exit code and what it printed."""

    def run(*args: str | Path) -> Run:
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


@pytest.fixture
def started(tmp_path: Path, cli: Cli) -> Path:
    """Acme Gauges, fresh from `perfcode init`."""
    root = tmp_path / "acme"
    run = cli(
        "init", root, "--company", "Acme Gauges", "--president", "Ada Lovelace",
        "--email", "ada@acme.example", "--github", "ada-l", "--today", "2026-01-05",
    )  # fmt: skip
    assert run.code == 0, run.err
    return root


@pytest.fixture
def people_csv(tmp_path: Path) -> Path:
    path = tmp_path / "people.csv"
    path.write_text(PEOPLE_CSV, encoding="utf-8")
    return path


@pytest.fixture
def imported(started: Path, people_csv: Path, cli: Cli) -> Path:
    """Acme Gauges with its five people imported and committed."""
    run = cli("--root", started, "import", "people", people_csv, "--today", "2026-01-05")
    assert run.code == 0, run.err
    commit_all(started, "Import people")
    return started
