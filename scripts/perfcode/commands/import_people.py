"""``perfcode import people FILE.csv``: create and update people and units from an HRIS export."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from perfcode.commands.common import repo_root, today_arg, writes
from perfcode.commands.subcommands import show_findings, today_option
from perfcode.errors import UsageError
from perfcode.findings import Finding
from perfcode.git.codeowners import PATH
from perfcode.model import stem
from perfcode.process.derived import codeowners_change
from perfcode.process.guard import check_pending, write_checked
from perfcode.process.importing import ImportPlan, plan_import
from perfcode.process.people_csv import Row, problems, read_rows

HELP = "create and update org/people and org/units from an HRIS export (CSV)"
DESCRIPTION = """\
Read FILE.csv with the columns id, name, email, github, unit, position, manager, class
(a header row; an empty manager only for the president; an empty github for someone
without a GitHub account, for whom their manager or proxy acts) and the optional columns
effective (the day a row's change takes effect), since (a newcomer's first day) and left
(a leaver's last day); other columns are ignored. Bring org/people/ in line with it: new
people get a file, changed people get their changed keys (comments and other keys stay),
and a move (unit, position, manager, class) is dated: what it replaces goes to the
person's history up to the day before it takes effect (effective, or --today), so closed
cycles and reviews keep the organisation they were judged against. A new unit gets a file
with its head and parent inferred from who manages whom. People missing from the file are
reported, and marked as left (the day before --today) only with --prune: leavers are
never deleted. Running it again with the same file changes nothing.

A file that would break the organisation — a bad id, e-mail or GitHub handle, a
duplicate, an unknown position, class or manager, managers in a loop or more than one
person without a manager — is refused with its row numbers (the header is row 1), and
nothing is written; so is an import after which `perfcode check` would find a new error.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE.csv", help="the HRIS export")
    parser.add_argument("--prune", action="store_true", help="remove people who are not in the file")
    parser.add_argument("--dry-run", action="store_true", help="report what would change; write nothing")
    today_option(parser, "rules are checked for")


@writes
def run(args: argparse.Namespace) -> int:
    root = repo_root(args.root)
    today = args.today or today_arg(None)
    rows = read_rows(_read(Path(args.file)))
    before = check_pending(root, today, {})
    found = problems(rows, before.repo, args.prune)
    if found:
        sys.stderr.writelines(f"{args.file}: {p.text()}\n" for p in found)
        sys.stderr.write(f"perfcode import people: {len(found)} problem(s); nothing was changed\n")
        return 1
    plan = plan_import(root, before.repo, rows, args.prune, today)
    if plan.pending:
        plan.pending.update(codeowners_change(root, check_pending(root, today, plan.pending).repo))
    outcome = write_checked(root, today, plan.pending, dry_run=args.dry_run, before=before)
    if outcome.errors:
        _refuse(outcome.errors, rows)
        return 1
    show_findings(outcome.added)
    sys.stdout.write(report(plan, args.prune, args.dry_run))
    return 0


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read {path}: {exc}") from None


def _refuse(errors: tuple[Finding, ...], rows: list[Row]) -> None:
    numbers = {r.id: r.number for r in rows}
    for finding in errors:
        person = stem(finding.path) if finding.path.startswith("org/people/") else None
        row = f" (row {numbers[person]})" if person in numbers else ""
        show_findings([finding])
        if row:
            sys.stderr.write(f"  from{row}\n")
    sys.stderr.write("perfcode import people: the import would break the checks above; nothing was changed\n")


def report(plan: ImportPlan, prune: bool, dry_run: bool) -> str:
    """What the import did (or would do), one line per person or unit."""
    verb = "would " if dry_run else ""
    lines = [f"{verb}add {r.id} (row {r.number})" for r in plan.added]
    lines += [f"{verb}change {r.id} (row {r.number}): {'; '.join(c)}" for r, c in plan.changed]
    lines += [f"{verb}{u}" for u in plan.units]
    if prune:
        lines += [f"{verb}mark {i} as left" for i in plan.removed]
    elif plan.removed:
        lines.append(f"not in the file (--prune marks them as left): {', '.join(plan.removed)}")
    if PATH in plan.pending:
        lines.append(f"{verb}update {PATH}")
    summary = f"{len(plan.added)} added, {len(plan.changed)} changed, {plan.unchanged} unchanged"
    if prune:
        summary += f", {len(plan.removed)} left"
    lines.append(f"{summary}{' (dry run: nothing written)' if dry_run else ''}")
    return "\n".join(lines) + "\n"
