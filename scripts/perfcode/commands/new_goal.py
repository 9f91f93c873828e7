"""``perfcode new goal OWNER``: append a goal with one key result to a goal file of the
company, a unit or a person."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from typing import Any

from perfcode.commands.common import repo_root, today_arg, writes
from perfcode.commands.subcommands import show_findings, today_option
from perfcode.edit import parse_value
from perfcode.errors import UsageError
from perfcode.model import Repository
from perfcode.process.goals import goal_data, goal_path, new_goal_text, owner_level
from perfcode.process.guard import check_pending, write_checked
from perfcode.rules.cycles import participants

HELP = "add a goal with one key result to the company's, a unit's or a person's goal file"
DESCRIPTION = """Append a goal to the goal file of OWNER: `company` (goals/<cycle>/company.yaml; give the
strategy --theme it serves), a unit (goals/<cycle>/units/UNIT.yaml; --aligns-to a company
goal) or a person (goals/<cycle>/people/PERSON.yaml), creating the file when there is
none. The cycle is --cycle, else for a person the current cycle they take part in, else
the one open cycle whose period holds today. The goal has one key result: from
--indicator (its metric, unit and direction) or from --metric, with the targets the curve
needs (--threshold, --target, --stretch for a stepped curve). Numbers are read as the
files read them (exact decimals). Comments and layout of the file stay. The file is then
checked like `perfcode check` does; if the goal adds a problem, the finding is printed
and the file is left unchanged (exit 1). Goal weights that do not yet sum to 100 are
reported, not refused: add the goals one by one.
"""

WEIGHTS_IN_PROGRESS = ("PC203",)
_POINTS = ("baseline", "threshold", "target", "stretch")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("owner", metavar="OWNER", help="company, a unit id or a person id")
    parser.add_argument("--id", required=True, metavar="ID", help="the goal id (a lower-case slug)")
    parser.add_argument("--title", required=True, metavar="TEXT", help="the goal in one line")
    parser.add_argument("--weight", required=True, metavar="W", help="share of the goals score, in percent")
    parser.add_argument(
        "--aligns-to",
        action="append",
        default=[],
        metavar="REF",
        help="a goal it serves, <owner>/<goal>; repeatable",
    )
    parser.add_argument(
        "--indicator", metavar="REF", help="the position indicator it takes in, <position>/<indicator>"
    )
    parser.add_argument("--local", metavar="REASON", help="a deliberately local goal, and why")
    parser.add_argument("--description", metavar="TEXT", help="longer words on the goal")
    parser.add_argument(
        "--method", choices=("kpi", "okr", "scorecard"), help="the goals component it counts toward"
    )
    parser.add_argument("--perspective", metavar="NAME", help="balanced-scorecard perspective")
    parser.add_argument("--theme", metavar="ID", help="the strategy theme a company goal serves")
    parser.add_argument("--cycle", metavar="ID", help="the cycle (default: the current one; see above)")
    group = parser.add_argument_group("its key result")
    group.add_argument("--kr", metavar="ID", help="the key result id (default: the goal id)")
    group.add_argument("--metric", metavar="TEXT", help="what is measured (default: the indicator's metric)")
    group.add_argument("--unit", metavar="UNIT", help="unit of the values, such as EUR or %%")
    group.add_argument("--direction", choices=("increase", "decrease"), help="which way is better")
    group.add_argument("--curve", metavar="ID", help="a curve of the framework (default: its default curve)")
    for point in _POINTS:
        group.add_argument(f"--{point}", metavar="N", help=f"the key result's {point}")
    today_option(parser, "that decides the current cycle")


@writes
def run(args: argparse.Namespace) -> int:
    root = repo_root(args.root)
    today = args.today or today_arg(None)
    before = check_pending(root, today, {})
    repo = before.repo
    level = owner_level(repo, args.owner)
    cycle = args.cycle or current_cycle(repo, args.owner, level, today)
    if cycle not in repo.cycles and cycle not in repo.sealed:
        raise UsageError(f"unknown cycle '{cycle}'; cycles: {', '.join(sorted(repo.cycles)) or 'none'}")
    if cycle in repo.sealed or repo.cycles[cycle].status == "closed":
        raise UsageError(f"cycle {cycle} is closed: its goals are the record and stay as they are")
    path = goal_path(cycle, args.owner, level)
    existing = (root / path).read_text(encoding="utf-8") if (root / path).exists() else None
    goal = goal_data(_fields(args), _key_result(args, _indicator(repo, args.indicator)))
    outcome = write_checked(
        root, today, {path: new_goal_text(existing, args.owner, goal)}, WEIGHTS_IN_PROGRESS, before=before
    )
    show_findings(outcome.added)
    if outcome.errors:
        sys.stderr.write(f"perfcode new goal: {path} is {'unchanged' if existing else 'not created'}\n")
        return 1
    sys.stdout.write(f"{path}: added goal {args.id}\n")
    return 0


def current_cycle(repo: Repository, owner: str, level: str, today: str) -> str:
    """A person's: the shortest open cycle holding today in which they take part; the
    company's or a unit's: the one open cycle holding today."""
    holding = [c for c in repo.cycles.values() if c.start <= today <= c.end and c.status == "open"]
    if level != "person":
        if len(holding) == 1:
            return holding[0].id
        if not holding:
            raise UsageError(f"no open cycle holds {today}: give --cycle")
        found = ", ".join(sorted(c.id for c in holding))
        raise UsageError(f"cycles {found} hold {today}: choose one with --cycle")
    taking_part = [c for c in holding if any(p.id == owner for p in participants(repo, c))]
    if not taking_part:
        raise UsageError(f"'{owner}' takes part in no open cycle on {today}: give --cycle")
    return min(taking_part, key=lambda c: (c.end, c.id)).id


def _fields(args: argparse.Namespace) -> dict[str, Any]:
    return {
        "id": args.id,
        "title": args.title,
        "description": args.description,
        "weight": parse_value(args.weight),
        "method": args.method,
        "aligns_to": args.aligns_to,
        "indicator": args.indicator,
        "perspective": args.perspective,
        "theme": args.theme,
        "local": {"reason": args.local} if args.local else None,
    }


def _indicator(repo: Repository, ref: str | None) -> Mapping[str, Any]:
    if ref is None:
        return {}
    position, _, ident = ref.partition("/")
    indicators = (repo.files.get(f"org/positions/{position}.yaml") or {}).get("indicators", ())
    return next((i for i in indicators if i["id"] == ident), {})


def _key_result(args: argparse.Namespace, indicator: Mapping[str, Any]) -> dict[str, Any]:
    metric = args.metric or indicator.get("metric")
    if metric is None:
        raise UsageError("give the key result's --metric (or an --indicator of the person's position)")
    points = {p: parse_value(getattr(args, p)) for p in _POINTS if getattr(args, p) is not None}
    return {
        "id": args.kr or args.id,
        "metric": metric,
        "unit": args.unit or indicator.get("unit"),
        "direction": args.direction or indicator.get("direction"),
        "curve": args.curve,
        **points,
        "weight": 100,
    }
