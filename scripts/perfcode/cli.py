"""The ``perfcode`` command: a thin layer that parses arguments and dispatches.

Exit status: 0 clean, 1 findings (or a failed --check), 2 usage or configuration error.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from types import ModuleType

from perfcode import __version__
from perfcode.commands import (
    check,
    checkin,
    codeowners,
    cycle,
    diff,
    export,
    history,
    import_,
    init,
    new,
    rules,
    score,
)
from perfcode.errors import UsageError

COMMANDS: dict[str, ModuleType] = {
    "check": check,
    "score": score,
    "rules": rules,
    "codeowners": codeowners,
    "diff": diff,
    "history": history,
    "init": init,
    "import": import_,
    "cycle": cycle,
    "checkin": checkin,
    "new": new,
    "export": export,
}


def parser() -> argparse.ArgumentParser:
    main_parser = argparse.ArgumentParser(
        prog="perfcode",
        description="Performance management as code: check, score and publish the YAML in this repository.",
    )
    main_parser.add_argument("--version", action="version", version=f"perfcode {__version__}")
    main_parser.add_argument(
        "--root",
        default=".",
        metavar="DIR",
        help="the repository root (default: the current folder)",
    )
    subparsers = main_parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, module in COMMANDS.items():
        sub = subparsers.add_parser(
            name,
            help=module.HELP,
            description=module.DESCRIPTION,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        sub.add_argument(
            "--root",
            default=argparse.SUPPRESS,
            metavar="DIR",
            help="the repository root (default: the current folder)",
        )
        module.add_arguments(sub)
    return main_parser


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(COMMANDS[args.command].run(args))
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
