"""The tracking report: what is late, per unit and per promotion group, in results too."""

from __future__ import annotations

import json
from pathlib import Path

from process_support import Cli, commit_all

from perfcode.check import run_check
from perfcode.tracking import by_promotion_group, status
from perfcode.tracking import status as status_of


def test_results_phase_items_are_late_by_their_own_deadlines(imported: Path, cli: Cli) -> None:
    assert cli("--root", imported, "cycle", "open", "2026-H1", "--today", "2026-06-20").code == 0
    (imported / "reviews/2026-H1/dan-evans.yaml").write_text(
        "person: dan-evans\ncycle: 2026-H1\nfinal_rating: 3\n"
        'feedback: {meeting: "2026-07-20"}\n'
        'appeal: {filed: "2026-07-21", grounds: The rig slipped for reasons outside my team.}\n',
        encoding="utf-8",
    )
    run = cli("--root", imported, "cycle", "status", "--format", "json", "--today", "2026-08-25")
    late = {(i["kind"], i["due"]) for i in json.loads(run.out)["late"] if i["person"] == "dan-evans"}
    assert late == {
        ("goals", "2026-01-21"),
        ("self-assessment", "2026-06-30"),
        ("manager-assessment", "2026-06-30"),
        ("acknowledgement", "2026-07-27"),
        ("appeal", "2026-08-20"),
    }
    repo = run_check(imported, "2026-08-25").repo
    groups = by_promotion_group(repo, status(repo, "2026-H1", "2026-08-25").late)
    assert sorted(groups) == ["engineering-promotion"]
    assert {item.person for item in groups["engineering-promotion"]} == {"cara-diaz", "dan-evans", "eve-fox"}


def test_the_phase_between_phases_and_after_the_cycle(imported: Path, cli: Cli) -> None:
    assert cli("--root", imported, "cycle", "open", "2026-H1", "--today", "2026-01-05").code == 0
    repo = run_check(imported, "2026-01-05").repo
    assert status(repo, "2026-H1", "2025-12-31").phase == "not started"
    assert status(repo, "2026-H1", "2026-01-10").phase == "planning"
    assert status(repo, "2026-H1", "2026-09-01").phase == "over"
    assert status(repo, "2026-H1", "2026-01-10").horizon == "2026-06-16"


def test_the_company_and_the_units_owe_their_actuals_and_finished_goals(imported: Path, cli: Cli) -> None:
    """`cycle status` lists what `cycle close` refuses over: the company's and the units'
    missing actuals (PC604 at the close) and goal files that fail PC203 after planning."""
    assert cli("--root", imported, "cycle", "open", "2026-H1", "--today", "2026-01-05").code == 0
    targets = (
        "--metric",
        "Revenue",
        "--threshold",
        "1",
        "--target",
        "2",
        "--stretch",
        "3",
        "--today",
        "2026-01-06",
    )
    for owner, extra in (
        ("company", ("--theme", "profitable-growth")),
        ("engineering", ("--aligns-to", "company/grow")),
    ):
        args = ("new", "goal", owner, "--id", "grow", "--title", "Grow", "--weight", "100", *extra, *targets)
        run = cli("--root", imported, *args)
        assert run.code == 0, run.err
    run = cli(
        "--root", imported, "new", "goal", "dan-evans", "--id", "ota", "--title", "OTA", "--weight", "90",
        "--aligns-to", "engineering/grow", "--metric", "Shipped", "--curve", "milestone", "--today", "2026-01-06",
    )  # fmt: skip
    assert run.code == 0, run.err
    status = json.loads(
        cli("--root", imported, "cycle", "status", "--format", "json", "--today", "2026-08-12").out
    )
    late = [
        (i["owner"], i["person"], i["kind"], i["detail"])
        for i in status["late"]
        if i["kind"] in ("actual", "goal-values")
        and i["person"] in ("dan-evans", "ada-lovelace", "bob-brown")
    ]
    assert late == [
        (None, "dan-evans", "goal-values", "goal weights of 'dan-evans' in 2026-H1 sum to 90, not 100"),
        (None, "dan-evans", "actual", "ota/ota"),
        ("company", "ada-lovelace", "actual", "grow/grow"),
        ("engineering", "bob-brown", "actual", "grow/grow"),
    ]
    text = cli("--root", imported, "cycle", "status", "--today", "2026-08-12").out_lines
    assert "    company goals (ada-lovelace): actual values missing: grow/grow (due 2026-06-30)" in text
    assert "    goals of engineering (bob-brown): actual values missing: grow/grow (due 2026-06-30)" in text
    commit_all(imported, "Goals")
    refused = cli("--root", imported, "cycle", "close", "2026-H1", "--today", "2026-08-12")
    assert refused.code == 1
    assert (
        "  goals/2026-H1/company.yaml: actual values missing: grow/grow (due 2026-06-30)" in refused.err_lines
    )
    assert (
        "  goals/2026-H1/units/engineering.yaml: actual values missing: grow/grow (due 2026-06-30)"
        in refused.err_lines
    )
    repo = run_check(imported, "2026-08-12").repo
    listed = {f"  {i.path}: {i.text} (due {i.due})" for i in status_of(repo, "2026-H1", "2026-08-12").items}
    assert listed <= set(refused.err_lines)
