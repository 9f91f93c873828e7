"""``perfcode textconv FILE``: git's diff driver for encrypted reviews."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from perfcode.crypt.editing import readable, sealed_kind
from perfcode.crypt.keys import identities
from perfcode.emit import dump
from perfcode.strict_yaml import read_data

HELP = "print a file with the review parts you can read decrypted (git's diff driver)"
DESCRIPTION = """\
Print FILE with every encrypted part your identity opens decrypted, so that `git diff`
and `git log -p` show plaintext to those who can read it. The repository's .gitattributes
names the driver (`reviews/**/*.yaml diff=perfcode`); each clone turns it on with

    git config diff.perfcode.textconv "perfcode textconv"

A file without encrypted parts, one that is not YAML, and a missing or unusable identity
print the file as it is: a diff never fails on account of the driver. The identity is
$PERFCODE_IDENTITY, else ~/.ssh/id_ed25519. Never configure this driver in CI: a diff in
a log is a leak.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="the file git hands over (any path)")


def run(args: argparse.Namespace) -> int:
    raw = Path(args.file).read_bytes()
    sys.stdout.write(textconv(raw.decode("utf-8", "replace")))
    return 0


def textconv(text: str) -> str:
    try:
        data = read_data(text)
        kind = sealed_kind(data)
        if kind is None:
            return text
        return dump(readable(kind, data, identities()))
    except Exception:  # whatever fails (not YAML, no usable identity): the file as it is
        return text
