"""The memo: a whole check's findings reused only while nothing the check reads changed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from perfcode import check as check_module
from perfcode import memo
from perfcode.cache import cache_dir
from perfcode.cli import main
from support import commit_all, git, make_company

TODAY = "2026-11-24"
KIM = "goals/2026-H2/people/kim-kato.yaml"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = make_company(tmp_path / "company")
    (root / ".github").mkdir()
    git(root, "init", "-q")
    main(["--root", str(root), "codeowners", "--write"])
    commit_all(root)
    return root


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """One entry per check that really ran (loaded the files and ran the rules)."""
    ran: list[str] = []
    original = check_module._run_check

    def counting(root: Path, *args: object, **kwargs: object) -> check_module.CheckResult:
        ran.append(str(root))
        return original(root, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(check_module, "_run_check", counting)
    yield ran


def perfcode_check(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> tuple[int, str]:
    code = main(["--root", str(root), "check", "--today", TODAY, *args])
    return code, capsys.readouterr().out


def test_an_unchanged_repository_is_answered_from_the_memo(
    repo: Path, runs: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    path = repo / KIM
    path.write_text(path.read_text().replace("weight: 100", "weight: 90", 1))
    first = perfcode_check(capsys, repo)
    assert first[0] == 1 and " PC203 " in first[1]
    assert (cache_dir(repo) / memo.FILE_NAME).is_file()
    assert perfcode_check(capsys, repo) == first
    assert len(runs) == 1
    # --select and --ignore apply to the remembered findings too
    assert perfcode_check(capsys, repo, "--ignore", "PC203") == (0, "37 files checked: no findings\n")
    assert perfcode_check(capsys, repo, "--select", "PC2") == first
    assert len(runs) == 1


@pytest.mark.parametrize(
    "change",
    [
        "edit a file",
        "add a file",
        "delete a file",
        "commit an edit",
        "edit a schema",
        "edit CODEOWNERS",
        "another day",
    ],
)
def test_anything_the_check_reads_makes_it_run_again(
    repo: Path, runs: list[str], capsys: pytest.CaptureFixture[str], change: str
) -> None:
    first = perfcode_check(capsys, repo)
    args: list[str] = []
    if change == "edit a file":
        (repo / KIM).write_text((repo / KIM).read_text().replace("weight: 100", "weight: 90", 1))
    elif change == "add a file":
        (repo / "org" / "units" / "extra.yaml").write_text("id: extra\n")
    elif change == "delete a file":
        (repo / KIM).unlink()
    elif change == "commit an edit":
        (repo / KIM).write_text((repo / KIM).read_text().replace("title: Deliver", "title: Ship", 1))
        git(repo, "commit", "-qam", "edit")
    elif change == "edit a schema":
        schema = repo / "schemas" / "unit.schema.json"
        schema.write_text(schema.read_text().replace('"required": [', '"required": ["description", ', 1))
    elif change == "edit CODEOWNERS":
        (repo / ".github" / "CODEOWNERS").write_text("* @someone\n")
    else:
        args = ["--today", "2027-01-15"]
    second = perfcode_check(capsys, repo, *args)
    assert len(runs) == 2
    assert second != first or change in ("commit an edit", "another day")
    assert perfcode_check(capsys, repo, *args) == second
    assert len(runs) == 2


@pytest.mark.parametrize("content", [b"", b"{", b'{"format": 1, "key": 3}', b"[]", b'{"format":1,"key":"k"}'])
def test_a_corrupt_memo_is_ignored(
    repo: Path, runs: list[str], capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    first = perfcode_check(capsys, repo)
    (cache_dir(repo) / memo.FILE_NAME).write_bytes(content)
    assert perfcode_check(capsys, repo) == first
    assert len(runs) == 2


def test_a_forged_memo_with_the_right_key_in_a_tracked_cache_is_not_used(
    repo: Path, runs: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    first = perfcode_check(capsys, repo)
    forged = (
        (cache_dir(repo) / memo.FILE_NAME)
        .read_bytes()
        .replace(b'"findings":[]', b'"findings":[["x",1,1,"PC001","forged","error","",[]]]')
    )
    planted = repo / ".cache" / "perfcode" / memo.FILE_NAME
    planted.parent.mkdir(parents=True)
    planted.write_bytes(forged)
    git(repo, "add", "-f", "--", ".cache")  # a commit can plant a memo in the work tree ...
    assert perfcode_check(capsys, repo) == first  # ... which is never read
    (cache_dir(repo) / memo.FILE_NAME).write_bytes(forged)
    assert perfcode_check(capsys, repo)[1].count("forged") == 1  # only git's own folder holds it


def test_a_pull_request_check_judges_the_change_every_time(
    repo: Path, runs: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """The whole check's findings are remembered; the policy (by whom, against which base) is not."""
    (repo / KIM).write_text((repo / KIM).read_text().replace("title: Deliver", "title: Ship", 1))
    as_lee = perfcode_check(capsys, repo, "--base", "HEAD", "--actor", "lee-lund")
    assert as_lee[0] == 1 and " PC721 " in as_lee[1]
    assert perfcode_check(capsys, repo, "--base", "HEAD", "--actor", "lee-lund") == as_lee
    assert perfcode_check(capsys, repo, "--base", "HEAD", "--actor", "kim-kato") == (
        0,
        "37 files checked: no findings\n",
    )
    assert perfcode_check(capsys, repo, "--ignore", "PC721", "--base", "HEAD", "--actor", "lee-lund")[0] == 0
    assert len(runs) == 1


def test_the_fingerprint_covers_every_input() -> None:
    base = memo.fingerprint([("a.yaml", "1" * 40)], "schemas", TODAY, b"codeowners")
    assert base == memo.fingerprint([("a.yaml", "1" * 40)], "schemas", TODAY, b"codeowners")
    assert (
        len(
            {
                base,
                memo.fingerprint([("a.yaml", "2" * 40)], "schemas", TODAY, b"codeowners"),
                memo.fingerprint([("b.yaml", "1" * 40)], "schemas", TODAY, b"codeowners"),
                memo.fingerprint([], "schemas", TODAY, b"codeowners"),
                memo.fingerprint([("a.yaml", "1" * 40)], "other", TODAY, b"codeowners"),
                memo.fingerprint([("a.yaml", "1" * 40)], "schemas", "2026-11-25", b"codeowners"),
                memo.fingerprint([("a.yaml", "1" * 40)], "schemas", TODAY, b"other"),
            }
        )
        == 7
    )


def test_the_fingerprint_covers_perfcode_s_own_code(monkeypatch: pytest.MonkeyPatch) -> None:
    base = memo.fingerprint([], "schemas", TODAY)
    monkeypatch.setattr(memo, "_code_digest", lambda: b"edited rules")
    assert memo.fingerprint([], "schemas", TODAY) != base
