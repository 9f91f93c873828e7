"""The ``perfcode`` command: a thin layer that parses arguments and dispatches.

Exit status: 0 clean, 1 findings (or a failed --check), 2 usage or configuration error.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from types import ModuleType

from perfcode import __version__
from perfcode.commands.subcommands import add_nested, run_nested
from perfcode.errors import UsageError

COMMANDS: dict[str, str] = {
    "check": "perfcode.commands.check",
    "score": "perfcode.commands.score",
    "rules": "perfcode.commands.rules",
    "codeowners": "perfcode.commands.codeowners",
    "diff": "perfcode.commands.diff",
    "history": "perfcode.commands.history",
    "init": "perfcode.commands.init",
    "import": "perfcode.commands.import_",
    "cycle": "perfcode.commands.cycle",
    "checkin": "perfcode.commands.checkin",
    "coach": "perfcode.commands.coach",
    "revise": "perfcode.commands.revise",
    "actual": "perfcode.commands.actual",
    "nominate": "perfcode.commands.nominate",
    "feedback": "perfcode.commands.feedback",
    "report": "perfcode.commands.report",
    "new": "perfcode.commands.new",
    "export": "perfcode.commands.export",
    "review": "perfcode.commands.review",
    "textconv": "perfcode.commands.textconv",
    "demo-org": "perfcode.commands.demo_org",
}
"""Each command's module, imported only when that command runs (or help lists them all),
so `perfcode check` does not pay for git, the site or the YAML editor."""


def command(name: str) -> ModuleType:
    return importlib.import_module(COMMANDS[name])


def parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser; with ``only``, the subparser of that one command alone."""
    main_parser = argparse.ArgumentParser(
        prog="perfcode",
        description="Performance management as code: check, score and publish the YAML in this repository.",
    )
    main_parser.add_argument("--version", action="version", version=f"perfcode {__version__}")
    main_parser.add_argument(
        "--root",
        default=None,
        metavar="DIR",
        help="the repository root (default: the current folder or the nearest one above it with schemas/)",
    )
    names = [only] if only else list(COMMANDS)
    add_nested(main_parser, {name: command(name) for name in names}, "command", "COMMAND")
    return main_parser


def chosen(argv: Sequence[str]) -> str | None:
    """The command named on the command line, or None (help, version, a typo)."""
    words = iter(argv)
    for word in words:
        if word == "--root":
            next(words, None)
        elif not word.startswith("--root="):
            return word if word in COMMANDS else None
    return None


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    only = chosen(argv)
    args = parser(only).parse_args(argv)
    try:
        return run_nested(args, {args.command: command(args.command)}, "command")
    except UsageError as exc:
        sys.stderr.write(f"perfcode: error: {exc}\n")
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`perfcode score | head`): stop quietly, as Unix tools do.
        # https://docs.python.org/3/library/signal.html#note-on-sigpipe
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as exc:
        # The system refused (a read-only folder, a full disk ...): one line, not a traceback.
        where = f": {exc.filename}" if exc.filename else ""
        sys.stderr.write(f"perfcode: error: {exc.strerror or exc}{where}\n")
        return 2
