"""The document cache: keyed by git blob id, invalidated by schemas, never trusted blindly."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from perfcode import load
from perfcode.cache import FILE_NAME, DocumentCache, cache_dir
from perfcode.check import run_check
from perfcode.report import line_of
from support import commit_all, git, make_company

TODAY = "2026-11-24"
KIM = "goals/2026-H1/people/kim-kato.yaml"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = make_company(tmp_path / "company")
    commit_all(root)
    return root


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The paths the loader parses, in order."""
    seen: list[str] = []
    original = load.parse

    def counting(rel: str, text: str) -> load.Document | load.Finding:
        seen.append(rel)
        return original(rel, text)

    monkeypatch.setattr(load, "parse", counting)
    yield seen


def cold_key(root: Path) -> str:
    from perfcode.schema import Schemas

    return Schemas.load(root / "schemas").key


def check(root: Path) -> list[str]:
    return [line_of(f) for f in run_check(root, TODAY).findings]


def test_an_unchanged_file_is_never_parsed_again(repo: Path, parsed: list[str]) -> None:
    first = check(repo)
    files = len(parsed)
    assert files > 30
    assert (cache_dir(repo) / FILE_NAME).is_file()
    parsed.clear()
    assert check(repo) == first == []
    assert parsed == []


def test_only_a_changed_file_is_parsed(repo: Path, parsed: list[str]) -> None:
    check(repo)
    parsed.clear()
    path = repo / KIM
    path.write_text(path.read_text().replace("weight: 100", "weight: 90", 1))
    assert check(repo) == [
        f"{KIM}:2:1: PC203 goal weights of 'kim-kato' in 2026-H1 sum to 90, not 100; adjust the weights"
        " so they sum to 100"
    ]
    assert parsed == [KIM]


def test_findings_in_cached_files_still_have_positions(repo: Path) -> None:
    path = repo / KIM
    path.write_text(path.read_text().replace("weight: 100", "weight: 90", 1))
    git(repo, "commit", "-qam", "weights")
    first = check(repo)
    assert check(repo) == first
    assert first[0].startswith(f"{KIM}:2:1: PC203 ")


@pytest.mark.parametrize(
    "content",
    [b"", b"garbage\x00\xff", b'{"format":1,"key":"x"}\nabc\tnot json\n', b"[1,2", b"\n\n\t\t\n"],
)
def test_a_corrupt_or_foreign_cache_is_discarded(repo: Path, parsed: list[str], content: bytes) -> None:
    expected = check(repo)
    (cache_dir(repo) / FILE_NAME).write_bytes(content)
    parsed.clear()
    assert check(repo) == expected
    assert len(parsed) > 30


def test_a_corrupt_entry_is_parsed_again(repo: Path, parsed: list[str]) -> None:
    check(repo)
    cache = cache_dir(repo) / FILE_NAME
    header, *lines = cache.read_bytes().splitlines()
    blob, _, _ = lines[0].partition(b"\t")
    cache.write_bytes(b"\n".join([header, blob + b"\t[{broken", *lines[1:]]) + b"\n")
    parsed.clear()
    assert check(repo) == []
    assert len(parsed) == 1


def test_a_changed_schema_invalidates_everything(repo: Path, parsed: list[str]) -> None:
    check(repo)
    schema = repo / "schemas" / "unit.schema.json"
    schema.write_text(schema.read_text().replace('"title"', '"$comment": "edited", "title"', 1))
    parsed.clear()
    assert check(repo) == []
    assert len(parsed) > 30


def test_a_schema_change_takes_effect_on_cached_documents(repo: Path) -> None:
    check(repo)
    schema = repo / "schemas" / "unit.schema.json"
    text = schema.read_text()
    schema.write_text(text.replace('"required": [', '"required": ["description", ', 1))
    assert "PC010" in " ".join(check(repo))


def test_the_cache_lives_in_gits_own_folder(repo: Path) -> None:
    check(repo)
    assert cache_dir(repo) == repo / ".git" / "perfcode"
    assert (cache_dir(repo) / FILE_NAME).is_file()
    assert not (repo / ".cache").exists()


@pytest.mark.parametrize("planted", ["folder", "link"])
def test_a_committed_cache_cannot_forge_documents(repo: Path, parsed: list[str], planted: str) -> None:
    """A pull request that commits a cache (or a link named like one) under the real files'
    blob ids changes nothing: perfcode never reads its caches from the work tree."""
    check(repo)
    forged = (cache_dir(repo) / FILE_NAME).read_bytes().replace(b'"weight":100', b'"weight":90')
    assert forged != (cache_dir(repo) / FILE_NAME).read_bytes()
    folder = repo / ("forged" if planted == "link" else ".cache") / "perfcode"
    folder.mkdir(parents=True)
    (folder / FILE_NAME).write_bytes(forged)
    if planted == "link":
        (repo / ".cache").symlink_to("forged")
    git(repo, "add", "-f", "--", ".cache", "forged" if planted == "link" else ".cache")
    git(repo, "commit", "-qm", "plant a cache")
    (cache_dir(repo) / FILE_NAME).unlink()
    parsed.clear()
    assert check(repo) == []
    assert len(parsed) > 30
    assert check(repo) == []


def test_an_environment_may_name_the_cache_folder(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parsed: list[str]
) -> None:
    monkeypatch.setenv("PERFCODE_CACHE_DIR", str(tmp_path / "restored"))
    check(repo)
    assert (tmp_path / "restored" / FILE_NAME).is_file()
    parsed.clear()
    assert check(repo) == [] and parsed == []


def test_without_git_files_are_hashed_and_cached(
    tmp_path: Path, parsed: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    root = tmp_path / "plain"
    make_company(root)
    check(root)
    assert cache_dir(root).parent == tmp_path / "user-cache" / "perfcode"
    parsed.clear()
    assert check(root) == []
    assert parsed == []
    assert DocumentCache.open(root, "another key").stored == {}


def test_numbers_come_back_exactly(repo: Path) -> None:
    first = run_check(repo, TODAY).repo
    again = run_check(repo, TODAY).repo
    weights = [g.weight for f in first.goal_files for g in f.goals]
    assert weights == [g.weight for f in again.goal_files for g in f.goals]
    assert first.framework == again.framework


def test_the_garbage_collector_is_paused_only_during_the_check(repo: Path) -> None:
    import gc

    assert gc.isenabled()
    check(repo)
    assert gc.isenabled()
    gc.disable()
    try:
        check(repo)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_pull_request_check_reads_only_what_changed(
    repo: Path, parsed: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from perfcode.cli import main
    from perfcode.git import repo as git_repo

    monkeypatch.setattr(git_repo, "parse", load.parse)  # the base's blobs count too
    check(repo)
    entries = (cache_dir(repo) / FILE_NAME).read_bytes().count(b"\n")
    parsed.clear()
    kim = KIM.replace("2026-H1", "2026-H2")
    path = repo / kim
    path.write_text(path.read_text().replace("title: Deliver", "title: Ship", 1))
    args = ["--root", str(repo), "check", "--today", TODAY, "--base", "HEAD", "--actor", "kim-kato"]
    assert main(args) == 0, capsys.readouterr().out
    # Once for the whole check, once more for the policy's side of the change (a parse of the
    # changed files is cheaper than reading the cache again); the base side is the cached blob
    # of the first check.
    assert parsed == [kim, kim]
    assert (cache_dir(repo) / FILE_NAME).read_bytes().count(b"\n") == entries + 1
    parsed.clear()
    assert check(repo) == []
    assert parsed == []


def test_a_parallel_cold_check_gives_what_a_check_without_cache_gives(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Valid documents come back from the parse workers as cache entries, the rest whole."""
    (repo / KIM).write_text((repo / KIM).read_text().replace("weight: 100", "weight: many", 1))
    (repo / "org" / "units" / "broken.yaml").write_text("id: broken\nname: [unclosed\n")
    plain = run_check(repo, TODAY, use_cache=False)
    monkeypatch.setattr(load, "PARALLEL_MIN_FILES", 2)
    monkeypatch.setattr(load.os, "cpu_count", lambda: 2)
    cold = run_check(repo, TODAY)
    warm = run_check(repo, TODAY)
    codes = [f.code for f in plain.findings]
    assert "PC010" in codes and "PC001" in codes
    assert cold.findings == warm.findings == plain.findings
    assert [(f.line, f.column) for f in cold.findings] == [(f.line, f.column) for f in plain.findings]
    assert cold.repo.files == warm.repo.files == plain.repo.files
    assert len(DocumentCache.open(repo, cold_key(repo)).stored) == cold.files - 2
