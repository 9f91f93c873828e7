"""Encrypted review parts: sealing, opening, the reference age CLI, the check without a key."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pyrage
import pytest

from crypt_support import REVIEWS, encrypted_company, make_keys, public
from perfcode.check import run_check
from perfcode.crypt.keys import recipient
from perfcode.crypt.parts import ENCRYPTED, PARTS, RECIPIENTS
from perfcode.crypt.recipients import audience
from perfcode.crypt.seal import is_node, nodes, open_document, seal_document
from perfcode.emit import dump
from perfcode.report import line_of
from perfcode.strict_yaml import read_data
from support import TODAY

CANARY = "A deal signed on 30 June was counted in the second half."


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return make_keys(tmp_path_factory.mktemp("keys"))


@pytest.fixture
def company(tmp_path: Path, keys: dict[str, Path]) -> Path:
    return encrypted_company(tmp_path / "company", keys)


def test_a_review_opens_to_what_was_sealed(company: Path, keys: dict[str, Path]) -> None:
    original = read_data(
        (Path(__file__).parents[2] / "fixtures/minimal" / REVIEWS / "sam-stone.yaml").read_text()
    )
    written = read_data((company / REVIEWS / "sam-stone.yaml").read_text())
    hr = pyrage.x25519.Identity.from_str(keys["lee-lund"].read_text().splitlines()[1])
    opened = open_document("review", written, [hr])
    assert (opened.data, opened.hidden) == (original, set())


def test_the_file_shows_structure_and_no_value(company: Path) -> None:
    text = (company / REVIEWS / "sam-stone.yaml").read_text()
    written = read_data(text)
    assert list(written) == [
        "person",
        "cycle",
        "assessments",
        "calibration",
        "final_rating",
        "feedback",
        "appeal",
        "plan",
    ]
    assert sorted(written["assessments"][0]) == sorted(
        ["reviewer", "relationship", "submitted", ENCRYPTED, RECIPIENTS]
    )
    assert CANARY not in text and "upheld" not in text and "rating: " not in text


def test_unused_parts_look_like_used_ones(company: Path, keys: dict[str, Path]) -> None:
    """Sam appealed, Kim did not: both files have an appeal, padded to the same size (age adds
    a random-length stanza of its own, so the ciphertexts' lengths vary anyway)."""
    sam = read_data((company / REVIEWS / "sam-stone.yaml").read_text())
    kim = read_data((company / REVIEWS / "kim-kato.yaml").read_text())
    hr = [pyrage.x25519.Identity.from_str(keys["lee-lund"].read_text().splitlines()[1])]

    def size(node: Any) -> int:
        return len(pyrage.decrypt(node[ENCRYPTED].encode(), hr))

    for key in ("appeal", "plan", "calibration"):
        assert size(sam[key]) == size(kim[key]) == 1024, key
    assert size(sam["appeal"]["decision"]) == size(kim["appeal"]["decision"])


def test_sealing_again_keeps_unchanged_parts(company: Path, keys: dict[str, Path]) -> None:
    path = company / REVIEWS / "sam-stone.yaml"
    written = read_data(path.read_text())
    hr = pyrage.x25519.Identity.from_str(keys["lee-lund"].read_text().splitlines()[1])
    plain = open_document("review", written, [hr]).data
    plain["feedback"]["comment"] = "Thank you."
    repo = run_check(company, TODAY, use_cache=False).repo
    again = seal_document("review", plain, audience(repo, "sam-stone"), [hr], written)
    changed = [k for k in written if written[k] != again[k]]
    assert changed == ["feedback"]


def _reference_age(armored: str, identity: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["age", "-d", "-i", str(identity)], input=armored.encode(), capture_output=True)


def test_each_part_opens_with_the_age_cli_for_exactly_its_recipients(
    company: Path, keys: dict[str, Path]
) -> None:
    """Peer kim-kato reads her own assessment of sam-stone, not the manager's; the committee
    reads the calibration, sam-stone does not; HR and the scoring key read everything."""
    written = read_data((company / REVIEWS / "sam-stone.yaml").read_text())
    by_fingerprint = {recipient(public(path)).fingerprint: name for name, path in keys.items()}
    readable: dict[str, set[str]] = {}
    for part, node, tag in nodes(PARTS["review"], written):
        name = f"{part.name}[{tag}]" if tag else part.name
        opened = {who for who, path in keys.items() if _reference_age(node[ENCRYPTED], path).returncode == 0}
        assert opened == {by_fingerprint[f] for f in node[RECIPIENTS]}, name
        readable[name] = opened
    everyone = {"lee-lund", "scoring", "dana-diaz", "pat-park"}
    assert readable["assessments[kim-kato/peer]"] == everyone | {"kim-kato"}
    assert readable["assessments[dana-diaz/manager]"] == everyone | {"sam-stone"}
    assert readable["calibration"] == everyone | {"eli-evans"}
    assert readable["appeal"] == everyone | {"sam-stone"}
    plain = _reference_age(written["appeal"][ENCRYPTED], keys["sam-stone"]).stdout.decode()
    assert CANARY in plain


def test_an_ssh_ed25519_key_is_a_recipient(tmp_path: Path) -> None:
    key = tmp_path / "id_ed25519"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "t", "-f", str(key)], check=True)
    text = (tmp_path / "id_ed25519.pub").read_text()
    listed = subprocess.run(["ssh-keygen", "-l", "-f", str(key)], capture_output=True, text=True).stdout
    made = recipient(text)
    assert made.fingerprint == listed.split()[1]
    sealed = seal_document("review", {"person": "a", "cycle": "c", "final_rating": 4}, lambda *_: [made])
    assert _reference_age(sealed["final_rating"][ENCRYPTED], key).returncode == 0
    from perfcode.crypt.keys import read_identities

    assert open_document("review", sealed, read_identities(key)).data["final_rating"] == 4


def test_the_check_needs_no_key(company: Path) -> None:
    result = run_check(company, TODAY)
    assert [line_of(f) for f in result.findings] == []
    review = next(r for r in result.repo.reviews if r.person == "sam-stone")
    assert (review.final_rating, review.appeal, review.assessments[0].rating) == (None, None, None)
    assert review.hidden >= {"final_rating", "appeal", "appeal.decision", "assessments[sam-stone/self]"}


def test_a_key_holder_checks_the_values(
    company: Path, keys: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PERFCODE_IDENTITY", str(keys["scoring"]))
    result = run_check(company, TODAY)
    assert [line_of(f) for f in result.findings] == []
    review = next(r for r in result.repo.reviews if r.person == "sam-stone")
    assert (review.final_rating, (review.appeal or {}).get("grounds"), review.hidden) == (
        3,
        CANARY,
        frozenset(),
    )


def test_decrypted_values_never_reach_the_cache(
    company: Path, keys: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PERFCODE_IDENTITY", str(keys["scoring"]))
    from perfcode.check import check_repository

    run_check(company, TODAY)
    check_repository(company, TODAY)
    cache = company / ".git" / "perfcode"
    stored = b"".join(p.read_bytes() for p in cache.rglob("*") if p.is_file())
    assert stored and CANARY.encode() not in stored and b"upheld" not in stored


def test_a_part_that_decrypts_to_a_wrong_value_is_reported_without_it(
    company: Path, keys: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = company / REVIEWS / "sam-stone.yaml"
    written: dict[str, Any] = read_data(path.read_text())
    repo = run_check(company, TODAY, use_cache=False).repo
    plain = {"person": "sam-stone", "cycle": "2026-H1", "final_rating": "high"}
    written["final_rating"] = seal_document("review", plain, audience(repo, "sam-stone"))["final_rating"]
    path.write_text(dump(written))
    monkeypatch.setenv("PERFCODE_IDENTITY", str(keys["lee-lund"]))
    assert [line_of(f) for f in run_check(company, TODAY).findings] == [
        f"{REVIEWS}/sam-stone.yaml:1:1: PC013 an encrypted part, once decrypted, does not match the schema;"
        " open it with `perfcode review edit` and fix it there"
    ]


def test_recipients_follow_a_transfer(company: Path) -> None:
    """kim-kato moves under dana-diaz: her parts miss dana and still name eli-evans."""
    path = company / "org/people/kim-kato.yaml"
    path.write_text(path.read_text().replace("manager: eli-evans", "manager: dana-diaz"))
    found = [line_of(f).split(": ", 1)[1] for f in run_check(company, TODAY, select=["PC901"]).findings]
    # Line numbers follow the ciphertexts, whose length age varies: messages only.
    assert found[:2] == [
        "PC901 review part 'assessments' of 'kim-kato' is encrypted to eli-evans"
        f" ({_fingerprint(company, 'eli-evans')}), who is not entitled to read it; run `perfcode rekey`; what was"
        " encrypted before stays readable in git history",
        "PC901 review part 'assessments' of 'kim-kato' is not encrypted to"
        f" dana-diaz ({_fingerprint(company, 'dana-diaz')}); run `perfcode rekey` to encrypt it to everyone entitled",
    ]
    # eli-evans wrote the manager assessment and sits on the committee: he still reads those.
    assert len(found) == 13


def _fingerprint(company: Path, person: str) -> str:
    data = read_data((company / "org/people" / f"{person}.yaml").read_text())
    return recipient(data["age"]).fingerprint


def test_plain_parts_are_reported_once_reviews_are_encrypted(company: Path) -> None:
    path = company / REVIEWS / "kim-kato.yaml"
    written = read_data(path.read_text())
    written["final_rating"] = 3
    path.write_text(dump(written))
    found = [line_of(f) for f in run_check(company, TODAY, select=["PC902"]).findings]
    assert [line.split(": ", 1)[1] for line in found] == [
        "PC902 review part 'final_rating' of 'kim-kato' is not encrypted; run `perfcode rekey` to encrypt it"
    ]


def test_every_part_is_an_encrypted_node(company: Path) -> None:
    written = read_data((company / REVIEWS / "pat-park.yaml").read_text())
    assert all(is_node(node) for _, node, _ in nodes(PARTS["review"], written))
