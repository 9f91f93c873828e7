"""People work with plaintext: `perfcode review show|edit` and git's diff driver `perfcode textconv`."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from crypt_support import REVIEWS, encrypted_company, make_keys
from perfcode.cli import main
from perfcode.crypt.editing import CLOSED
from perfcode.crypt.parts import ENCRYPTED
from perfcode.strict_yaml import read_data
from support import TODAY, git

SAM = f"{REVIEWS}/sam-stone.yaml"
ACK = '  acknowledged: "2026-07-14"\n'
KIM = '    submitted: "2026-06-12"\n    rating: '
GROUNDS = "A deal signed on 30 June was counted in the second half."

EDITOR = """\
import json, os, pathlib, stat, sys
path = pathlib.Path(sys.argv[1])
log = pathlib.Path(os.environ["EDIT_LOG"])
log.write_text(json.dumps({"path": str(path), "mode": stat.S_IMODE(path.stat().st_mode),
    "folder": stat.S_IMODE(path.parent.stat().st_mode), "text": path.read_text()}))
text = path.read_text()
for old, new in json.loads(os.environ["EDIT_REPLACE"]):
    assert old in text, old
    text = text.replace(old, new)
path.write_text(text)
sys.exit(int(os.environ.get("EDIT_EXIT", "0")))
"""


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return make_keys(tmp_path_factory.mktemp("keys"))


@pytest.fixture
def company(tmp_path: Path, keys: dict[str, Path]) -> Path:
    return encrypted_company(tmp_path / "company", keys)


def perfcode(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_show_prints_what_your_identity_reads(
    company: Path, keys: dict[str, Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """kim-kato, a peer, reads her own assessment of sam-stone and nothing else of it."""
    monkeypatch.setenv("PERFCODE_IDENTITY", str(keys["kim-kato"]))
    code, out, err = perfcode(capsys, "--root", company, "review", "show", "sam-stone")
    shown = read_data(out)
    assert code == 0
    assert shown["assessments"][2] == {
        "reviewer": "kim-kato",
        "relationship": "peer",
        "submitted": "2026-06-12",
        "rating": 4,
    }
    closed = shown["assessments"][0].pop(ENCRYPTED)
    assert shown["assessments"][0] == {
        "reviewer": "sam-stone",
        "relationship": "self",
        "submitted": "2026-06-05",
    }
    assert re.fullmatch(re.escape(CLOSED) + " [0-9a-f]{12}", closed)
    assert sorted(shown["appeal"]) == ["decision", ENCRYPTED]
    assert shown["appeal"]["decision"][ENCRYPTED].startswith(CLOSED)
    assert GROUNDS not in out and "BEGIN AGE" not in out
    assert err == (
        f"note: {SAM}: your identity cannot read assessments[sam-stone/self], "
        "assessments[dana-diaz/manager], calibration, final_rating, feedback, appeal, appeal.decision, plan\n"
    )


def test_show_with_the_scoring_key_reads_everything(
    company: Path, keys: dict[str, Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PERFCODE_IDENTITY", str(keys["scoring"]))
    code, out, err = perfcode(capsys, "--root", company, "review", "show", "sam-stone", "--cycle", "2026-H1")
    original = read_data((Path(__file__).parents[2] / "fixtures/minimal" / SAM).read_text())
    assert (code, err, read_data(out)) == (0, "", original)


def test_show_without_a_review_says_so(company: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = perfcode(capsys, "--root", company, "review", "show", "sam-stone", "--cycle", "2026-H2")
    assert (code, err) == (
        2,
        f"perfcode: error: no review of sam-stone in 2026-H2 ({SAM.replace('H1', 'H2')})\n",
    )


def _editor(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, replace: list[tuple[str, str]], exit_code: int = 0
) -> Path:
    script = tmp_path / "editor.py"
    script.write_text(EDITOR)
    log = tmp_path / "edit.json"
    monkeypatch.setenv("EDITOR", f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}")
    monkeypatch.setenv("EDIT_LOG", str(log))
    monkeypatch.setenv("EDIT_REPLACE", json.dumps(replace))
    monkeypatch.setenv("EDIT_EXIT", str(exit_code))
    return log


def _edit_log(log: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(log.read_text())
    return data


def test_edit_encrypts_the_change_again_and_removes_the_temporary_file(
    company: Path,
    keys: dict[str, Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """HR (lee-lund) adds the feedback comment: only the feedback part changes."""
    monkeypatch.setenv("PERFCODE_IDENTITY", str(keys["lee-lund"]))
    log = _editor(
        monkeypatch,
        tmp_path,
        [(ACK, ACK + "  comment: Thank you.\n")],
    )
    before = read_data((company / SAM).read_text())
    code, out, err = perfcode(capsys, "--root", company, "review", "edit", "sam-stone", "--today", TODAY)
    assert (code, out, err) == (0, f"encrypted and wrote {SAM}\n", "")
    seen = _edit_log(log)
    assert (seen["mode"], seen["folder"]) == (0o600, 0o700)
    assert GROUNDS in seen["text"] and not Path(seen["path"]).exists()
    assert not Path(seen["path"]).parent.exists()
    after = read_data((company / SAM).read_text())
    assert [key for key in before if before[key] != after[key]] == ["feedback"]
    assert "Thank you." not in (company / SAM).read_text()
    monkeypatch.setenv("PERFCODE_IDENTITY", str(keys["sam-stone"]))
    _, shown, _ = perfcode(capsys, "--root", company, "review", "show", "sam-stone")
    assert read_data(shown)["feedback"]["comment"] == "Thank you."


def test_edit_keeps_what_you_cannot_read_as_it_was(
    company: Path,
    keys: dict[str, Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """kim-kato edits her own assessment; a closed part she overwrites stays as it was."""
    monkeypatch.setenv("PERFCODE_IDENTITY", str(keys["kim-kato"]))
    tamper = (f'final_rating:\n  encrypted: "{CLOSED} ', 'final_rating:\n  encrypted: "x ')
    _editor(monkeypatch, tmp_path, [(KIM + "4\n", KIM + "3\n"), tamper])
    before = read_data((company / SAM).read_text())
    code, _, err = perfcode(capsys, "--root", company, "review", "edit", "sam-stone", "--today", TODAY)
    assert (code, err) == (0, "")
    after = read_data((company / SAM).read_text())
    assert [key for key in before if before[key] != after[key]] == ["assessments"]
    assert after["assessments"][:2] == before["assessments"][:2]
    assert after["assessments"][2] != before["assessments"][2]
    monkeypatch.setenv("PERFCODE_IDENTITY", str(keys["scoring"]))
    _, shown, _ = perfcode(capsys, "--root", company, "review", "show", "sam-stone")
    assert [a["rating"] for a in read_data(shown)["assessments"]] == [5, 4, 3]


@pytest.mark.parametrize(
    ("replace", "exit_code", "code", "message"),
    [
        ([("final_rating: 3\n", "final_rating: [3\n")], 0, 1, "the edited text is not valid YAML"),
        (
            [("final_rating: 3\n", "final_rating: high\n")],
            0,
            1,
            "the change adds errors; nothing was written",
        ),
        ([("final_rating: 3\n", "final_rating: 4\n")], 1, 2, "exited with status 1; nothing was written"),
    ],
    ids=["not-yaml", "schema", "editor-fails"],
)
def test_edit_writes_nothing_on_error(
    company: Path,
    keys: dict[str, Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    replace: list[tuple[str, str]],
    exit_code: int,
    code: int,
    message: str,
) -> None:
    monkeypatch.setenv("PERFCODE_IDENTITY", str(keys["lee-lund"]))
    log = _editor(monkeypatch, tmp_path, replace, exit_code)
    before = (company / SAM).read_text()
    got, out, err = perfcode(capsys, "--root", company, "review", "edit", "sam-stone", "--today", TODAY)
    assert (got, out) == (code, "")
    assert message in err
    assert (company / SAM).read_text() == before
    assert not Path(_edit_log(log)["path"]).parent.exists()


def test_git_diff_shows_plaintext_to_a_key_holder(
    company: Path,
    keys: dict[str, Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    repo_attributes = (Path(__file__).parents[3] / ".gitattributes").read_text()
    assert "reviews/**/*.yaml diff=perfcode" in repo_attributes.splitlines()
    (company / ".gitattributes").write_text(repo_attributes)
    git(company, "config", "diff.perfcode.textconv", f"{shlex.quote(sys.executable)} -m perfcode textconv")
    monkeypatch.setenv("PERFCODE_IDENTITY", str(keys["lee-lund"]))
    _editor(
        monkeypatch,
        tmp_path,
        [(ACK, ACK + "  comment: Thank you.\n")],
    )
    assert perfcode(capsys, "--root", company, "review", "edit", "sam-stone", "--today", TODAY)[0] == 0

    def diff(identity: str) -> str:
        env = {**os.environ, "PERFCODE_IDENTITY": identity}
        run = subprocess.run(
            ["git", "diff", "--", SAM], cwd=company, env=env, capture_output=True, text=True, check=True
        )
        return run.stdout

    holder = diff(str(keys["lee-lund"]))
    assert "+  comment: Thank you." in holder and "BEGIN AGE" not in holder
    assert "acknowledged" in holder  # the context is plaintext too
    outsider = diff("")
    # Without a key: which part changed (a digest of its ciphertext), and nothing of it.
    changed = [line for line in outsider.splitlines() if line.startswith(("+ ", "- "))]
    assert len(changed) == 2 and all(CLOSED in line for line in changed)
    assert "Thank you." not in outsider
    peer = diff(str(keys["kim-kato"]))
    assert "Thank you." not in peer and GROUNDS not in peer


def test_textconv_prints_a_file_it_cannot_open_as_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for text in ("owner: a\ngoals: []\n", "not: [yaml\n", "\u00e9t\u00e9: 1\n"):
        path = tmp_path / "file.yaml"
        path.write_text(text, encoding="utf-8")
        assert perfcode(capsys, "textconv", path) == (0, text, "")
