"""Argument types and helpers the subcommands share."""

from __future__ import annotations

import argparse
import datetime
import functools
from collections.abc import Callable
from pathlib import Path

from perfcode.edit import repository_lock
from perfcode.errors import UsageError, unknown
from perfcode.model import Person, Repository
from perfcode.rules import all_rules
from perfcode.today import TODAY_VARIABLE, today


def repo_root(value: str | None) -> Path:
    """The repository root, which holds schemas/: ``--root DIR``, else the current folder or
    the nearest folder above it that is one, as git finds its repository."""
    if value is not None:
        root = Path(value).resolve()
        if not (root / "schemas").is_dir():
            raise UsageError(f"{root} is not a perfcode repository (no schemas/ folder); use --root DIR")
        return root
    here = Path.cwd().resolve()
    found = next((folder for folder in (here, *here.parents) if (folder / "schemas").is_dir()), None)
    if found is None:
        raise UsageError(
            f"{here} is not in a perfcode repository (no schemas/ folder here or above); use --root DIR"
        )
    return found


Run = Callable[[argparse.Namespace], int]


def writes(run: Run) -> Run:
    """The ``run`` of a command that writes the repository: it holds the repository's lock
    from its first read to its last write (:func:`perfcode.edit.repository_lock`)."""

    @functools.wraps(run)
    def locked(args: argparse.Namespace) -> int:
        with repository_lock(repo_root(args.root)):
            return run(args)

    return locked


def today_arg(value: str | None) -> str:
    """A --today value; for None the default day (:func:`perfcode.today.today`)."""
    if value is None:
        try:
            return today()
        except ValueError as error:
            raise UsageError(f"{TODAY_VARIABLE}: {error}") from None
    try:
        return datetime.date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date like 2026-03-31") from None


def code_list(value: str) -> list[str]:
    codes = [c.strip().upper() for c in value.split(",") if c.strip()]
    known = [r.code for r in all_rules()]
    for code in codes:
        if not any(k.startswith(code) for k in known):
            raise argparse.ArgumentTypeError(f"'{code}' matches no rule code (see `perfcode rules`)")
    return codes


def known_person(repo: Repository, ident: str, what: str = "person") -> Person:
    """The person ``ident`` names; else the one message every command gives, with the
    closest id: ``unknown person 'dan-evan' ...; did you mean 'dan-evans'?``."""
    person = repo.people.get(ident)
    if person is None:
        raise unknown(what, ident, repo.people, "org/people/")
    return person
