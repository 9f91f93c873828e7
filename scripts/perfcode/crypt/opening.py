"""Opening: the documents with encrypted parts, opened for the model in memory only.

The document cache stores documents as they are written (ciphertext), before this step;
the opened values go to the model and nowhere else. A part whose plain value does not
match its schema is a finding that names the part and the schema's complaint, never the
value (a publish job holding the key must not print a review in its log).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from perfcode.crypt.keys import Identity, KeyError_, identities
from perfcode.crypt.seal import is_sealed, open_document
from perfcode.findings import Finding
from perfcode.load import Document


@dataclass
class Opened:
    """The documents of a check as the model sees them, and what stayed closed."""

    written: dict[str, Any] = field(default_factory=dict)
    hidden: dict[str, frozenset[str]] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)


Valid = Callable[[Any, str], bool]


def open_for_model(
    kind: str, document: Document, valid: Valid, opened: Opened, keys: Sequence[Identity]
) -> Document | None:
    """The document with the parts ``keys`` open; None when an opened part breaks its schema."""
    if not is_sealed(kind, document.data):
        return document
    plain = open_document(kind, document.data, keys)
    opened.written[document.path] = document.data
    opened.hidden[document.path] = frozenset(plain.hidden)
    if not valid(plain.data, kind):
        opened.findings.append(
            Finding(
                document.path,
                1,
                1,
                "PC013",
                "an encrypted part, once decrypted, does not match the schema",
                hint="open it with `perfcode review edit` and fix it there",
            )
        )
        return None
    return replace(document, data=plain.data)


def held_identities() -> tuple[tuple[Identity, ...], Finding | None]:
    """This user's identities, or none and a finding saying why the configured ones fail."""
    try:
        return identities(), None
    except KeyError_ as exc:
        return (), Finding("", 0, 0, "PC013", f"no review part can be decrypted: {exc}")
