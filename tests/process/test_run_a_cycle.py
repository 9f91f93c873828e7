"""A whole cycle run with the commands alone: init -> import -> cycle open -> goals and
check-ins -> status -> reviews -> close (refused, then done and tagged) -> export."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from process_support import Cli, commit_all, replace

from perfcode.process.vcs import git
from perfcode.scoring.output import CSV_COLUMNS

CYCLE = "goals/2026-H1/cycle.yaml"
PLAN = """\
plan:
  kind: development
  start: "2026-07-20"
  end: "2026-12-31"
  items:
    - {id: security-course, action: Take the embedded security course, status: open}
    - {id: code-reviews, action: Review the firmware team's merge requests, status: done}
"""
TO_FILL = "        weight: 100  # to fill in: threshold, target, stretch\n"


def test_a_company_runs_a_whole_cycle(imported: Path, cli: Cli) -> None:
    root = imported
    opened = cli("--root", root, "cycle", "open", "2026-H1", "--today", "2026-01-05")
    assert opened.code == 0, opened.err
    assert opened.out_lines == [
        "created goals/2026-H1/cycle.yaml",
        "created goals/2026-H1/people/cara-diaz.yaml",
        "created goals/2026-H1/people/dan-evans.yaml",
        "created goals/2026-H1/people/eve-fox.yaml",
        "note: the scaffolds leave 3 thing(s) to fill in before planning ends on 2026-01-21 "
        "(targets, weights, alignment): see perfcode check",
        "note: review scaffolds come when evaluation opens on 2026-06-17: "
        "run `perfcode cycle open 2026-H1` again then",
    ]
    _plan_goals(root, cli)
    commit_all(root, "Goals of 2026-H1")
    _check_in(root, cli)
    _status_shows_who_is_late(root, cli)
    _write_reviews(root, cli)
    _close_is_refused_then_done(root, cli)
    _export(root, cli)
    _next_cycle_hands_over_a_neutral_goal(root, cli)


def _plan_goals(root: Path, cli: Cli) -> None:
    """Cara fills in the targets of her position's indicators and adds a goal; Dan and Eve add theirs."""
    filled = "        threshold: 50\n        target: 80\n        stretch: 95\n        weight: 100\n"
    replace(root, "goals/2026-H1/people/cara-diaz.yaml", TO_FILL, filled, count=2)
    for args in (
        ("cara-diaz", "--id", "coach", "--title", "Coach two new engineers", "--weight", "40"),
        ("dan-evans", "--id", "ship-ota", "--title", "Ship over-the-air updates", "--weight", "100"),
        ("eve-fox", "--id", "test-rig", "--title", "Automate the test rig", "--weight", "100"),
    ):
        run = cli(
            "--root", root, "new", "goal", *args, "--local", "The team has no goals yet",
            "--metric", "Milestone reached", "--curve", "milestone", "--today", "2026-01-15",
        )  # fmt: skip
        assert run.code == 0, run.err
    assert cli("--root", root, "check", "--today", "2026-01-15", "--select", "PC2").code == 0


def _check_in(root: Path, cli: Cli) -> None:
    run = cli(
        "--root", root, "checkin", "dan-evans", "ship-ota", "ship-ota", "false",
        "--note", "Beta on ten devices", "--date", "2026-03-10", "--today", "2026-03-10",
    )  # fmt: skip
    assert (run.code, run.out) == (
        0,
        "goals/2026-H1/people/dan-evans.yaml: ship-ota/ship-ota false on 2026-03-10\n",
    )
    run = cli("--root", root, "checkin", "eve-fox", "test-rig", "test-rig", "true", "--today", "2026-03-20")
    assert run.code == 0, run.err


def _status_shows_who_is_late(root: Path, cli: Cli) -> None:
    run = cli("--root", root, "cycle", "status", "--today", "2026-04-01")
    assert run.code == 0
    assert run.out_lines[0] == "Cycle 2026-H1 (2026-01-01..2026-06-30, open) on 2026-04-01: coaching"
    late = run.out_lines[run.out_lines.index("Late, by unit:") :]
    assert late == [
        "Late, by unit:",
        "  firmware",
        "    cara-diaz: check-in overdue: coach/coach, engagement/engagement, team-goals/team-goals"
        " (every 31 days) (due 2026-02-22)",
        "",
        "Late, by promotion group:",
        "  engineering-promotion: cara-diaz (check-in overdue)",
    ]
    payload = json.loads(
        cli("--root", root, "cycle", "status", "--format", "json", "--today", "2026-04-14").out
    )
    assert [(i["person"], i["kind"], i["due"]) for i in payload["late"]] == [
        ("cara-diaz", "check-in", "2026-02-22"),
        ("dan-evans", "check-in", "2026-04-10"),
    ]
    markdown = cli("--root", root, "cycle", "status", "--format", "markdown", "--today", "2026-04-14").out
    assert "| dan-evans | check-in overdue: ship-ota/ship-ota (every 31 days) | 2026-04-10 |" in markdown


def _write_reviews(root: Path, cli: Cli) -> None:
    run = cli("--root", root, "cycle", "open", "2026-H1", "--today", "2026-06-20")
    assert run.out_lines == [
        "created reviews/2026-H1/cara-diaz.yaml",
        "created reviews/2026-H1/dan-evans.yaml",
        "created reviews/2026-H1/eve-fox.yaml",
        "note: dan-evans's class asks for 2 peer assessment(s) and 1 colleague(s) share their manager:"
        " `perfcode nominate dan-evans PEER` to ask others",
        "note: eve-fox's class asks for 2 peer assessment(s) and 1 colleague(s) share their manager:"
        " `perfcode nominate eve-fox PEER` to ask others",
    ]
    replace(
        root,
        "goals/2026-H1/people/cara-diaz.yaml",
        "        target: 80\n",
        "        target: 80\n        actual: 85\n",
        2,
    )
    for person in ("cara-diaz", "dan-evans", "eve-fox"):
        rel = f"goals/2026-H1/people/{person}.yaml"
        replace(root, rel, "        curve: milestone\n", "        curve: milestone\n        actual: true\n")
        manager = "bob-brown" if person == "cara-diaz" else "cara-diaz"
        competencies = _competencies(person)
        (root / f"reviews/2026-H1/{person}.yaml").write_text(
            f"person: {person}\ncycle: 2026-H1\nassessments:\n"
            f'  - {{reviewer: {person}, relationship: self, submitted: "2026-06-25", rating: 4}}\n'
            f'  - reviewer: {manager}\n    relationship: manager\n    submitted: "2026-06-28"\n    rating: 4\n'
            f"    competencies:\n{competencies}{PLAN if person == 'dan-evans' else ''}",
            encoding="utf-8",
        )
    commit_all(root, "Reviews of 2026-H1")


def _competencies(person: str) -> str:
    ids = ["ownership", "collaboration", "craft", "leading-people"]
    if person != "cara-diaz":
        ids = ["customer-focus", "ownership", "collaboration", "craft"]
    return "".join(f"      - {{id: {i}, rating: 4}}\n" for i in ids)


def _close_is_refused_then_done(root: Path, cli: Cli) -> None:
    before = (root / CYCLE).read_bytes()
    refused = cli("--root", root, "cycle", "close", "2026-H1", "--today", "2026-08-20")
    assert refused.code == 1
    assert refused.err_lines[0] == "perfcode cycle close: 2026-H1 is not complete; 9 item(s) open:"
    assert "  reviews/2026-H1/dan-evans.yaml: final rating missing (due 2026-07-14)" in refused.err_lines
    assert "  reviews/2026-H1/eve-fox.yaml: feedback meeting not held (due 2026-08-05)" in refused.err_lines
    assert (root / CYCLE).read_bytes() == before
    assert git(root, "tag", "--list") == ""
    scores = json.loads(
        cli("--root", root, "score", "--cycle", "2026-H1", "--format", "json", "--today", "2026-08-20").out
    )
    for person in scores["people"]:
        rel = f"reviews/2026-H1/{person['person']}.yaml"
        with (root / rel).open("a", encoding="utf-8") as review:
            review.write(
                f"final_rating: {person['computed_rating']}\n"
                'feedback: {meeting: "2026-07-20", acknowledged: "2026-07-22"}\n'
            )
    commit_all(root, "Ratings and feedback of 2026-H1")
    closed = cli("--root", root, "cycle", "close", "2026-H1", "--today", "2026-08-20")
    assert (closed.code, closed.err) == (0, "")
    assert closed.out == (
        "closed 2026-H1 on 2026-08-20: wrote its record for 3 participant(s), committed 5 file(s), tagged"
        " perf/2026-H1\n"
    )
    text = (root / CYCLE).read_text(encoding="utf-8")
    assert 'status: closed\nclosed: "2026-08-20"\n' in text
    assert text.startswith("# Cycle 2026-H1, opened by `perfcode cycle open`")
    assert git(root, "cat-file", "-t", "perf/2026-H1") == "tag"
    assert git(root, "log", "-1", "--format=%s") == "Close cycle 2026-H1"
    assert git(root, "status", "--porcelain") == ""
    assert cli("--root", root, "cycle", "close", "2026-H1").out == "cycle 2026-H1 is closed already\n"


def _export(root: Path, cli: Cli) -> None:
    run = cli("--root", root, "export", "results", "--cycle", "2026-H1", "--today", "2026-08-20")
    assert (run.code, run.err) == (0, "")
    rows = list(csv.reader(io.StringIO(run.out)))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [row[1] for row in rows[1:]] == ["cara-diaz", "dan-evans", "eve-fox"]


def _next_cycle_hands_over_a_neutral_goal(root: Path, cli: Cli) -> None:
    run = cli("--root", root, "cycle", "open", "2026-H2", "--today", "2026-07-01")
    assert run.code == 0, run.err
    scaffold = (root / "goals/2026-H2/people/dan-evans.yaml").read_text(encoding="utf-8")
    # The plan is confidential and goals are published: a neutral goal, nothing of the plan.
    assert scaffold.endswith(
        "goals:\n  - id: development-goal\n    title: Development goal\n    weight: 10\n"
        "    local: {reason: To word with your manager as an ordinary goal.}\n"
        "    key_results:\n      - id: development-goal\n        metric: To word with your manager\n"
        "        curve: milestone\n        weight: 100\n"
    )
    assert "security" not in scaffold and "plan" not in scaffold.split("goals:")[1]
    refused = cli(
        "--root", root, "checkin", "dan-evans", "ship-ota", "ship-ota", "true", "--cycle", "2026-H1"
    )
    assert (
        refused.err
        == "perfcode: error: cycle 2026-H1 is closed: its goals are the record and stay as they are\n"
    )
