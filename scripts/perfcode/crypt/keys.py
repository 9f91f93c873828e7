"""Keys: recipients (public keys), their fingerprints, and the identities of this user.

A recipient is written ``age1...`` (an age X25519 key) or ``ssh-ed25519 AAAA... [comment]``
(the key people already have on GitHub; age encrypts to it). Age stanzas do not name their
recipients, so every encrypted part lists the fingerprints of its keys: for an ssh key
the SHA-256 fingerprint ``ssh-keygen -l`` prints, for an age key the same digest of the
key's text.

Identities come from ``$PERFCODE_IDENTITY`` (a file of ``AGE-SECRET-KEY-1...`` lines, as
``age-keygen`` writes, or an OpenSSH ed25519 private key), else ``~/.ssh/id_ed25519``.
``PERFCODE_IDENTITY`` set but empty means none: a pull-request check runs that way.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pyrage

IDENTITY_VARIABLE = "PERFCODE_IDENTITY"

Identity = pyrage.x25519.Identity | pyrage.ssh.Identity


class KeyError_(ValueError):
    """A public key or identity that cannot be used; the message says why."""


@dataclass(frozen=True)
class Recipient:
    """A public key and its fingerprint; ``text`` is the key as written."""

    text: str
    fingerprint: str

    def key(self) -> pyrage.x25519.Recipient | pyrage.ssh.Recipient:
        if self.text.startswith("age1"):
            return pyrage.x25519.Recipient.from_str(self.text)
        return pyrage.ssh.Recipient.from_str(self.text)


def fingerprint(text: str) -> str:
    """``SHA256:<base64>`` of an ssh key's blob, or of an age key's text."""
    text = text.strip()
    if text.startswith("ssh-ed25519 "):
        blob = base64.b64decode(text.split()[1], validate=True)
    else:
        blob = text.encode("ascii")
    return "SHA256:" + base64.b64encode(hashlib.sha256(blob).digest()).decode("ascii").rstrip("=")


@functools.cache
def recipient(text: str) -> Recipient:
    """The recipient a key's text stands for; :class:`KeyError_` when it is not one."""
    text = " ".join(text.split()[:2]) if text.startswith("ssh-") else text.strip()
    try:
        made = Recipient(text, fingerprint(text))
        made.key()
    except (pyrage.RecipientError, binascii.Error, IndexError, ValueError, UnicodeError) as exc:
        raise KeyError_(f"not an age or ssh-ed25519 public key: {exc}") from None
    return made


def identities() -> tuple[Identity, ...]:
    """This user's identities (see the module's docstring); none when there are none."""
    chosen = os.environ.get(IDENTITY_VARIABLE)
    if chosen is not None:
        return read_identities(Path(chosen)) if chosen else ()
    default = Path.home() / ".ssh" / "id_ed25519"
    return read_identities(default) if default.is_file() else ()


@functools.cache
def read_identities(path: Path) -> tuple[Identity, ...]:
    """The identities in a file; :class:`KeyError_` when it holds none that can be used."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise KeyError_(f"cannot read the identity file {path}: {exc.strerror}") from None
    if b"OPENSSH PRIVATE KEY" in raw:
        try:
            return (pyrage.ssh.Identity.from_buffer(raw),)
        except pyrage.IdentityError as exc:
            raise KeyError_(f"{path}: not an unencrypted ed25519 ssh key ({exc})") from None
    found = _age_identities(raw.decode("utf-8", "replace").splitlines())
    if not found:
        raise KeyError_(f"{path}: no AGE-SECRET-KEY-1 line and no OpenSSH private key")
    return found


def _age_identities(lines: Sequence[str]) -> tuple[Identity, ...]:
    found: list[Identity] = []
    for line in lines:
        if line.strip().startswith("AGE-SECRET-KEY-1"):
            try:
                found.append(pyrage.x25519.Identity.from_str(line.strip()))
            except pyrage.IdentityError:
                raise KeyError_("an AGE-SECRET-KEY-1 line is not a valid age identity") from None
    return tuple(found)
