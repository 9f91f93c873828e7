"""Coaching: `perfcode coach` writes the record, and the tracker counts conversations held and due."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from process_support import Cli

from support import make_company, replace

KIM = "reviews/2026-H2/coaching/kim-kato.yaml"
TODAY = ("--today", "2026-11-24")


@pytest.fixture
def coached(tmp_path: Path) -> Path:
    """The minimal company, whose professionals are coached at least every 60 days."""
    root = make_company(tmp_path / "company")
    replace(
        root,
        "org/framework.yaml",
        "    name: Professional\n",
        "    name: Professional\n    coaching: {every_days: 60}\n",
    )
    return root


def test_coach_creates_the_record_and_adds_in_date_order(coached: Path, cli: Cli) -> None:
    run = cli(
        "--root", coached, "coach", "kim-kato", "--date", "2026-10-01", "--goal", "firmware-update",
        "--notes", "On track: the beta ships in October.", "--action", "Book the test rig", *TODAY,
    )  # fmt: skip
    assert (run.code, run.out, run.err) == (0, f"{KIM}: conversation on 2026-10-01 with eli-evans\n", "")
    run = cli("--root", coached, "coach", "kim-kato", "--date", "2026-08-12", "--coach", "pat-park", *TODAY)
    assert run.code == 0, run.err
    run = cli("--root", coached, "coach", "kim-kato", "--date", "2026-10-01", "--comment", "Fair.", *TODAY)
    assert (run.code, run.out) == (0, f"{KIM}: comment of kim-kato on 2026-10-01\n")
    assert (coached / KIM).read_text(encoding="utf-8") == (
        "# Coaching conversations of kim-kato in 2026-H2: confidential, like the review.\n"
        "# The manager or skip-level manager records a conversation; only kim-kato writes employee_comment.\n"
        "person: kim-kato\n"
        "cycle: 2026-H2\n"
        "conversations:\n"
        '  - date: "2026-08-12"\n'
        "    coach: pat-park\n"
        '  - date: "2026-10-01"\n'
        "    coach: eli-evans\n"
        "    goals: [firmware-update]\n"
        '    notes: "On track: the beta ships in October."\n'
        "    actions:\n"
        "      - action: Book the test rig\n"
        "    employee_comment: Fair.\n"
    )


def test_coach_refuses_what_the_check_refuses(coached: Path, cli: Cli) -> None:
    run = cli("--root", coached, "coach", "kim-kato", "--date", "2026-10-01", "--coach", "lee-lund", *TODAY)
    assert (run.code, run.err) == (
        1,
        f"{KIM}:7:5: PC407 'lee-lund' is not the manager or skip-level manager of 'kim-kato' on 2026-10-01;"
        " the coach is 'eli-evans' or 'pat-park'\nperfcode coach: reviews/2026-H2/coaching/kim-kato.yaml is"
        " not created\n",
    )
    assert not (coached / KIM).exists()
    run = cli("--root", coached, "coach", "kim-kato", "--date", "2026-10-01", "--comment", "Hi", *TODAY)
    assert (run.code, run.err) == (2, "perfcode: error: 'kim-kato' has no coaching record in 2026-H2\n")


def test_status_counts_conversations_held_and_due(coached: Path, cli: Cli) -> None:
    assert cli("--root", coached, "coach", "kim-kato", "--date", "2026-08-12", *TODAY).code == 0
    run = cli("--root", coached, "cycle", "status", "2026-H2", *TODAY)
    assert run.out.endswith(
        "Coaching conversations (held/due), by unit:\n"
        "  engineering: 1/2\n"
        "    kim-kato: 1/2\n"
        "  sales: 0/2\n"
        "    sam-stone: 0/2\n"
    )
    assert (
        "    kim-kato: coaching conversation: last on 2026-08-12 (every 60 days) (due 2026-10-11)\n"
        in run.out
    )
    assert "    sam-stone: coaching conversation: none yet (every 60 days) (due 2026-09-19)\n" in run.out
    payload = json.loads(cli("--root", coached, "cycle", "status", "2026-H2", "--format", "json", *TODAY).out)
    assert payload["coaching"] == {
        "by_unit": {"engineering": {"held": 1, "due": 2}, "sales": {"held": 0, "due": 2}},
        "people": {
            "kim-kato": {"held": 1, "due": 2, "every_days": 60},
            "sam-stone": {"held": 0, "due": 2, "every_days": 60},
        },
    }


def test_a_class_without_a_coaching_frequency_is_not_counted(tmp_path: Path, cli: Cli) -> None:
    root = make_company(tmp_path / "company")
    run = cli("--root", root, "cycle", "status", "2026-H2", *TODAY)
    assert "Coaching" not in run.out and "coaching conversation" not in run.out
