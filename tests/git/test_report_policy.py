"""The pull-request policy of promotion-group reports: the group writes them, only the
committee records its decisions, and a decision is never rewritten. No close locks them."""

from __future__ import annotations

import pytest
from git_support import Company, perfcode

ENGINEERING = "governance/reports/2026-H1/engineering-promotion.yaml"
REPORT = (
    "group: engineering-promotion\ncycle: 2026-H1\nreports:\n"
    '  - {date: "2026-06-30", progress: On plan.}\n'
    "problems:\n"
    '  - {id: weights, title: Weights, found: "2026-06-30", owner: kim-kato, due: "2026-12-15", status: open}\n'
)
DECISION = (
    '  - {id: weights, title: Weights, found: "2026-06-30", owner: kim-kato, due: "2026-12-15", status: open,'
    ' decisions: [{date: "2026-11-20", decision: Keep them.}]}\n'
)


def policy(capsys: pytest.CaptureFixture[str], company: Company, actor: str) -> list[str]:
    args = ("check", "--select", "PC7", "--today", "2026-11-24", "--base", "main", "--actor", actor)
    return perfcode(capsys, company.root, *args)[1].splitlines()[:-1]


def test_the_group_writes_its_report_and_the_committee_decides(
    company_repo: Company, capsys: pytest.CaptureFixture[str]
) -> None:
    company_repo.write(ENGINEERING, REPORT)
    assert policy(capsys, company_repo, "kim-kato") == []
    assert policy(capsys, company_repo, "sam-stone") == [
        f"{ENGINEERING}:1:1: PC721 'group' set to 'engineering-promotion' by @sam-stone: a promotion group's"
        " report is written by the group; the engineering promotion group (@eli-evans or @kim-kato) may make"
        " this change",
        f"{ENGINEERING}:2:1: PC721 'cycle' set to '2026-H1' by @sam-stone: a promotion group's report is"
        " written by the group; the engineering promotion group (@eli-evans or @kim-kato) may make this change",
        f"{ENGINEERING}:4:5: PC721 'reports[0]' added by @sam-stone: a promotion group's report is written by"
        " the group; the engineering promotion group (@eli-evans or @kim-kato) may make this change",
        f"{ENGINEERING}:6:5: PC721 'problems[weights]' added by @sam-stone: a promotion group's report is"
        " written by the group; the engineering promotion group (@eli-evans or @kim-kato) may make this change",
    ]
    company_repo.commit("Engineering's report", "kim-kato")
    company_repo.replace(ENGINEERING, REPORT.splitlines(keepends=True)[-1], DECISION)
    assert policy(capsys, company_repo, "pat-park") == []
    assert policy(capsys, company_repo, "kim-kato") == [
        f"{ENGINEERING}:6:118: PC721 'problems[weights].decisions[0]' added by @kim-kato: the performance committee"
        " records its decisions on a problem, added to and never rewritten; the performance committee"
        " (@pat-park, @dana-diaz or @eli-evans) may make this change",
    ]
    company_repo.commit("The committee's decision", "pat-park")
    company_repo.replace(ENGINEERING, "Keep them.", "Drop them.")
    assert policy(capsys, company_repo, "pat-park") == [
        f"{ENGINEERING}:6:139: PC722 'problems[weights].decisions[0].decision' changed 'Keep them.' -> 'Drop"
        " them.' by @pat-park: the performance committee records its decisions on a problem, added to and"
        " never rewritten; restore it, and record the new change as a new entry",
    ]
