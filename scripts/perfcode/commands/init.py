"""``perfcode init DIR``: a new company's repository from the template."""

from __future__ import annotations

import argparse
import datetime
import re
import shutil
import sys
from pathlib import Path

from perfcode import __version__
from perfcode.check import run_check
from perfcode.commands.common import today_arg
from perfcode.commands.subcommands import show_findings, today_option
from perfcode.edit import atomic_write
from perfcode.errors import UsageError
from perfcode.git.codeowners import stale
from perfcode.process import vcs
from perfcode.process.derived import codeowners_change
from perfcode.process.starter import Founder, copy_template, slug, starter_files, template_root

HELP = "start a new company's repository from this template"
DESCRIPTION = """\
Create DIR as a new company's performance repository: the template's schemas, editor
settings, workflows, site configuration, guides and the perfcode package (so that
`make demo` works there too), a starter framework and governance that the company can
adopt as is, the company with four strategy themes, the root unit, a few common
positions and one person, the president. No example data. The result passes
`perfcode check` with no findings at once, and so does it after `perfcode import people`.
Nobody decides their own case, so the president's calibration and appeal need someone
outside the company: --board names them (the recusal_fallback of org/governance.yaml);
without it, PC109 warns once the president takes part in a cycle. DIR becomes a git
repository with a first commit.
"""

_GITHUB = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dir", metavar="DIR", help="the new repository's folder (new or empty)")
    parser.add_argument("--company", metavar="NAME", help="the company's name (default: the folder's name)")
    parser.add_argument(
        "--president", metavar="NAME", help="the president's full name (default: git's user.name)"
    )
    parser.add_argument(
        "--email", metavar="ADDRESS", help="the president's e-mail (default: git's user.email)"
    )
    parser.add_argument(
        "--github", metavar="HANDLE", help="the president's GitHub handle (default: from the name)"
    )
    parser.add_argument(
        "--board",
        action="append",
        default=[],
        metavar="HANDLE",
        help="the GitHub handle of who decides the president's own calibration and appeal, such as "
        "the board's chair; repeatable",
    )
    today_option(parser, "the strategy period starts from")


def run(args: argparse.Namespace) -> int:
    template = template_root()
    dest = Path(args.dir).resolve()
    _check_destination(dest, template)
    founder = _founder(args, dest)
    today = datetime.date.fromisoformat(args.today or today_arg(None))
    existed = dest.exists()
    try:
        return _create(dest, template, founder, today)
    except BaseException:
        _remove_created(dest, existed)
        raise


def _create(dest: Path, template: Path, founder: Founder, today: datetime.date) -> int:
    dest.mkdir(parents=True, exist_ok=True)
    copied = copy_template(template, dest)
    for rel, text in starter_files(founder, today):
        atomic_write(dest / rel, text)
    for rel, text in codeowners_change(dest, run_check(dest, today.isoformat()).repo).items():
        atomic_write(dest / rel, text)
    findings = run_check(dest, today.isoformat(), extra=lambda repo: stale(dest, repo)).findings
    show_findings(findings)
    if any(f.severity == "error" for f in findings):
        sys.stderr.write(f"perfcode init: the new repository in {dest} does not pass perfcode check\n")
        return 1
    vcs.init(dest, f"Start the performance system of {founder.company} (perfcode {__version__} init)")
    sys.stdout.write(
        f"created {dest} for {founder.company}: {', '.join(copied)}, org/ with president {founder.person_id}\n"
        f"next: cd {dest} && make demo, then `perfcode import people FILE.csv` (see README.md)\n"
    )
    return 0


def _remove_created(dest: Path, existed: bool) -> None:
    """Take back a failed init: the folder was new or empty, so all it holds is ours."""
    if not existed:
        shutil.rmtree(dest, ignore_errors=True)
        return
    for child in dest.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
        else:
            child.unlink(missing_ok=True)


def _check_destination(dest: Path, template: Path) -> None:
    if dest.is_relative_to(template) or template.is_relative_to(dest):
        raise UsageError(f"{dest} overlaps the template repository {template}: choose a folder outside it")
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise UsageError(f"{dest} exists and is not an empty folder")


def _founder(args: argparse.Namespace, dest: Path) -> Founder:
    company = " ".join((args.company or dest.name).split())
    name = " ".join((args.president or _git_config("user.name") or "President").split())
    person = slug(name, "president")
    email = args.email or _git_config("user.email") or f"{person}@{slug(company, 'company')}.example"
    github = args.github or person[:39].strip("-")
    if not _GITHUB.fullmatch(github):
        raise UsageError(f"'{github}' is not a GitHub handle; give --github HANDLE")
    if not _EMAIL.fullmatch(email):
        raise UsageError(f"'{email}' is not an e-mail address; give --email ADDRESS")
    if not company or len(company) > 200 or len(name) > 200:
        raise UsageError("the company and president names are one line of 1 to 200 characters")
    board = tuple(dict.fromkeys(h.removeprefix("@") for h in args.board))
    for handle in board:
        if not _GITHUB.fullmatch(handle) or handle.lower() == github.lower():
            raise UsageError(f"'{handle}' is not the GitHub handle of someone other than the president")
    return Founder(company, name, email, github, board)


def _git_config(key: str) -> str | None:
    try:
        return vcs.git(Path.cwd(), "config", "--get", key) or None
    except UsageError:
        return None
