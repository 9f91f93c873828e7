"""``perfcode review show|edit PERSON``: read and write a review as plaintext."""

from __future__ import annotations

import argparse

from perfcode.commands import review_edit, review_show
from perfcode.commands.subcommands import add_nested, run_nested

HELP = "show or edit a review in plaintext, as far as your identity reads it"
DESCRIPTION = """\
Reviews are encrypted part by part (docs/guides/confidential-reviews.md). `perfcode review
show PERSON` prints what your identity ($PERFCODE_IDENTITY, else ~/.ssh/id_ed25519) can
read of a review; `perfcode review edit PERSON` opens that plaintext in $EDITOR and
encrypts it again to each part's recipients.
"""
SUBCOMMANDS = {"show": review_show, "edit": review_edit}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_nested(parser, SUBCOMMANDS, "review_command")


def run(args: argparse.Namespace) -> int:
    return run_nested(args, SUBCOMMANDS, "review_command")
