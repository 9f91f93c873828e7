"""``perfcode nominate PERSON PEER...``: ask colleagues for a peer assessment."""

from __future__ import annotations

import argparse
import sys

from perfcode.commands.common import known_person, repo_root, today_arg, writes
from perfcode.commands.subcommands import show_findings, today_option
from perfcode.errors import UsageError
from perfcode.process import reviews, scaffold
from perfcode.process.guard import check_pending, write_checked
from perfcode.rules.cycles import judged_on
from perfcode.tracking import required_evaluators

HELP = "nominate the peers who assess a person (or withdraw a nomination)"
DESCRIPTION = """\
Add a peer nomination, {reviewer: PEER, relationship: peer}, to PERSON's review of --cycle
(default: the open cycle PERSON takes part in now) for each PEER, and with --withdraw
remove the nomination of a peer who has not started their assessment. The peer then
writes their assessment in that entry. A review that does not exist yet is created as the
scaffold `perfcode cycle open` writes (self and manager), with the peers named here
instead of those it would choose from the person's team. A peer is someone else who is
neither the person's manager nor in their management line (PC401). Nominations are made by
the employee, their manager or HR (the pull-request policy). The review is then checked
like `perfcode check` does; if the change adds a problem, it is printed and nothing is
written (exit 1).
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("person", metavar="PERSON", help="the person to be assessed")
    parser.add_argument("peers", nargs="*", metavar="PEER", help="a colleague to ask for an assessment")
    parser.add_argument(
        "--withdraw", action="append", default=[], metavar="PEER", help="withdraw a nomination; repeatable"
    )
    parser.add_argument("--cycle", metavar="ID", help="the cycle (default: the one PERSON takes part in now)")
    today_option(parser, "that decides the current cycle")


@writes
def run(args: argparse.Namespace) -> int:
    if not args.peers and not args.withdraw:
        raise UsageError("name a PEER to nominate, or --withdraw PEER")
    root = repo_root(args.root)
    today = args.today or today_arg(None)
    before = check_pending(root, today, {})
    repo = before.repo
    person = known_person(repo, args.person)
    for peer in [*args.peers, *args.withdraw]:
        known_person(repo, peer, "peer")
    cycle = reviews.review_cycle(repo, person.id, args.cycle, today)
    path = f"reviews/{cycle.id}/{person.id}.yaml"
    review = next((r for r in repo.reviews if r.cycle == cycle.id and r.person == person.id), None)
    asked = reviews.nominated_peers(review)
    add = [p for p in dict.fromkeys(args.peers) if p not in asked]
    if (root / path).exists():
        text = reviews.nominated_text((root / path).read_text(encoding="utf-8"), add, args.withdraw)
    else:
        if args.withdraw:
            raise UsageError(f"{path} does not exist: there is no nomination to withdraw")
        then = person.on(judged_on(cycle))
        evaluators = required_evaluators(repo, then)
        end = cycle.phases["evaluation"][1]
        text = scaffold.review_text(cycle.id, then, evaluators, end, add, "perfcode nominate")
    if not add and not args.withdraw:
        sys.stdout.write(f"{path}: {', '.join(args.peers)} nominated already\n")
        return 0
    outcome = write_checked(root, today, {path: text}, before=before)
    show_findings(outcome.added)
    if outcome.errors:
        sys.stderr.write(f"perfcode nominate: {path} is unchanged\n")
        return 1
    said = [f"nominated {', '.join(add)}"] if add else []
    said += [f"withdrew {', '.join(args.withdraw)}"] if args.withdraw else []
    sys.stdout.write(f"{path}: {'; '.join(said)}\n")
    return 0
