"""The pull-request policy's other rules: revisions, the rating lock, closed cycles, history.

Only the policy's codes are selected (``--select PC7``), so each test shows one rule."""

from __future__ import annotations

import pytest
from git_support import Company, perfcode

SAM_GOALS = "goals/2026-H2/people/sam-stone.yaml"
SAM_REVIEW = "reviews/2026-H1/sam-stone.yaml"
KIM_REVIEW = "reviews/2026-H2/kim-kato.yaml"
REVISION = (
    '    revisions:\n      - {date: "2026-11-20", change: "target 100000 -> 90000", '
    "reason: Largest customer merged with a competitor, approved_by: dana-diaz}\n"
)


def policy(capsys: pytest.CaptureFixture[str], company: Company, actor: str, today: str) -> list[str]:
    args = ("check", "--select", "PC7", "--today", today, "--base", "main", "--actor", actor)
    return perfcode(capsys, company.root, *args)[1].splitlines()[:-1]


def test_a_revision_with_a_reason_unlocks_a_target(
    company_repo: Company, capsys: pytest.CaptureFixture[str]
) -> None:
    company_repo.replace(SAM_GOALS, "target: 100000", "target: 90000")
    company_repo.replace(
        SAM_GOALS,
        "    aligns_to: [sales/expand-accounts]\n",
        "    aligns_to: [sales/expand-accounts]\n" + REVISION,
    )
    assert policy(capsys, company_repo, "dana-diaz", "2026-11-24") == []


def test_revisions_and_other_peoples_check_ins_stay(
    company_repo: Company, capsys: pytest.CaptureFixture[str]
) -> None:
    company_repo.replace(
        SAM_GOALS,
        "    aligns_to: [sales/expand-accounts]\n",
        "    aligns_to: [sales/expand-accounts]\n" + REVISION,
    )
    company_repo.commit("A revision", "dana-diaz")
    company_repo.replace(SAM_GOALS, "Largest customer", "Biggest customer")
    company_repo.replace(SAM_GOALS, '          - {date: "2026-08-31", value: 20000}\n', "")
    assert policy(capsys, company_repo, "dana-diaz", "2026-11-24") == [
        f"{SAM_GOALS}:8:64: PC722 'goals[upsell-accounts].revisions[0].reason' changed 'Largest customer merged "
        "with a competitor' -> 'Biggest customer merged with a competitor' by @dana-diaz: revisions are a record, "
        "added to and never rewritten; restore it, and record the new change as a new revision",
        f"{SAM_GOALS}:18:9: PC722 'goals[upsell-accounts].key_results[upsell].check_ins[2026-08-31]' removed by "
        "@dana-diaz: nobody deletes another person's history; restore it; only sam-stone (@sam-stone) may remove it",
    ]


def test_ratings_are_locked_after_calibration(
    company_repo: Company, capsys: pytest.CaptureFixture[str]
) -> None:
    company_repo.write(
        KIM_REVIEW,
        "person: kim-kato\ncycle: 2026-H2\nassessments:\n  - reviewer: eli-evans\n    relationship: manager\n"
        '    submitted: "2026-12-15"\n    rating: 3\n',
    )
    company_repo.commit("Kim's review", "eli-evans")
    company_repo.replace(KIM_REVIEW, "rating: 3", "rating: 4")
    assert policy(capsys, company_repo, "eli-evans", "2027-01-20") == [
        f"{KIM_REVIEW}:7:5: PC712 'assessments[eli-evans/manager].rating' changed 3 -> 4 after calibration of "
        "2026-H2 closed on 2027-01-15: ratings are locked; a rating now changes only through an appeal decision "
        "(decision: amended, with the rating), recorded by the HR support group (@lee-lund)",
    ]


def test_a_closed_cycle_changes_only_through_an_appeal_decision(
    company_repo: Company, capsys: pytest.CaptureFixture[str]
) -> None:
    company_repo.replace(SAM_REVIEW, "  decision: upheld\n", "  decision: amended\n  rating: 4\n")
    company_repo.replace(SAM_REVIEW, "final_rating: 3", "final_rating: 4")
    assert policy(capsys, company_repo, "lee-lund", "2026-11-24") == []

    company_repo.replace(SAM_REVIEW, "    rating: 5\n", "    rating: 4\n")
    assert policy(capsys, company_repo, "sam-stone", "2026-11-24") == [
        f"{SAM_REVIEW}:7:5: PC713 'assessments[sam-stone/self].rating' changed 5 -> 4 in closed cycle 2026-H1: a "
        "closed cycle is read-only except through an appeal decision; only the HR support group (@lee-lund) may "
        "still record an appeal decision (appeal.decision, appeal.decided, appeal.rating)",
        f"{SAM_REVIEW}:22:1: PC721 'final_rating' changed 3 -> 4 by @sam-stone: the performance committee records "
        "the final rating; the performance committee (@pat-park, @dana-diaz or @eli-evans) or the HR support group "
        "(@lee-lund) may make this change",
        f"{SAM_REVIEW}:24:1: PC721 'appeal' changed by @sam-stone: appeals are decided by the appeal body; the HR "
        "support group (@lee-lund) may make this change",
    ]


def test_a_link_is_refused_on_both_sides_of_a_pull_request(
    company_repo: Company, capsys: pytest.CaptureFixture[str]
) -> None:
    """A committed link among the data is the same finding in the work tree and in the base
    commit, so it never slips past the policy as an unreadable path."""
    import os

    link = company_repo.root / "goals/2026-H2/people/kim-kato.yaml"
    link.unlink()
    os.symlink("sam-stone.yaml", link)
    company_repo.commit("Kim's goals are Sam's", "sam-stone")
    company_repo.replace(SAM_GOALS, "target: 100000", "target: 90000")
    args = ("check", "--today", "2026-11-24", "--base", "HEAD", "--actor", "sam-stone")
    code, out, _ = perfcode(capsys, company_repo.root, *args)
    message = (
        "PC007 the file is a symbolic link; replace the link with the file itself: data files are plain files"
    )
    assert code == 1
    assert f"goals/2026-H2/people/kim-kato.yaml:1:1: {message}" in out.splitlines()

    from perfcode.git.repo import open_repo, snapshot_at
    from perfcode.schema import Schemas

    repo = open_repo(company_repo.root)
    base = snapshot_at(repo, repo.resolve("HEAD"), Schemas.load(company_repo.root / "schemas"))
    assert [(f.path, f.code, f.message) for f in base.failed] == [
        ("goals/2026-H2/people/kim-kato.yaml", "PC007", "the file is a symbolic link")
    ]


@pytest.mark.parametrize(
    ("old", "new", "field", "was", "now"),
    [
        (
            "        direction: increase\n",
            "        direction: increase\n        accumulates: true\n",
            "accumulates",
            None,
            "true",
        ),
        ("        unit: EUR\n", "        unit: USD\n", "unit", "'EUR'", "'USD'"),
    ],
    ids=["accumulates", "unit"],
)
def test_every_field_the_schema_locks_is_locked_after_planning(
    company_repo: Company,
    capsys: pytest.CaptureFixture[str],
    old: str,
    new: str,
    field: str,
    was: str | None,
    now: str,
) -> None:
    company_repo.replace(SAM_GOALS, old, new)
    happened = f"changed {was} -> {now}" if was else f"set to {now}"
    line, column = (12, 9) if was is None else (10, 9)
    assert policy(capsys, company_repo, "sam-stone", "2026-11-24") == [
        f"{SAM_GOALS}:{line}:{column}: PC711 'goals[upsell-accounts].key_results[upsell].{field}' {happened} "
        "after planning of 2026-H2 closed on 2026-07-20: targets, weights and alignment are locked unless the "
        "change adds a revision with a reason; add a revision {date, change, reason} to goal 'upsell-accounts',"
        f" dated after planning and naming '{field}'; sam-stone (@sam-stone) or their manager dana-diaz"
        " (@dana-diaz) may make this change",
    ]


NOMINATED = "person: sam-stone\ncycle: 2026-H2\nassessments:\n  - {reviewer: kim-kato, relationship: peer}\n"


@pytest.mark.parametrize(
    ("actor", "refused"),
    [("dana-diaz", False), ("sam-stone", False), ("lee-lund", False), ("eli-evans", True)],
)
def test_a_nomination_is_the_employees_the_managers_or_hrs(
    company_repo: Company, capsys: pytest.CaptureFixture[str], actor: str, refused: bool
) -> None:
    """An entry of reviewer and relationship alone asks Kim for an assessment: Sam, his
    manager Dana or HR may add it; what Kim then writes in it is Kim's alone."""
    company_repo.write("reviews/2026-H2/sam-stone.yaml", "person: sam-stone\ncycle: 2026-H2\n")
    company_repo.commit("Sam's review")
    company_repo.write("reviews/2026-H2/sam-stone.yaml", NOMINATED)
    found = policy(capsys, company_repo, actor, "2026-11-24")
    assert [line.split(": ", 1)[1][:5] for line in found] == (["PC721"] if refused else [])
    company_repo.write("reviews/2026-H2/sam-stone.yaml", NOMINATED.replace("peer}", "peer, rating: 4}"))
    assert [
        line.split(": ", 1)[1][:5] for line in policy(capsys, company_repo, "dana-diaz", "2026-11-24")
    ] == ["PC721"]


@pytest.mark.parametrize(
    ("revision", "fault"),
    [
        (
            '{date: "2020-01-01", change: "target 100000 -> 90000", reason: x}',
            "is dated 2020-01-01, not after planning (2026-07-20) and by 2026-11-24",
        ),
        (
            '{date: "2026-11-30", change: "target 100000 -> 90000", reason: Merger}',
            "is dated 2026-11-30, not after planning (2026-07-20) and by 2026-11-24",
        ),
        (
            '{date: "2026-11-20", change: "stretch 130000 -> 120000", reason: Merger}',
            "says 'stretch 130000 -> 120000', which does not name 'target'",
        ),
    ],
)
def test_a_revision_is_dated_in_the_cycle_after_planning_and_names_the_field(
    company_repo: Company, capsys: pytest.CaptureFixture[str], revision: str, fault: str
) -> None:
    company_repo.replace(SAM_GOALS, "target: 100000", "target: 90000")
    company_repo.replace(
        SAM_GOALS,
        "    aligns_to: [sales/expand-accounts]\n",
        f"    aligns_to: [sales/expand-accounts]\n    revisions:\n      - {revision}\n",
    )
    assert policy(capsys, company_repo, "dana-diaz", "2026-11-24") == [
        f"{SAM_GOALS}:15:9: PC711 'goals[upsell-accounts].key_results[upsell].target' changed 100000 -> 90000 after"
        " planning of 2026-H2 closed on 2026-07-20: targets, weights and alignment are locked unless the change"
        f" adds a revision with a reason; the revision added {fault}; add a revision {{date, change, reason}} to"
        " goal 'upsell-accounts', dated after planning and naming 'target'; sam-stone (@sam-stone) or their"
        " manager dana-diaz (@dana-diaz) may make this change",
    ]


def test_revise_changes_a_target_with_its_revision(
    company_repo: Company, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = perfcode(
        capsys, company_repo.root, "revise", "sam-stone", "upsell-accounts", "--kr", "upsell",
        "--set", "target=90000", "--set", "stretch=120000", "--reason", "Largest customer merged with a competitor",
        "--approved-by", "dana-diaz", "--today", "2026-11-24",
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert out == (
        f"{SAM_GOALS}: upsell-accounts revised on 2026-11-24: upsell: target 100000 -> 90000, stretch 130000 -> 120000\n"
    )
    text = (company_repo.root / SAM_GOALS).read_text(encoding="utf-8")
    assert (
        '    revisions:\n      - {date: "2026-11-24", change: "upsell: target 100000 -> 90000, stretch 130000 ->'
        ' 120000", reason: Largest customer merged with a competitor, approved_by: dana-diaz}\n    key_results:\n'
    ) in text
    assert policy(capsys, company_repo, "dana-diaz", "2026-11-24") == []
    early = perfcode(
        capsys, company_repo.root, "revise", "sam-stone", "upsell-accounts", "--kr", "upsell", "--set", "target=1",
        "--reason", "R", "--date", "2026-07-10", "--today", "2026-11-24",
    )  # fmt: skip
    assert early[0] == 2
    assert early[2] == (
        "perfcode: error: a revision of 2026-H2 is dated after its planning (2026-07-20) and by 2026-11-24, not"
        " 2026-07-10: before then, change the goal itself\n"
    )
