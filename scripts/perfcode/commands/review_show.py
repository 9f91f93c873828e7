"""``perfcode review show PERSON [--cycle C]``: what your identity can read of a review."""

from __future__ import annotations

import argparse
import sys

from perfcode.commands.common import repo_root
from perfcode.crypt.editing import CLOSED, closed_parts, readable, sealed_kind
from perfcode.crypt.keys import KeyError_, identities
from perfcode.crypt.reviews import review_file
from perfcode.emit import dump
from perfcode.errors import UsageError

HELP = "print what your identity can read of a review"
DESCRIPTION = f"""\
Print reviews/CYCLE/PERSON.yaml with every part your identity opens decrypted, in memory
only. A part you cannot read shows its plain keys (who wrote it, when) and
`encrypted: {CLOSED}`; a note on standard error lists those parts. The cycle is
--cycle, or the latest cycle with a review of PERSON. The identity is $PERFCODE_IDENTITY
(an age identity file or an OpenSSH ed25519 key), else ~/.ssh/id_ed25519.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("person", metavar="PERSON", help="the person whose review to show")
    parser.add_argument("--cycle", metavar="ID", help="the cycle (default: the latest with a review)")


def run(args: argparse.Namespace) -> int:
    root = repo_root(args.root)
    rel, data = review_file(root, args.person, args.cycle)
    try:
        keys = identities()
    except KeyError_ as exc:
        raise UsageError(str(exc)) from None
    kind = sealed_kind(data)
    if kind is None:
        sys.stdout.write(dump(data))
        return 0
    shown = readable(kind, data, keys)
    sys.stdout.write(dump(shown))
    closed = closed_parts(kind, shown)
    if closed:
        sys.stderr.write(f"note: {rel}: your identity cannot read {', '.join(closed)}\n")
    return 0
