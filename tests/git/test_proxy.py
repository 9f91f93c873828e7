"""Someone without a GitHub account takes part: their manager or their proxy posts their
check-ins and actuals and records their acknowledgement, and nothing more (PC721, PC722);
the history says who acted for whom."""

from __future__ import annotations

import pytest
from git_support import Company, perfcode

from support import findings

SAM = "org/people/sam-stone.yaml"
SAM_GOALS = "goals/2026-H2/people/sam-stone.yaml"
SAM_REVIEW = "reviews/2026-H2/sam-stone.yaml"
TODAY = "2026-11-24"
LAST_CHECK_IN = '          - {date: "2026-10-30", value: 61000, note: Two renewals came early.}\n'
NEW_CHECK_IN = (
    LAST_CHECK_IN + '          - {date: "2026-11-20", value: 70000, note: Posted from the shift board.}\n'
)
MAY = "sam-stone or their manager dana-diaz (@dana-diaz) or their proxy kim-kato (@kim-kato) may make this change"


def policy(capsys: pytest.CaptureFixture[str], company: Company, actor: str) -> list[str]:
    args = ("check", "--select", "PC7", "--today", TODAY, "--base", "main", "--actor", actor)
    return perfcode(capsys, company.root, *args)[1].splitlines()[:-1]


@pytest.fixture
def without_account(company_repo: Company) -> Company:
    """Sam has no GitHub account; Kim, a colleague with one, is his proxy."""
    company_repo.replace(SAM, "github: sam-stone\n", "proxy: kim-kato\n")
    company_repo.write(SAM_REVIEW, "person: sam-stone\ncycle: 2026-H2\n")
    company_repo.commit("Sam works on the shop floor, without a GitHub account")
    return company_repo


def test_the_account_is_optional_and_the_proxy_checks(without_account: Company) -> None:
    assert findings(without_account.root, select=("PC1",)) == []


@pytest.mark.parametrize("actor", ["kim-kato", "dana-diaz"])
def test_the_proxy_or_the_manager_posts_a_check_in(
    without_account: Company, capsys: pytest.CaptureFixture[str], actor: str
) -> None:
    without_account.replace(SAM_GOALS, LAST_CHECK_IN, NEW_CHECK_IN)
    without_account.replace(
        SAM_GOALS, "        stretch: 130000\n", "        stretch: 130000\n        actual: 70000\n"
    )
    assert policy(capsys, without_account, actor) == []


def test_someone_else_does_not(without_account: Company, capsys: pytest.CaptureFixture[str]) -> None:
    without_account.replace(SAM_GOALS, LAST_CHECK_IN, NEW_CHECK_IN)
    assert policy(capsys, without_account, "lee-lund") == [
        f"{SAM_GOALS}:20:13: PC721 'goals[upsell-accounts].key_results[upsell].check_ins[2026-11-20]' added by"
        f" @lee-lund: only the goal's owner posts its check-ins; {MAY}",
    ]


def test_the_proxy_does_nothing_more(without_account: Company, capsys: pytest.CaptureFixture[str]) -> None:
    """A proxy sets no target, removes no check-in, writes no self-assessment and files no
    appeal: they carry in what the person reports, nothing else."""
    without_account.replace(SAM_GOALS, "        target: 100000\n", "        target: 90000\n")
    without_account.replace(SAM_GOALS, LAST_CHECK_IN, "")
    without_account.write(
        SAM_REVIEW,
        "person: sam-stone\ncycle: 2026-H2\nassessments:\n  - {reviewer: sam-stone, relationship: self, rating: 4}\n"
        "feedback: {comment: All good}\n",
    )
    assert policy(capsys, without_account, "kim-kato")[1:] == [
        f"{SAM_GOALS}:13:9: PC721 'goals[upsell-accounts].key_results[upsell].target' changed 100000 -> 90000 by"
        " @kim-kato: goals and targets are set by their owner and approver; sam-stone or their manager dana-diaz"
        " (@dana-diaz) may make this change",
        f"{SAM_GOALS}:16:9: PC722 'goals[upsell-accounts].key_results[upsell].check_ins[2026-10-30]' removed by"
        " @kim-kato: nobody deletes another person's history; restore it; only sam-stone may remove it",
        f"{SAM_REVIEW}:4:5: PC721 'assessments[sam-stone/self]' added by @kim-kato: an assessment is written and"
        " changed only by its reviewer; the reviewer sam-stone may make this change",
        f"{SAM_REVIEW}:5:12: PC721 'feedback.comment' set to 'All good' by @kim-kato: only the employee"
        " acknowledges and comments on their results; the employee sam-stone may make this change",
    ]


def test_the_proxy_records_the_acknowledgement(
    without_account: Company, capsys: pytest.CaptureFixture[str]
) -> None:
    without_account.write(
        SAM_REVIEW, 'person: sam-stone\ncycle: 2026-H2\nfeedback: {acknowledged: "2026-11-20"}\n'
    )
    assert policy(capsys, without_account, "kim-kato") == []


def test_nobody_acts_for_someone_with_an_account(
    company_repo: Company, capsys: pytest.CaptureFixture[str]
) -> None:
    company_repo.replace(SAM_GOALS, LAST_CHECK_IN, NEW_CHECK_IN)
    assert policy(capsys, company_repo, "dana-diaz") == [
        f"{SAM_GOALS}:20:13: PC721 'goals[upsell-accounts].key_results[upsell].check_ins[2026-11-20]' added by"
        " @dana-diaz: only the goal's owner posts its check-ins; sam-stone (@sam-stone) may make this change",
    ]


def test_the_history_says_who_acted_for_whom(
    without_account: Company, capsys: pytest.CaptureFixture[str]
) -> None:
    without_account.replace(SAM_GOALS, LAST_CHECK_IN, NEW_CHECK_IN)
    without_account.commit("Sam's November check-in", "kim-kato")
    without_account.replace(SAM_GOALS, "        target: 100000\n", "        target: 90000\n")
    without_account.commit("Lower target", "dana-diaz")
    code, out, _ = perfcode(capsys, without_account.root, "history", SAM_GOALS)
    who = [line[19:].rsplit("  ", 2)[0] for line in out.splitlines() if line.startswith("2026-")]
    assert (code, who[:2]) == (0, ["dana-diaz", "kim-kato for sam-stone"])
    events = perfcode(capsys, without_account.root, "history", SAM_GOALS, "--format", "json")[1]
    assert '"acted_for": "sam-stone"' in events and '"acted_for": null' in events
