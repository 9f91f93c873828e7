"""The tracking report: what is late, per unit and per promotion group, in results too."""

from __future__ import annotations

import json
from pathlib import Path

from process_support import Cli

from perfcode.check import run_check
from perfcode.tracking import by_promotion_group, status


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
