"""``perfcode review edit PERSON [--cycle C]``: edit a review in plaintext, encrypted again."""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from perfcode.commands.common import repo_root, today_arg, writes
from perfcode.commands.subcommands import show_findings, today_option
from perfcode.crypt.editing import CLOSED, readable, reseal, sealed_kind
from perfcode.crypt.keys import KeyError_, identities
from perfcode.crypt.recipients import audience
from perfcode.crypt.reviews import review_file
from perfcode.emit import dump
from perfcode.errors import UsageError
from perfcode.process.guard import check_pending, write_checked
from perfcode.strict_yaml import read_data

HELP = "edit a review in plaintext in $EDITOR; it is encrypted again and checked"
DESCRIPTION = f"""\
Decrypt reviews/CYCLE/PERSON.yaml as far as your identity reads it into a private
temporary file (mode 0600, in a folder only you can open), run $EDITOR (else $VISUAL,
else vi) on it, then encrypt every part again to its recipients as the organisation
stands today (a part whose value and recipients did not change keeps its ciphertext) and
check the repository with the change, as `perfcode check` would. A part you cannot read
shows as `encrypted: {CLOSED}` and stays exactly as it was, whatever is written
there. Nothing is written when the editor fails, the text is not valid YAML or the change
adds an error; the temporary file is removed in every case. A review not yet encrypted is
edited as it is. The cycle is --cycle, or the latest cycle with a review of PERSON.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("person", metavar="PERSON", help="the person whose review to edit")
    parser.add_argument("--cycle", metavar="ID", help="the cycle (default: the latest with a review)")
    today_option(parser, "the check after the edit runs as of")


@writes
def run(args: argparse.Namespace) -> int:
    root = repo_root(args.root)
    today = args.today or today_arg(None)
    rel, written = review_file(root, args.person, args.cycle)
    try:
        keys = identities()
    except KeyError_ as exc:
        raise UsageError(str(exc)) from None
    kind = sealed_kind(written)
    before_text = dump(readable(kind, written, keys)) if kind else (root / rel).read_text(encoding="utf-8")
    after_text = edit_privately(before_text, Path(rel).name)
    if after_text == before_text:
        sys.stdout.write(f"no change to {rel}\n")
        return 0
    try:
        edited = read_data(after_text)
    except (yaml.YAMLError, ValueError) as exc:
        sys.stderr.write(
            f"perfcode review edit: the edited text is not valid YAML ({exc}); nothing was written\n"
        )
        return 1
    if not isinstance(edited, dict):
        sys.stderr.write("perfcode review edit: the edited text is not a mapping; nothing was written\n")
        return 1
    before = check_pending(root, today, {})
    text = (
        dump(reseal(kind, edited, written, audience(before.repo, args.person), keys)) if kind else after_text
    )
    outcome = write_checked(root, today, {rel: text}, before=before)
    if outcome.errors:
        show_findings(outcome.errors)
        sys.stderr.write("perfcode review edit: the change adds errors; nothing was written\n")
        return 1
    sys.stdout.write(f"{'encrypted and wrote' if kind else 'wrote'} {rel}\n")
    return 0


def edit_privately(text: str, name: str) -> str:
    """``text`` after the user's editor ran on it in a private temporary file, removed after."""
    editor = os.environ.get("EDITOR") or os.environ.get("VISUAL") or "vi"
    folder = Path(tempfile.mkdtemp(prefix="perfcode-review-"))  # mode 0700
    try:
        path = folder / name
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
        try:
            status = subprocess.run([*shlex.split(editor), str(path)], check=False).returncode
        except OSError as exc:
            raise UsageError(
                f"cannot run the editor '{editor}': {exc.strerror}; nothing was written"
            ) from None
        if status != 0:
            raise UsageError(f"the editor '{editor}' exited with status {status}; nothing was written")
        return path.read_text(encoding="utf-8")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
