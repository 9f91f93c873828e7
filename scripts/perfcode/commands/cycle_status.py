"""``perfcode cycle status [ID]``: the phase, what is due and who is late."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from typing import Any

from perfcode.commands.common import repo_root, today_arg
from perfcode.commands.score import default_cycle
from perfcode.commands.subcommands import today_option
from perfcode.duties import Duty, duties
from perfcode.errors import UsageError
from perfcode.model import Repository
from perfcode.process.guard import check_pending
from perfcode.report import clean
from perfcode.tracking import LABELS, Item, Status, by_promotion_group, by_unit, coaching_by_unit, status

HELP = "show a cycle's phase, what is due and who is late, per unit and promotion group"
DESCRIPTION = """\
The tracking report of a cycle (default: the innermost cycle containing today): the
current phase, what falls due by the end of the next phase, and per unit and per
promotion group who is late: no goals, goals unfinished (weights short of 100, targets
missing: PC212 while planning runs, PC203 and PC210 after), goals not aligned, a key result without a
check-in for longer than the framework's check_in_days, actual values or a self, manager
or committee assessment missing after evaluation, no final rating after calibration, a
feedback meeting or acknowledgement not held in its window, an appeal past its decision
deadline; and for the company's and the units' goal files, unfinished goals and missing
actuals. Where the framework sets a coaching frequency for a class, the coaching
conversations held and due, per unit and per person. Then the governance duties, whatever
the cycle: a promotion group's report overdue for its reporting cadence, a problem in a
report still open past its due day. Files that fail perfcode check count as missing.
These are the items `perfcode cycle close` refuses over and the site's process tracker
shows. Always exits 0.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("cycle", nargs="?", metavar="ID", help="the cycle (default: the current one)")
    parser.add_argument(
        "--format", choices=sorted(FORMATS), default="text", help="output format (default: text)"
    )
    today_option(parser, "the status is computed for")


def run(args: argparse.Namespace) -> int:
    root = repo_root(args.root)
    today = args.today or today_arg(None)
    repo = check_pending(root, today, {}).repo
    if not repo.cycles and args.cycle is None:
        sys.stdout.write("no cycle yet: open one with `perfcode cycle open 2026-H1` (or another id)\n")
        return 0
    cycle = args.cycle or default_cycle(repo, today)
    if cycle not in repo.cycles:
        raise UsageError(f"unknown cycle '{cycle}'; cycles: {', '.join(sorted(repo.cycles)) or 'none'}")
    sys.stdout.write(FORMATS[args.format](repo, status(repo, cycle, today)))
    return 0


def _heading(result: Status) -> list[str]:
    cycle = result.cycle
    return [
        f"Cycle {cycle.id} ({cycle.start}..{cycle.end}, {cycle.status}) on {result.today}: {result.phase}",
        "Phases: " + ", ".join(f"{name} {start}..{end}" for name, (start, end) in cycle.phases.items()),
        f"{len(result.participants)} participants; {len(result.late)} item(s) late "
        f"({len({i.person for i in result.late})} people), {len(result.due)} due by {result.horizon}",
    ]


def text(repo: Repository, result: Status) -> str:
    lines = _heading(result)
    if result.due:
        lines += ["", f"Due by {result.horizon}:"]
        lines += [f"  {due}  {LABELS[kind]}: {count}" for (due, kind), count in _counts(result.due).items()]
    if result.late:
        lines += ["", "Late, by unit:"]
        for unit, items in by_unit(repo, result.late).items():
            lines.append(f"  {clean(unit)}")
            lines += [f"    {clean(i.who)}: {clean(i.text)} (due {i.due})" for i in items]
        lines += ["", "Late, by promotion group:"]
        for group, items in by_promotion_group(repo, result.late).items():
            lines.append(
                f"  {clean(group)}: {', '.join(f'{clean(i.who)} ({LABELS[i.kind]})' for i in items)}"
            )
    else:
        lines += ["", "Nobody is late."]
    return "\n".join([*lines, *_coaching_text(repo, result), *_duties_text(repo, result)]) + "\n"


def _duties_text(repo: Repository, result: Status) -> list[str]:
    owed = duties(repo, result.today)
    late = [d for d in owed if d.late(result.today)]
    due = [d for d in owed if result.today <= d.due <= result.horizon]
    lines = []
    for title, listed in (
        (f"Governance duties due by {result.horizon}:", due),
        ("Governance duties late:", late),
    ):
        if listed:
            lines += ["", title]
            lines += [f"  {clean(d.body)}: {clean(d.text)} (due {d.due}) in {clean(d.path)}" for d in listed]
    return lines


def _coaching_text(repo: Repository, result: Status) -> list[str]:
    if not result.coaching:
        return []
    lines = ["", "Coaching conversations (held/due), by unit:"]
    people = {t.person: t for t in result.coaching}
    for unit, (held, due) in coaching_by_unit(repo, result.coaching).items():
        lines.append(f"  {clean(unit)}: {held}/{due}")
        members = sorted(p for p, t in people.items() if repo.people[p].unit == unit)
        lines += [f"    {clean(p)}: {people[p].held}/{people[p].due}" for p in members]
    return lines


def markdown(repo: Repository, result: Status) -> str:
    lines = [f"# Cycle {_md(result.cycle.id)}", "", *(f"{_md(line)}  " for line in _heading(result))]
    if result.due:
        lines += ["", f"## Due by {result.horizon}", "", "| due | what | people |", "| --- | --- | --- |"]
        lines += [f"| {due} | {LABELS[kind]} | {n} |" for (due, kind), n in _counts(result.due).items()]
    if result.late:
        lines += ["", "## Late, by unit"]
        for unit, items in by_unit(repo, result.late).items():
            lines += ["", f"### {_md(unit)}", "", "| person | late with | due |", "| --- | --- | --- |"]
            lines += [f"| {_md(i.who)} | {_md(i.text)} | {i.due} |" for i in items]
        lines += [
            "",
            "## Late, by promotion group",
            "",
            "| group | person | late with |",
            "| --- | --- | --- |",
        ]
        for group, items in by_promotion_group(repo, result.late).items():
            lines += [f"| {_md(group)} | {_md(i.who)} | {LABELS[i.kind]} |" for i in items]
    else:
        lines += ["", "Nobody is late."]
    if result.coaching:
        lines += [
            "",
            "## Coaching conversations",
            "",
            "| unit | person | held | due |",
            "| --- | --- | --- | --- |",
        ]
        for unit, (held, due) in coaching_by_unit(repo, result.coaching).items():
            lines.append(f"| {_md(unit)} | | {held} | {due} |")
            lines += [
                f"| | {_md(t.person)} | {t.held} | {t.due} |"
                for t in result.coaching
                if repo.people[t.person].unit == unit
            ]
    owed = [d for d in duties(repo, result.today) if d.due <= result.horizon]
    if owed:
        lines += ["", "## Governance duties", "", "| body | what | due | late |", "| --- | --- | --- | --- |"]
        lines += [
            f"| {_md(d.body)} | {_md(d.text)} | {d.due} | {'yes' if d.late(result.today) else 'no'} |"
            for d in owed
        ]
    return "\n".join(lines) + "\n"


def as_json(repo: Repository, result: Status) -> str:
    cycle = result.cycle
    payload = {
        "cycle": cycle.id,
        "today": result.today,
        "phase": result.phase,
        "phases": {name: {"start": s, "end": e} for name, (s, e) in cycle.phases.items()},
        "participants": len(result.participants),
        "due_by": result.horizon,
        "due": [_item_json(i) for i in result.due],
        "late": [_item_json(i) for i in result.late],
        "late_by_unit": {u: [i.person for i in items] for u, items in by_unit(repo, result.late).items()},
        "late_by_promotion_group": {
            g: [i.person for i in items] for g, items in by_promotion_group(repo, result.late).items()
        },
        "governance": [
            _duty_json(d, result.today) for d in duties(repo, result.today) if d.due <= result.horizon
        ],
        "coaching": {
            "by_unit": {
                u: {"held": held, "due": due}
                for u, (held, due) in coaching_by_unit(repo, result.coaching).items()
            },
            "people": {
                t.person: {"held": t.held, "due": t.due, "every_days": t.every} for t in result.coaching
            },
        },
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def _item_json(item: Item) -> dict[str, Any]:
    return {
        "person": item.person,
        "owner": item.owner,
        "kind": item.kind,
        "detail": item.detail,
        "due": item.due,
        "path": item.path,
    }


def _duty_json(duty: Duty, today: str) -> dict[str, Any]:
    return {
        "body": duty.body,
        "kind": duty.kind,
        "detail": duty.detail,
        "due": duty.due,
        "late": duty.late(today),
        "path": duty.path,
    }


def _counts(items: tuple[Item, ...]) -> dict[tuple[str, str], int]:
    counts: dict[tuple[str, str], int] = {}
    for item in items:
        counts[(item.due, item.kind)] = counts.get((item.due, item.kind), 0) + 1
    return dict(sorted(counts.items()))


def _md(value: str) -> str:
    """Text from YAML in Markdown: markup characters escaped, never acted on."""
    return re.sub(r"([\\`*_{}\[\]<>#|~])", r"\\\1", clean(value))


FORMATS: dict[str, Callable[[Repository, Status], str]] = {
    "text": text,
    "markdown": markdown,
    "json": as_json,
}
