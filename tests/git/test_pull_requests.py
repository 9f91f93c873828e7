"""The issue's pull-request scenarios, each a branch in a real repository of the minimal
company: `perfcode check --base main --actor X` (whole messages) and `perfcode diff main
HEAD` (whole Markdown)."""

from __future__ import annotations

import pytest
from git_support import Company, perfcode

SAM = "goals/2026-H2/people/sam-stone.yaml"
KIM = "reviews/2026-H2/kim-kato.yaml"
LAST_CHECK_IN = '          - {date: "2026-10-30", value: 61000, note: Two renewals came early.}\n'
REVIEW = """\
person: kim-kato
cycle: 2026-H2
assessments:
  - reviewer: kim-kato
    relationship: self
    submitted: "2026-12-08"
    rating: 4
  - reviewer: eli-evans
    relationship: manager
    submitted: "2026-12-15"
    rating: 3
    competencies:
      - {id: craft, rating: 4}
      - {id: collaboration, rating: 3}
  - reviewer: lee-lund
    relationship: peer
    submitted: "2026-12-10"
    rating: 4
"""
CALIBRATION = """\
calibration:
  rating: 4
  reason: Carried the firmware release alone for a month.
  approved_by: performance-committee
  date: "2027-01-08"
"""
EVALUATION_DAY = "2026-12-16"
CALIBRATION_DAY = "2027-01-08"


def check(capsys: pytest.CaptureFixture[str], company: Company, actor: str, today: str) -> tuple[int, str]:
    code, out, _ = perfcode(
        capsys, company.root, "check", "--today", today, "--base", "main", "--actor", actor
    )
    return code, out


def diff(capsys: pytest.CaptureFixture[str], company: Company, today: str) -> str:
    code, out, err = perfcode(capsys, company.root, "diff", "main", "HEAD", "--today", today)
    assert (code, err) == (0, "")
    return out


def files(company: Company) -> int:
    return sum(1 for d in ("org", "goals", "reviews") for _ in (company.root / d).rglob("*.yaml"))


def header(company: Company) -> str:
    return (
        "## What this change means\n\n"
        f"From `{company.sha('main')[:12]}` to `{company.sha('HEAD')[:12]}`: 1 data file changed.\n"
    )


def with_review(company: Company) -> None:
    company.write(KIM, REVIEW)
    company.commit("Reviews of kim-kato for 2026-H2")


def test_an_employee_updates_progress(company_repo: Company, capsys: pytest.CaptureFixture[str]) -> None:
    company_repo.branch("sam-stone/progress")
    company_repo.replace(
        SAM, LAST_CHECK_IN, LAST_CHECK_IN + '          - {date: "2026-11-20", value: 75000}\n'
    )
    company_repo.commit("My November check-in", "sam-stone")

    assert check(capsys, company_repo, "sam-stone", "2026-11-24") == (
        0,
        f"{files(company_repo)} files checked: no findings\n",
    )
    assert diff(capsys, company_repo, "2026-11-24") == header(company_repo) + (
        "\n"
        "### Goals\n"
        "\n"
        "**`goals/2026-H2/people/sam-stone.yaml`** (changed)\n"
        "\n"
        "- `upsell-accounts/upsell` check-in `2026-11-20`: 75000\n"
        "\n"
        "### Effect on scores\n"
        "\n"
        "| cycle | who | measure | before | after |\n"
        "| --- | --- | --- | ---: | ---: |\n"
        "| `2026-H2` | person `sam-stone` | goals score (projected) | 0.5125 | 0.6875 |\n"
    )


def test_an_employee_raises_their_target_after_planning(
    company_repo: Company, capsys: pytest.CaptureFixture[str]
) -> None:
    company_repo.branch("sam-stone/target")
    company_repo.replace(SAM, "target: 100000", "target: 120000")
    company_repo.commit("A bolder upsell target", "sam-stone")

    assert check(capsys, company_repo, "sam-stone", "2026-11-24") == (
        1,
        f"{SAM}:13:9: PC711 'goals[upsell-accounts].key_results[upsell].target' changed 100000 -> 120000 "
        "after planning of 2026-H2 closed on 2026-07-20: targets, weights and alignment are locked unless "
        "the change adds a revision with a reason; add a revision {date, change, reason} to goal "
        "'upsell-accounts', dated after planning and naming 'target'; sam-stone (@sam-stone) or their manager"
        " dana-diaz (@dana-diaz) may make this change\n"
        f"{files(company_repo)} files checked: 1 error(s), 0 warning(s)\n",
    )
    assert diff(capsys, company_repo, "2026-11-24") == header(company_repo) + (
        "\n"
        "### Goals\n"
        "\n"
        "**`goals/2026-H2/people/sam-stone.yaml`** (changed)\n"
        "\n"
        "- `upsell-accounts/upsell` target 100000 -> 120000\n"
        "\n"
        "### Effect on scores\n"
        "\n"
        "| cycle | who | measure | before | after |\n"
        "| --- | --- | --- | ---: | ---: |\n"
        "| `2026-H2` | person `sam-stone` | goals score (projected) | 0.5125 | 0.5083 |\n"
    )


def test_a_manager_edits_the_self_assessment(
    company_repo: Company, capsys: pytest.CaptureFixture[str]
) -> None:
    with_review(company_repo)
    company_repo.branch("eli-evans/kim-review")
    company_repo.replace(KIM, '"2026-12-08"\n    rating: 4', '"2026-12-08"\n    rating: 3')
    company_repo.commit("Kim's self-assessment was too generous", "eli-evans")

    assert check(capsys, company_repo, "eli-evans", EVALUATION_DAY) == (
        1,
        f"{KIM}:7:5: PC721 'assessments[kim-kato/self].rating' changed 4 -> 3 by @eli-evans: an assessment is "
        "written and changed only by its reviewer; the reviewer kim-kato (@kim-kato) may make this change\n"
        f"{files(company_repo)} files checked: 1 error(s), 0 warning(s)\n",
    )
    assert diff(capsys, company_repo, EVALUATION_DAY) == header(company_repo) + (
        "\n"
        "### Reviews\n"
        "\n"
        "**`reviews/2026-H2/kim-kato.yaml`** (changed)\n"
        "\n"
        "- rating by `kim-kato` as `self` 4 -> 3\n"
        "\n"
        "### Effect on scores\n"
        "\n"
        "| cycle | who | measure | before | after |\n"
        "| --- | --- | --- | ---: | ---: |\n"
        "| `2026-H2` | person `kim-kato` | final score (projected) | 0.5070 | 0.5025 |\n"
    )


CALIBRATED = (
    "\n"
    "### Reviews\n"
    "\n"
    "**`reviews/2026-H2/kim-kato.yaml`** (changed)\n"
    "\n"
    "- calibrated rating set to 4\n"
    "- `calibration.reason` set to `Carried the firmware release alone for a month.`\n"
    "- `calibration.approved_by` set to `performance-committee`\n"
    "- `calibration.date` set to `2027-01-08`\n"
    "\n"
    "### Effect on scores\n"
    "\n"
    "| cycle | who | measure | before | after |\n"
    "| --- | --- | --- | ---: | ---: |\n"
    "| `2026-H2` | person `kim-kato` | final rating (projected) | 1 | 4 |\n"
)


def test_a_committee_member_calibrates(company_repo: Company, capsys: pytest.CaptureFixture[str]) -> None:
    with_review(company_repo)
    company_repo.branch("dana-diaz/calibration")
    company_repo.write(KIM, REVIEW + CALIBRATION)
    company_repo.commit("Calibrate kim-kato", "dana-diaz")

    assert check(capsys, company_repo, "dana-diaz", CALIBRATION_DAY) == (
        0,
        f"{files(company_repo)} files checked: no findings\n",
    )
    assert diff(capsys, company_repo, CALIBRATION_DAY) == header(company_repo) + CALIBRATED


def test_someone_else_calibrates(company_repo: Company, capsys: pytest.CaptureFixture[str]) -> None:
    with_review(company_repo)
    company_repo.branch("sam-stone/calibration")
    company_repo.write(KIM, REVIEW + CALIBRATION)
    company_repo.commit("Calibrate kim-kato", "sam-stone")

    assert check(capsys, company_repo, "sam-stone", CALIBRATION_DAY) == (
        1,
        f"{KIM}:19:1: PC721 'calibration' added by @sam-stone: only the performance committee calibrates "
        "ratings; the performance committee (@pat-park, @dana-diaz or @eli-evans) may make this change\n"
        f"{files(company_repo)} files checked: 1 error(s), 0 warning(s)\n",
    )
    assert diff(capsys, company_repo, CALIBRATION_DAY) == header(company_repo) + CALIBRATED


def test_the_actor_defaults_to_the_person_with_the_git_email(
    company_repo: Company, capsys: pytest.CaptureFixture[str]
) -> None:
    company_repo.replace(
        SAM, LAST_CHECK_IN, LAST_CHECK_IN + '          - {date: "2026-11-20", value: 75000}\n'
    )
    with company_repo.repo.config_writer() as config:
        config.set_value("user", "email", "Kim-Kato@acme.example")
    code, out, _ = perfcode(capsys, company_repo.root, "check", "--today", "2026-11-24", "--base", "main")

    assert (code, out.splitlines()[0]) == (
        1,
        f"{SAM}:20:13: PC721 'goals[upsell-accounts].key_results[upsell].check_ins[2026-11-20]' added by "
        "@kim-kato: only the goal's owner posts its check-ins; sam-stone (@sam-stone) may make this change",
    )

    with company_repo.repo.config_writer() as config:
        config.set_value("user", "email", "visitor@example.com")
    assert perfcode(capsys, company_repo.root, "check", "--today", "2026-11-24", "--base", "main") == (
        2,
        "",
        "perfcode: error: no person in org/people has the email of `git config user.email` "
        "(visitor@example.com); pass --actor HANDLE\n",
    )


def test_a_login_equal_to_a_person_id_is_not_that_person(
    company_repo: Company, capsys: pytest.CaptureFixture[str]
) -> None:
    """CI passes the author's GitHub login: only a person's `github` handle names them."""
    company_repo.replace("org/people/sam-stone.yaml", "github: sam-stone", "github: sam-s")
    company_repo.commit("Sam's handle")
    company_repo.replace(
        SAM, LAST_CHECK_IN, LAST_CHECK_IN + '          - {date: "2026-11-20", value: 75000}\n'
    )
    code, out = check(capsys, company_repo, "sam-stone", "2026-11-24")
    assert (code, out.splitlines()[0]) == (
        1,
        f"{SAM}:20:13: PC721 'goals[upsell-accounts].key_results[upsell].check_ins[2026-11-20]' added by "
        "@sam-stone (not a person in org/people): only the goal's owner posts its check-ins; sam-stone "
        "(@sam-s) may make this change",
    )
    assert check(capsys, company_repo, "sam-s", "2026-11-24")[0] == 0


def test_refs_are_never_options(company_repo: Company, capsys: pytest.CaptureFixture[str]) -> None:
    target = company_repo.root.parent / "leak"
    assert perfcode(
        capsys, company_repo.root, "check", f"--base=--output={target}", "--actor", "sam-stone"
    ) == (
        2,
        "",
        f"perfcode: error: '--output={target}' names no commit in this repository\n",
    )
    assert perfcode(capsys, company_repo.root, "check", "--actor", "sam-stone") == (
        2,
        "",
        "perfcode: error: --actor needs --base REF: the policy judges a change against its base\n",
    )
    assert not target.exists()
