"""A company's first day and every day after it, through commands alone: init, an import
with a shift worker who has no GitHub account, company goals, unit goals, personal goals,
check-ins, actuals, review scaffolds with peers, nominations, assessments, final ratings,
the feedback meeting and the acknowledgement, and the close. `perfcode check` exits 0 at
every step (issue 15)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from process_support import PEOPLE_CSV, Cli, commit_all, replace

from perfcode.process.vcs import git

CSV = PEOPLE_CSV + (
    "gil-hart,Gil Hart,gil@acme.example,gilh,firmware,specialist,cara-diaz,professional\n"
    "fay-gold,Fay Gold,fay@acme.example,,firmware,technician,cara-diaz,operator\n"
)
H1 = "goals/2026-H1"
TO_FILL = "        weight: 100  # to fill in: threshold, target, stretch\n"
FILLED = "        threshold: 50\n        target: 80\n        stretch: 95\n        weight: 100\n"
SPECIALISTS = ("dan-evans", "eve-fox", "gil-hart")
COMPETENCIES = {
    "manager": ("ownership", "collaboration", "craft", "leading-people"),
    "professional": ("customer-focus", "ownership", "collaboration", "craft"),
    "operator": ("ownership", "collaboration", "craft"),
}


@pytest.fixture
def acme(tmp_path: Path, cli: Cli) -> Path:
    root = tmp_path / "acme"
    run = cli(
        "init", root, "--company", "Acme Gauges", "--president", "Ada Lovelace", "--email", "ada@acme.example",
        "--github", "ada-l", "--board", "acme-board-chair", "--today", "2026-01-05",
    )  # fmt: skip
    assert run.code == 0, run.err
    return root


def checks_clean(root: Path, cli: Cli, today: str, warnings: tuple[str, ...] = ()) -> None:
    """`perfcode check` exits 0 with no finding but the warnings named (by code)."""
    run = cli("--root", root, "check", "--today", today)
    assert run.code == 0, run.out
    assert [line.split(": ", 1)[1].split()[0] for line in run.out_lines[:-1]] == list(warnings), run.out


def test_a_company_runs_its_first_cycle_with_commands_alone(acme: Path, tmp_path: Path, cli: Cli) -> None:
    root = acme
    checks_clean(root, cli, "2026-01-05")
    people = tmp_path / "people.csv"
    people.write_text(CSV, encoding="utf-8")
    assert cli("--root", root, "import", "people", people, "--today", "2026-01-05").code == 0
    checks_clean(root, cli, "2026-01-05")
    commit_all(root, "People")
    _plan(root, cli)
    _coach(root, cli)
    _evaluate(root, cli)
    _results(root, cli)
    closed = cli("--root", root, "cycle", "close", "2026-H1", "--today", "2026-08-12")
    assert (closed.code, closed.err) == (0, "")
    assert git(root, "tag", "--list") == "perf/2026-H1"
    checks_clean(root, cli, "2026-08-12")


def _plan(root: Path, cli: Cli) -> None:
    """The committee sets the company goal, the heads their units', everyone their own."""
    assert cli("--root", root, "cycle", "open", "2026-H1", "--today", "2026-01-05").code == 0
    checks_clean(root, cli, "2026-01-05", ("PC212",) * 5)  # the scaffolds are drafts
    for owner, args in (
        ("company", ("--theme", "profitable-growth", "--metric", "Revenue", "--unit", "EUR million")),
        ("engineering", ("--aligns-to", "company/grow", "--metric", "Connected gauges sold")),
        ("firmware", ("--aligns-to", "engineering/grow", "--metric", "Gauges updated over the air")),
    ):
        run = cli(
            "--root", root, "new", "goal", owner, "--id", "grow", "--title", f"Grow ({owner})", "--weight", "100",
            *args, "--threshold", "10", "--target", "12", "--stretch", "14", "--today", "2026-01-06",
        )  # fmt: skip
        assert (run.code, run.out) == (
            0,
            f"{H1}/{'company' if owner == 'company' else f'units/{owner}'}.yaml: added goal grow\n",
        )
    replace(root, f"{H1}/people/cara-diaz.yaml", TO_FILL, FILLED, count=2)
    replace(root, f"{H1}/people/fay-gold.yaml", TO_FILL, FILLED)
    for person, weight in (("cara-diaz", "40"), ("fay-gold", "50"), *((p, "100") for p in SPECIALISTS)):
        run = cli(
            "--root", root, "new", "goal", person, "--id", "ota", "--title", "Ship over-the-air updates",
            "--weight", weight, "--aligns-to", "firmware/grow", "--metric", "Released", "--curve", "milestone",
            "--today", "2026-01-10",
        )  # fmt: skip
        assert run.code == 0, run.err
    checks_clean(root, cli, "2026-01-22")
    commit_all(root, "Goals of 2026-H1")


def _coach(root: Path, cli: Cli) -> None:
    """Check-ins while coaching runs: Fay's, who has no GitHub account, are posted for her."""
    for owner, goal, kr, value in (
        ("company", "grow", "grow", "11"),
        ("fay-gold", "first-pass-yield", "first-pass-yield", "72"),
        ("dan-evans", "ota", "ota", "false"),
    ):
        run = cli("--root", root, "checkin", owner, goal, kr, value, "--today", "2026-03-10")
        assert run.code == 0, run.err
    checks_clean(root, cli, "2026-03-10")
    commit_all(root, "Check-ins")


def _evaluate(root: Path, cli: Cli) -> None:
    """Actuals, review scaffolds with the peers the class asks for, nominations, assessments."""
    for owner, goal, kr, value in (
        ("company", "grow", "grow", "12"),
        ("engineering", "grow", "grow", "13"),
        ("firmware", "grow", "grow", "12"),
        ("cara-diaz", "team-goals", "team-goals", "82"),
        ("cara-diaz", "engagement", "engagement", "81"),
        ("fay-gold", "first-pass-yield", "first-pass-yield", "90"),
        *((p, "ota", "ota", "true") for p in ("cara-diaz", "fay-gold", *SPECIALISTS)),
    ):
        run = cli("--root", root, "actual", owner, goal, kr, value, "--today", "2026-06-18")
        assert run.code == 0, run.err
    opened = cli("--root", root, "cycle", "open", "2026-H1", "--today", "2026-06-18")
    assert opened.code == 0, opened.err
    dan = (root / "reviews/2026-H1/dan-evans.yaml").read_text(encoding="utf-8")
    assert dan.endswith(
        "  - reviewer: eve-fox\n    relationship: peer\n  - reviewer: fay-gold\n    relationship: peer\n"
    )
    run = cli(
        "--root", root, "nominate", "dan-evans", "gil-hart", "--withdraw", "fay-gold", "--today", "2026-06-18"
    )
    assert (run.code, run.out) == (
        0,
        "reviews/2026-H1/dan-evans.yaml: nominated gil-hart; withdrew fay-gold\n",
    )
    checks_clean(root, cli, "2026-06-18")
    for path in sorted((root / "reviews/2026-H1").glob("*.yaml")):
        _assess(path)
    commit_all(root, "Assessments")
    # Cara has four reports but no direct-report assessment: the 360 leaves the group out.
    checks_clean(root, cli, "2026-07-01", ("PC602",))


def _assess(path: Path) -> None:
    """Every reviewer fills in their entry: a rating, and the manager the competencies."""
    cls = "manager" if path.stem == "cara-diaz" else "operator" if path.stem == "fay-gold" else "professional"
    competencies = "".join(f"      - {{id: {c}, rating: 3}}\n" for c in COMPETENCIES[cls])

    def filled(match: re.Match[str]) -> str:
        extra = f"    competencies:\n{competencies}" if match[2] == "manager" else ""
        return f'{match[0]}    submitted: "2026-06-26"\n    rating: 3\n{extra}'

    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"  - reviewer: (\S+)\n    relationship: (\S+)\n", filled, text), encoding="utf-8")


def _results(root: Path, cli: Cli) -> None:
    """The committee records the final ratings; the managers the meetings; each employee
    (Cara for Fay) the acknowledgement."""
    scores = json.loads(
        cli("--root", root, "score", "--cycle", "2026-H1", "--format", "json", "--today", "2026-07-02").out
    )
    for person in scores["people"]:
        with (root / f"reviews/2026-H1/{person['person']}.yaml").open("a", encoding="utf-8") as review:
            review.write(f"final_rating: {person['computed_rating']}\n")
    status = cli("--root", root, "cycle", "status", "--today", "2026-07-20")
    assert "  2026-08-05  feedback meeting not held: 5" in status.out_lines
    for person in ("cara-diaz", "fay-gold", *SPECIALISTS):
        run = cli(
            "--root", root, "feedback", person, "meeting", "--date", "2026-07-20", "--today", "2026-07-20"
        )
        assert (run.code, run.out) == (0, f"reviews/2026-H1/{person}.yaml: feedback meeting 2026-07-20\n")
        run = cli(
            "--root", root, "feedback", person, "acknowledged", "--date", "2026-07-22", "--comment", "Fair",
            "--today", "2026-07-22",
        )  # fmt: skip
        assert run.code == 0, run.err
    assert (
        (root / "reviews/2026-H1/fay-gold.yaml")
        .read_text(encoding="utf-8")
        .endswith(
            'final_rating: 4\nfeedback: {meeting: "2026-07-20", acknowledged: "2026-07-22", comment: Fair}\n'
        )
    )
    assert cli("--root", root, "cycle", "status", "--today", "2026-08-12").out_lines[-1] == "Nobody is late."
    checks_clean(root, cli, "2026-08-12", ("PC602",))
    commit_all(root, "Results of 2026-H1")
