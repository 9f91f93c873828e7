"""Encrypted companies for the tests: age identities for the minimal company's people and
the scoring job, and every review sealed to its recipients."""

from __future__ import annotations

from pathlib import Path

import pyrage

from perfcode.check import run_check
from perfcode.crypt.recipients import audience
from perfcode.crypt.seal import seal_document
from perfcode.emit import dump
from perfcode.strict_yaml import read_data
from support import TODAY, commit_all, make_company

REVIEWS = "reviews/2026-H1"
PEOPLE = ("dana-diaz", "eli-evans", "kim-kato", "lee-lund", "pat-park", "sam-stone")


def make_keys(folder: Path) -> dict[str, Path]:
    """An age identity file for each person and for the scoring job."""
    made = {}
    for name in (*PEOPLE, "scoring"):
        identity = pyrage.x25519.Identity.generate()
        path = folder / f"{name}.txt"
        path.write_text(f"# public key: {identity.to_public()}\n{identity}\n")
        made[name] = path
    return made


def public(path: Path) -> str:
    return str(pyrage.x25519.Identity.from_str(path.read_text().splitlines()[1]).to_public())


def encrypted_company(root: Path, keys: dict[str, Path]) -> Path:
    """The minimal company with everyone's key and every review encrypted, committed."""
    make_company(root)
    for person in PEOPLE:
        path = root / "org/people" / f"{person}.yaml"
        path.write_text(path.read_text() + f"age: {public(keys[person])}\n")
    gov = root / "org/governance.yaml"
    gov.write_text(f"scoring_key: {public(keys['scoring'])}\n" + gov.read_text())
    repo = run_check(root, TODAY, use_cache=False).repo
    for person in PEOPLE:
        path = root / REVIEWS / f"{person}.yaml"
        plain = read_data(path.read_text())
        path.write_text(dump(seal_document("review", plain, audience(repo, person))))
    commit_all(root)
    return root
