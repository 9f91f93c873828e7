"""The command line: every subcommand has help and a description, runs with --help, and is
documented in the README (as sqlite-utils checks its commands)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from perfcode import __version__
from perfcode.cli import COMMANDS, command, main
from perfcode.rules import all_rules
from support import REPO, TODAY

README = (REPO / "README.md").read_text(encoding="utf-8")


def run_help(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    with pytest.raises(SystemExit) as exit_info:
        main([*args, "--help"])
    assert exit_info.value.code == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_command_has_help_and_description(name: str) -> None:
    module = command(name)
    assert module.HELP.strip()
    assert module.DESCRIPTION.strip()


def test_main_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    out = run_help(capsys)
    listed = re.findall(r"^    ([\w-]+)(?:  |$)", out, flags=re.MULTILINE)
    assert sorted(listed) == sorted(COMMANDS)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_command_help_shows_its_description(capsys: pytest.CaptureFixture[str], name: str) -> None:
    out = run_help(capsys, name)
    assert out.startswith(f"usage: perfcode {name} ")
    assert command(name).DESCRIPTION.strip() in out


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_command_is_documented_in_readme(name: str) -> None:
    assert f"perfcode {name}" in README


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert (exit_info.value.code, capsys.readouterr().out) == (0, f"perfcode {__version__}\n")


def test_rules_lists_every_code(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == [rule.code for rule in all_rules()]
    assert lines[0] == "PC001  error    yaml-syntax              The file is not valid YAML."


def test_rules_explains_one_code(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "pc203"]) == 0
    assert capsys.readouterr().out == (
        "PC203 goal-weights (error)\n"
        "The goal weights of an owner do not sum to 100.\n"
        "\n"
        "Each goal file's goal weights sum to exactly 100, so every goal's share of the score is\n"
        "explicit. The message gives the sum. While the cycle's planning runs, the file is a\n"
        "draft and this is PC212, a warning.\n"
    )


def test_rules_unknown_code_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "PC999"]) == 2
    assert capsys.readouterr().err == "perfcode: error: unknown rule code 'PC999' (see `perfcode rules`)\n"


def test_check_root_given_after_the_command(
    company: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(company)
    assert main(["check", "--today", TODAY]) == 0
    assert main(["check", "--root", str(company), "--today", TODAY]) == 0
    assert capsys.readouterr().out == "37 files checked: no findings\n" * 2


def test_perfcode_today_pins_every_commands_today(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without --today a command takes $PERFCODE_TODAY for today, as the site does."""
    monkeypatch.setenv("PERFCODE_TODAY", "2026-09-10")
    assert main(["--root", str(REPO), "cycle", "status", "2026-H2"]) == 0
    assert capsys.readouterr().out.splitlines()[0].endswith(" on 2026-09-10: coaching")
    monkeypatch.setenv("PERFCODE_TODAY", "10/03/2026")
    assert main(["--root", str(REPO), "check"]) == 2
    assert (
        capsys.readouterr().err
        == "perfcode: error: PERFCODE_TODAY: '10/03/2026' is not a date like 2026-03-31\n"
    )


def test_the_repository_is_found_from_a_subfolder(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """As git finds its repository: the nearest folder with schemas/, here or above."""
    monkeypatch.chdir(REPO / "goals" / "2026-H2" / "people")
    assert main(["check", "--today", TODAY]) == 0
    assert capsys.readouterr().out.endswith(" files checked: no findings\n")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--today", TODAY]) == 2
    assert capsys.readouterr().err == (
        f"perfcode: error: {tmp_path} is not in a perfcode repository (no schemas/ folder here or above);"
        " use --root DIR\n"
    )


UNKNOWN = "'carmen-ruz' (or their file fails perfcode check); did you mean 'carmen-ruiz'?\n"


@pytest.mark.parametrize(
    ("args", "what"),
    [
        (("score", "--explain", "carmen-ruz"), "person"),
        (("cycle", "amend", "2026-H1", "carmen-ruz"), "person"),
        (("nominate", "carmen-ruz", "aiko-tanaka"), "person"),
        (("feedback", "carmen-ruz", "meeting"), "person"),
        (("checkin", "carmen-ruz", "g", "k", "1"), "person or unit"),
        (("actual", "carmen-ruz", "g", "k", "1"), "person or unit"),
        (("new", "goal", "carmen-ruz", "--id", "g", "--title", "G", "--weight", "10"), "person or unit"),
        (("revise", "carmen-ruz", "g", "--set", "weight=10", "--reason", "R"), "person or unit"),
        (("history", "carmen-ruz/g"), "person or unit"),
    ],
)
def test_an_unknown_person_is_reported_the_same_way_everywhere(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...], what: str
) -> None:
    assert main(["--root", str(REPO), *args, *(() if args[0] == "history" else ("--today", TODAY))]) == 2
    assert capsys.readouterr().err == f"perfcode: error: unknown {what} {UNKNOWN}"
