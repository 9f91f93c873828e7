"""`perfcode nominate` and `perfcode feedback`: round-trip edits of a review, re-checked, or
no change; review scaffolds list the peers the class asks for."""

from __future__ import annotations

from pathlib import Path

import pytest
from process_support import Cli, located

DAN = "reviews/2026-H1/dan-evans.yaml"


@pytest.fixture
def evaluating(imported: Path, cli: Cli) -> Path:
    """2026-H1 in its evaluation: goal and review scaffolds written."""
    assert cli("--root", imported, "cycle", "open", "2026-H1", "--today", "2026-06-20").code == 0
    return imported


def test_the_scaffold_asks_the_team_for_peer_assessments(evaluating: Path) -> None:
    """Dan and Eve, specialists, share Cara as manager: each asks the other (the class asks
    for two peers; the note of `cycle open` says to nominate one more)."""
    assert (evaluating / DAN).read_text(encoding="utf-8") == (
        "# Review of dan-evans in 2026-H1, scaffolded by `perfcode cycle open`.\n"
        '# Each reviewer writes their assessment and sets submitted: "YYYY-MM-DD" by 2026-06-30.\n'
        "# Peers: change who is asked with `perfcode nominate` before they start.\n"
        "person: dan-evans\ncycle: 2026-H1\nassessments:\n"
        "  - reviewer: dan-evans\n    relationship: self\n"
        "  - reviewer: cara-diaz\n    relationship: manager\n"
        "  - reviewer: eve-fox\n    relationship: peer\n"
    )


def test_a_nomination_is_added_and_withdrawn(evaluating: Path, cli: Cli) -> None:
    run = cli("--root", evaluating, "nominate", "dan-evans", "bob-brown", "--today", "2026-06-20")
    assert run.code == 1  # Bob manages Cara, who manages Dan: not a peer
    assert located(run.err_lines[:1]) == [f"{DAN}:13:5: PC401"]
    (evaluating / "org/people/gil-hart.yaml").write_text(
        "id: gil-hart\nname: Gil Hart\nemail: gil@acme.example\nunit: engineering\nposition: specialist\n"
        "manager: bob-brown\nclass: professional\n",
        encoding="utf-8",
    )
    run = cli("--root", evaluating, "nominate", "dan-evans", "gil-hart", "--today", "2026-06-20")
    assert (run.code, run.out) == (0, f"{DAN}: nominated gil-hart\n")
    assert (
        (evaluating / DAN)
        .read_text(encoding="utf-8")
        .endswith(
            "  - reviewer: eve-fox\n    relationship: peer\n  - reviewer: gil-hart\n    relationship: peer\n"
        )
    )
    again = cli("--root", evaluating, "nominate", "dan-evans", "gil-hart", "--today", "2026-06-20")
    assert again.out == f"{DAN}: gil-hart nominated already\n"
    text = (evaluating / DAN).read_text(encoding="utf-8")
    (evaluating / DAN).write_text(text + "    rating: 4\n", encoding="utf-8")
    started = cli(
        "--root", evaluating, "nominate", "dan-evans", "--withdraw", "gil-hart", "--today", "2026-06-20"
    )
    assert (started.code, started.err) == (
        2,
        "perfcode: error: 'gil-hart' has started their assessment: only they may withdraw it\n",
    )
    withdrawn = cli(
        "--root", evaluating, "nominate", "dan-evans", "--withdraw", "eve-fox", "--today", "2026-06-20"
    )
    assert (withdrawn.code, withdrawn.out) == (0, f"{DAN}: withdrew eve-fox\n")


def test_an_unknown_peer_is_named_with_a_suggestion(evaluating: Path, cli: Cli) -> None:
    run = cli("--root", evaluating, "nominate", "dan-evans", "eve-fx", "--today", "2026-06-20")
    assert (run.code, run.err) == (
        2,
        "perfcode: error: unknown peer 'eve-fx' (or their file fails perfcode check); did you mean 'eve-fox'?\n",
    )


def test_a_nomination_before_evaluation_writes_the_scaffold(imported: Path, cli: Cli) -> None:
    assert cli("--root", imported, "cycle", "open", "2026-H1", "--today", "2026-01-05").code == 0
    run = cli("--root", imported, "nominate", "dan-evans", "eve-fox", "--today", "2026-05-02")
    assert (run.code, run.out) == (0, f"{DAN}: nominated eve-fox\n")
    assert (
        (imported / DAN)
        .read_text(encoding="utf-8")
        .startswith("# Review of dan-evans in 2026-H1, scaffolded by `perfcode nominate`.\n")
    )


def test_the_feedback_is_recorded_within_its_window(evaluating: Path, cli: Cli) -> None:
    before = (evaluating / DAN).read_bytes()
    early = cli(
        "--root",
        evaluating,
        "feedback",
        "dan-evans",
        "meeting",
        "--date",
        "2026-06-25",
        "--today",
        "2026-06-25",
    )
    assert (early.code, located(early.err_lines[:1])) == (1, [f"{DAN}:13:12: PC404"])
    assert (evaluating / DAN).read_bytes() == before
    run = cli("--root", evaluating, "feedback", "dan-evans", "meeting", "--today", "2026-07-20")
    assert (run.code, run.out) == (0, f"{DAN}: feedback meeting 2026-07-20\n")
    assert (evaluating / DAN).read_text(encoding="utf-8").endswith('feedback: {meeting: "2026-07-20"}\n')
    wrong = cli("--root", evaluating, "feedback", "dan-evans", "meeting", "--comment", "Fine")
    assert (wrong.code, wrong.err) == (
        2,
        "perfcode: error: --comment goes with the acknowledgement: the employee's words\n",
    )
