"""Encryption rules (PC901-PC902): review parts encrypted to exactly those entitled.

Both read the files as written (the fingerprints beside each ciphertext) and the
organisation; neither needs a key, so a pull-request check runs them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from perfcode.crypt.keys import KeyError_, recipient
from perfcode.crypt.parts import PARTS, RECIPIENTS, Part
from perfcode.crypt.recipients import readers, recipients_of
from perfcode.crypt.seal import is_node, nodes
from perfcode.findings import Finding
from perfcode.model import Repository, Review, Where
from perfcode.rules import Context, rule
from perfcode.rules.common import finding


@rule(
    "PC901",
    "part-recipients",
    "An encrypted review part is not encrypted to exactly those entitled to read it.",
    """
    Each encrypted part lists the fingerprints of the keys it is encrypted to. They must be
    the keys of the people the organisation entitles to read it today (the person, their
    manager chain, the HR support group, the committee or the appeal body, as the part
    requires) and the publish job's scoring key: a new manager missing from the list, or a
    former manager still on it after a transfer, is reported. `perfcode rekey` encrypts the
    open cycles' parts again to the current set; a closed cycle is never encrypted again.
    Git keeps old ciphertexts: someone removed from a list can still read what was
    encrypted to them before.
    """,
)
def part_recipients(ctx: Context) -> Iterator[Finding]:
    repo = ctx.repo
    owners = _owners(repo)
    for review in repo.reviews:
        written = repo.files.get(review.where.path)
        if isinstance(written, Mapping):
            for part, node, where in _parts(review, written):
                if is_node(node):
                    yield from _compare(repo, owners, review, part, node, where)


@rule(
    "PC902",
    "plain-part",
    "A review part is in plain text although the organisation encrypts reviews.",
    """
    Once `org/governance.yaml` declares the publish job's `scoring_key`, every part of every
    review of an open cycle is encrypted, and every optional part is present (empty when
    unused), so that neither a value nor the presence of an appeal or a plan shows in the
    repository. `perfcode rekey` encrypts the plain parts.
    """,
)
def plain_part(ctx: Context) -> Iterator[Finding]:
    repo = ctx.repo
    if not (repo.governance or {}).get("scoring_key"):
        return
    for review in repo.reviews:
        written = repo.files.get(review.where.path)
        if not isinstance(written, Mapping):
            continue
        for part, node, where in _parts(review, written):
            if not is_node(node):
                yield finding(
                    where,
                    "PC902",
                    f"review part '{part.name}' of '{review.person}' is not encrypted",
                    "run `perfcode rekey` to encrypt it",
                )


def _parts(review: Review, written: Mapping[str, Any]) -> Iterator[tuple[Part, Any, Where]]:
    index: dict[str, int] = {}
    for part, node, tag in nodes(PARTS["review"], written):
        at = review.where / part.path[0]
        if tag:
            at = at / index.setdefault(tag, len(index))
        elif len(part.path) > 1:
            at = at / part.path[1]
        yield part, node, at


def _compare(
    repo: Repository, owners: Mapping[str, str], review: Review, part: Part, node: Any, where: Where
) -> Iterator[Finding]:
    value = node if part.audience == "assessment" else None
    expected = {r.fingerprint for r in recipients_of(repo, readers(repo, part, review.person, value))}
    declared = {str(f) for f in node.get(RECIPIENTS, ())}
    label = f"review part '{part.name}' of '{review.person}'"
    for missing in sorted(expected - declared):
        yield finding(
            where / RECIPIENTS,
            "PC901",
            f"{label} is not encrypted to {owners.get(missing, 'the scoring key')} ({missing})",
            "run `perfcode rekey` to encrypt it to everyone entitled",
        )
    for extra in sorted(declared - expected):
        who = owners.get(extra, "a key nobody in the organisation holds")
        yield finding(
            where / RECIPIENTS,
            "PC901",
            f"{label} is encrypted to {who} ({extra}), who is not entitled to read it",
            "run `perfcode rekey`; what was encrypted before stays readable in git history",
        )


def _owners(repo: Repository) -> dict[str, str]:
    """Each fingerprint's holder, by person id."""
    owners: dict[str, str] = {}
    for person in repo.people.values():
        for key in person.keys:
            try:
                owners[recipient(key).fingerprint] = person.id
            except KeyError_:
                continue
    return owners
