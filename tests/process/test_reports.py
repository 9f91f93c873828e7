"""Promotion-group reports: `perfcode report draft`, and the duties the tracker flags."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from process_support import Cli

from perfcode.check import run_check
from perfcode.duties import after, duties
from support import make_company, replace

ENGINEERING = "governance/reports/2026-H2/engineering-promotion.yaml"
MONTHLY = "    members: [kim-kato]\n    reporting: {cadence: monthly, to: performance-committee}\n"


@pytest.fixture
def company(tmp_path: Path) -> Path:
    """The minimal company, whose engineering promotion group reports monthly."""
    root = make_company(tmp_path / "company")
    replace(root, "org/governance.yaml", "    members: [kim-kato]\n", MONTHLY)
    replace(
        root,
        "org/framework.yaml",
        "    name: Professional\n",
        "    name: Professional\n    coaching: {every_days: 60}\n",
    )
    return root


def test_draft_writes_the_trackers_figures_and_refreshes_them_the_same_day(company: Path, cli: Cli) -> None:
    run = cli("--root", company, "report", "draft", "engineering-promotion", "--today", "2026-10-30")
    assert (run.code, run.out, run.err) == (0, f"{ENGINEERING}: report of 2026-10-30 drafted\n", "")
    assert (company / ENGINEERING).read_text(encoding="utf-8") == (
        "# Reports of engineering-promotion on 2026-H2, to the performance committee and the HR support group.\n"
        "# Drafted by `perfcode report draft engineering-promotion`: the figures come from the tracker; write the"
        " progress\n"
        "# and keep the register of problems (owner, due, status); the committee records its decisions.\n"
        "group: engineering-promotion\n"
        "cycle: 2026-H2\n"
        "reports:\n"
        '  - date: "2026-10-30"\n'
        "    figures:\n"
        '      as_of: "2026-10-30"\n'
        "      participants: 1\n"
        "      late:\n"
        "        - {step: coaching, people: 1}\n"
        "      coaching: {held: 0, due: 1}\n"
        "problems: []\n"
    )
    replace(company, ENGINEERING, "problems: []\n", "    progress: Behind on coaching.\nproblems: []\n")
    assert (
        cli("--root", company, "report", "draft", "engineering-promotion", "--today", "2026-10-30").code == 0
    )
    text = (company / ENGINEERING).read_text(encoding="utf-8")
    assert text.count("- date:") == 1 and "    progress: Behind on coaching.\n" in text
    assert (
        cli("--root", company, "report", "draft", "engineering-promotion", "--today", "2026-11-24").code == 0
    )
    assert (company / ENGINEERING).read_text(encoding="utf-8").count("- date:") == 2


def test_draft_refuses_an_unknown_group(company: Path, cli: Cli) -> None:
    run = cli("--root", company, "report", "draft", "engineering", "--today", "2026-10-30")
    assert (run.code, run.err) == (
        2,
        "perfcode: error: unknown promotion group 'engineering'; groups: sales-promotion, engineering-promotion\n",
    )


def test_the_tracker_flags_an_overdue_report_and_a_problem_past_due(company: Path, cli: Cli) -> None:
    assert (
        cli("--root", company, "report", "draft", "engineering-promotion", "--today", "2026-09-30").code == 0
    )
    replace(
        company,
        ENGINEERING,
        "problems: []\n",
        'problems:\n  - {id: weights, title: Weights, found: "2026-09-30", owner: eli-evans, due: "2026-11-15",'
        " status: open}\n",
    )
    run = cli("--root", company, "cycle", "status", "2026-H2", "--today", "2026-11-24")
    assert run.out.endswith(
        "Governance duties late:\n"
        f"  engineering-promotion: report (monthly) (due 2026-10-30) in {ENGINEERING}\n"
        f"  engineering-promotion: open problem 'weights' (due 2026-11-15) in {ENGINEERING}\n"
    )
    payload = json.loads(
        cli("--root", company, "cycle", "status", "--format", "json", "--today", "2026-11-24").out
    )
    assert [(d["kind"], d["late"]) for d in payload["governance"]] == [("report", True), ("problem", True)]


def test_a_group_that_never_reported_owes_one_a_cadence_after_the_first_open_cycle(company: Path) -> None:
    repo = run_check(company, "2026-11-24").repo
    assert [(d.body, d.due, d.path) for d in duties(repo, "2026-11-24")] == [
        ("engineering-promotion", "2026-08-01", "governance/reports/2026-H2/engineering-promotion.yaml")
    ]


@pytest.mark.parametrize(
    ("day", "cadence", "expected"),
    [
        ("2026-01-31", "monthly", "2026-02-28"),
        ("2026-11-30", "quarterly", "2027-02-28"),
        ("2026-08-31", "semiannual", "2027-02-28"),
        ("2024-02-29", "annual", "2025-02-28"),
        ("2026-12-29", "weekly", "2027-01-05"),
    ],
)
def test_a_cadence_after_a_day(day: str, cadence: str, expected: str) -> None:
    assert after(day, cadence) == expected
