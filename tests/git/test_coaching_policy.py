"""The pull-request policy of coaching records: the manager or skip-level writes a
conversation, only the employee writes their comment, and nobody removes another's part."""

from __future__ import annotations

import pytest
from git_support import Company, perfcode

KIM = "reviews/2026-H2/coaching/kim-kato.yaml"
RECORD = (
    "person: kim-kato\ncycle: 2026-H2\nconversations:\n"
    '  - date: "2026-08-12"\n    coach: eli-evans\n    notes: On track.\n'
)
COMMENT = "    employee_comment: Fair.\n"


def policy(capsys: pytest.CaptureFixture[str], company: Company, actor: str) -> list[str]:
    args = ("check", "--select", "PC7", "--today", "2026-11-24", "--base", "main", "--actor", actor)
    return perfcode(capsys, company.root, *args)[1].splitlines()[:-1]


@pytest.mark.parametrize("actor", ["eli-evans", "pat-park"])
def test_the_manager_or_the_skip_level_records_a_conversation(
    company_repo: Company, capsys: pytest.CaptureFixture[str], actor: str
) -> None:
    company_repo.write(KIM, RECORD)
    assert policy(capsys, company_repo, actor) == []


def test_nobody_else_records_one_nor_writes_the_employees_comment(
    company_repo: Company, capsys: pytest.CaptureFixture[str]
) -> None:
    company_repo.write(KIM, RECORD + COMMENT)
    assert policy(capsys, company_repo, "lee-lund") == [
        f"{KIM}:1:1: PC721 'person' set to 'kim-kato' by @lee-lund: a coaching record is kept by the person's"
        " manager or skip-level manager; their manager eli-evans (@eli-evans) or their skip-level manager"
        " pat-park (@pat-park) may make this change",
        f"{KIM}:2:1: PC721 'cycle' set to '2026-H2' by @lee-lund: a coaching record is kept by the person's"
        " manager or skip-level manager; their manager eli-evans (@eli-evans) or their skip-level manager"
        " pat-park (@pat-park) may make this change",
        f"{KIM}:4:5: PC721 'conversations[2026-08-12]' added by @lee-lund: coaching conversations are recorded"
        " by the person's manager or skip-level manager; their manager eli-evans (@eli-evans) or their"
        " skip-level manager pat-park (@pat-park) may make this change",
        f"{KIM}:7:5: PC721 'conversations[2026-08-12].employee_comment' set to 'Fair.' by @lee-lund: only the"
        " employee writes their comment on a coaching conversation; the employee kim-kato (@kim-kato) may make"
        " this change",
    ]
    assert policy(capsys, company_repo, "eli-evans") == [
        f"{KIM}:7:5: PC721 'conversations[2026-08-12].employee_comment' set to 'Fair.' by @eli-evans: only the"
        " employee writes their comment on a coaching conversation; the employee kim-kato (@kim-kato) may make"
        " this change",
    ]


def test_the_employee_comments_and_the_manager_cannot_remove_it(
    company_repo: Company, capsys: pytest.CaptureFixture[str]
) -> None:
    company_repo.write(KIM, RECORD)
    company_repo.commit("Kim's coaching", "eli-evans")
    company_repo.write(KIM, RECORD + COMMENT)
    assert policy(capsys, company_repo, "kim-kato") == []
    company_repo.replace(KIM, "notes: On track.", "notes: Behind.")
    assert policy(capsys, company_repo, "kim-kato") == [
        f"{KIM}:6:5: PC721 'conversations[2026-08-12].notes' changed 'On track.' -> 'Behind.' by @kim-kato:"
        " coaching conversations are recorded by the person's manager or skip-level manager; their manager"
        " eli-evans (@eli-evans) or their skip-level manager pat-park (@pat-park) may make this change",
    ]
    company_repo.write(KIM, RECORD + COMMENT)
    company_repo.commit("Kim's comment", "kim-kato")
    company_repo.write(KIM, "person: kim-kato\ncycle: 2026-H2\nconversations: []\n")
    assert policy(capsys, company_repo, "eli-evans") == [
        f"{KIM}:3:1: PC722 'conversations[2026-08-12].employee_comment' removed by @eli-evans: nobody deletes"
        " another person's history; restore it; only the employee kim-kato (@kim-kato) may remove it",
    ]


def test_the_diff_of_a_coaching_record_never_shows_its_words(
    company_repo: Company, capsys: pytest.CaptureFixture[str]
) -> None:
    company_repo.write(KIM, RECORD)
    company_repo.commit("Kim's coaching", "eli-evans")
    company_repo.write(KIM, RECORD.replace("On track.", "Zqsecret behind.") + COMMENT)
    company_repo.commit("Kim's comment", "kim-kato")
    code, out, _ = perfcode(capsys, company_repo.root, "diff", "HEAD^1", "HEAD", "--today", "2026-11-24")
    assert code == 0
    assert "Zqsecret" not in out and "Fair." not in out and "On track." not in out
    assert "### Reviews\n" in out
    assert (
        "- coaching conversation `2026-08-12` notes changed\n"
        "- coaching conversation `2026-08-12` employee_comment added\n"
    ) in out


def test_the_close_seals_a_coaching_record_with_its_persons_record(
    company_repo: Company, capsys: pytest.CaptureFixture[str]
) -> None:
    h1 = RECORD.replace("2026-H2", "2026-H1").replace("2026-08-12", "2026-03-12")
    company_repo.write("reviews/2026-H1/coaching/kim-kato.yaml", h1)
    company_repo.commit("Kim's coaching in H1", "eli-evans")
    code, _, err = perfcode(capsys, company_repo.root, "cycle", "close", "2026-H1", "--today", "2026-11-24")
    assert (code, err) == (0, "")
    record = (company_repo.root / "reviews/2026-H1/record/kim-kato.yaml").read_text(encoding="utf-8")
    assert "  - path: reviews/2026-H1/coaching/kim-kato.yaml\n    blob: " in record
    company_repo.replace("reviews/2026-H1/coaching/kim-kato.yaml", "On track.", "Behind.")
    code, out, _ = perfcode(capsys, company_repo.root, "check", "--select", "PC8", "--today", "2026-11-24")
    assert out.splitlines()[0] == (
        "reviews/2026-H1/coaching/kim-kato.yaml:1:1: PC801 2026-H1 is closed, and this file changed since its"
        " record was made; restore it as it was at the close (git checkout perf/2026-H1 --"
        " reviews/2026-H1/coaching/kim-kato.yaml); an appeal decided after the close is carried in by"
        " perfcode cycle amend"
    )
