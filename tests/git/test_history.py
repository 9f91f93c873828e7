"""`perfcode history`: a merge-committed and a squash-merged pull request, with their numbers."""

from __future__ import annotations

import json

import pytest
from git_support import Company, perfcode

SAM = "goals/2026-H2/people/sam-stone.yaml"
LAST_CHECK_IN = '          - {date: "2026-10-30", value: 61000, note: Two renewals came early.}\n'


def merge_two_pull_requests(company: Company) -> tuple[str, str, str]:
    """#12 merged with a merge commit, #13 squash-merged, as GitHub writes their subjects."""
    company.branch("sam-stone/progress")
    company.replace(SAM, LAST_CHECK_IN, LAST_CHECK_IN + '          - {date: "2026-11-20", value: 75000}\n')
    progress = company.commit("My November check-in", "sam-stone")
    company.switch("main")
    company.repo.git.execute(
        [
            "git",
            "merge",
            "-q",
            "--no-ff",
            "-m",
            "Merge pull request #12 from sam-stone/progress",
            "sam-stone/progress",
        ]
    )
    company.branch("dana-diaz/target")
    company.replace(SAM, "target: 100000", "target: 90000")
    company.commit("Lower the target", "dana-diaz")
    company.replace(SAM, "threshold: 60000", "threshold: 55000")
    company.commit("and the threshold", "dana-diaz")
    company.switch("main")
    company.repo.git.execute(["git", "merge", "-q", "--squash", "dana-diaz/target"])
    squash = company.commit("Lower the upsell target after the merger (#13)", "dana-diaz")
    return company.sha("main~2"), progress, squash


def test_merged_and_squashed_pull_requests_show_their_numbers(
    company_repo: Company, capsys: pytest.CaptureFixture[str]
) -> None:
    start, progress, squash = merge_two_pull_requests(company_repo)

    assert perfcode(capsys, company_repo.root, "history", "sam-stone/upsell-accounts") == (
        0,
        f"2026-11-05  #13    dana-diaz  {SAM}  {squash[:12]}\n"
        "    upsell-accounts/upsell threshold 60000 -> 55000\n"
        "    upsell-accounts/upsell target 100000 -> 90000\n"
        f"2026-11-02  #12    sam-stone  {SAM}  {progress[:12]}\n"
        "    upsell-accounts/upsell check-in 2026-11-20: 75000\n"
        f"2026-11-01  -      maintainer  {SAM}  {start[:12]}\n"
        "    goal upsell-accounts added, weight 100\n"
        "3 changes\n",
        "",
    )
    code, out, _ = perfcode(capsys, company_repo.root, "history", "--format", "json", SAM)
    assert code == 0
    assert [
        (e["commit"], e["pull_request"], e["person"], e["changes"]) for e in json.loads(out)["events"]
    ] == [
        (
            squash,
            13,
            "dana-diaz",
            [
                "upsell-accounts/upsell threshold 60000 -> 55000",
                "upsell-accounts/upsell target 100000 -> 90000",
            ],
        ),
        (progress, 12, "sam-stone", ["upsell-accounts/upsell check-in 2026-11-20: 75000"]),
        (start, None, None, ["file added"]),
    ]


def test_an_unknown_target_is_a_usage_error(
    company_repo: Company, capsys: pytest.CaptureFixture[str]
) -> None:
    assert perfcode(capsys, company_repo.root, "history", "nobody/some-goal") == (
        2,
        "",
        "perfcode: error: unknown person or unit 'nobody' (or their file fails perfcode check); see org/people/"
        " and org/units/\n",
    )
    assert perfcode(capsys, company_repo.root, "history", "Not a goal") == (
        2,
        "",
        "perfcode: error: 'Not a goal' is neither a path in the repository nor a goal reference <owner>/<goal-id>\n",
    )
    assert perfcode(capsys, company_repo.root, "history", "../outside") == (
        2,
        "",
        "perfcode: error: '../outside' is not a path inside the repository\n",
    )


def test_a_goal_nobody_has_is_an_error(company_repo: Company, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = perfcode(capsys, company_repo.root, "history", "sam-stone/nope")
    assert (code, out) == (2, "")
    assert err == (
        "perfcode: error: 'sam-stone' has no goal 'nope' in any cycle or in the history; goals: close-deals,"
        " deliver-on-time, upsell-accounts\n"
    )
    code, _, err = perfcode(capsys, company_repo.root, "history", "sam-stone/upsell-account")
    assert err.endswith("; did you mean 'sam-stone/upsell-accounts'?\n")
