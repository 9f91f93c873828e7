"""Cycle rules (PC3xx): phases, enclosing cycles, check-in dates, who takes part."""

from __future__ import annotations

from collections.abc import Iterator

from perfcode.findings import Finding
from perfcode.model import PHASES, Cycle, Person, Repository, Where, cycle_of
from perfcode.rules import Context, rule
from perfcode.rules.common import add_days, days_between, finding, unknown
from perfcode.rules.organisation import class_ids
from perfcode.rules.tallies import tallies


def judged_on(cycle: Cycle) -> str:
    """The day that says what a person is judged as in a cycle (unit, manager, position,
    class): the first day of its evaluation."""
    return cycle.phases["evaluation"][0]


def min_days(repo: Repository) -> int:
    """How long before a cycle's end a person must have joined to be rated in it."""
    participation = (repo.framework or {}).get("participation") or {}
    return int(participation.get("min_days", 0))


def takes_part(person: Person, cycle: Cycle, minimum: int = 0) -> bool:
    """Whether a person takes part in a cycle: of its classes during its evaluation, not
    excluded, joined at least ``minimum`` days before its end and not gone before its
    evaluation ends."""
    if person.id in cycle.exclude:
        return False
    if person.since is not None and (
        person.since > cycle.end or days_between(person.since, cycle.end) < minimum
    ):
        return False
    if person.left is not None and person.left < cycle.phases["evaluation"][1]:
        return False
    return cycle.classes is None or person.on(judged_on(cycle)).cls in cycle.classes


def participants(repo: Repository, cycle: Cycle) -> list[Person]:
    """The people who take part in a cycle, as they were during its evaluation."""
    minimum, day = min_days(repo), judged_on(cycle)
    return [p.on(day) for p in repo.people.values() if takes_part(p, cycle, minimum)]


@rule(
    "PC301",
    "cycle-phases",
    "A cycle's period or phases are out of order.",
    """
    A cycle's period starts before it ends; its phases (planning, coaching, evaluation,
    calibration, results) each start no later than they end, follow each other without
    overlapping, and planning starts no earlier than the period.
    """,
)
def cycle_phases(ctx: Context) -> Iterator[Finding]:
    for cycle in ctx.repo.cycles.values():
        if cycle.start > cycle.end:
            yield finding(
                cycle.where / "period",
                "PC301",
                f"cycle {cycle.id} ends ({cycle.end}) before it starts ({cycle.start})",
                "swap or correct the dates",
            )
        previous_name, previous_end = "before the period starts", cycle.start
        for name in PHASES:
            start, end = cycle.phases[name]
            if start > end:
                yield finding(
                    cycle.where / ("phases", name),
                    "PC301",
                    f"phase {name} of {cycle.id} ends ({end}) before it starts ({start})",
                    "correct the dates",
                )
            elif start < previous_end or (start == previous_end and name != "planning"):
                yield finding(
                    cycle.where / ("phases", name, "start"),
                    "PC301",
                    f"phase {name} of {cycle.id} starts {start}, {previous_name} ({previous_end})",
                    "phases follow each other in order without overlapping",
                )
            previous_name, previous_end = f"not after phase {name} ends", end


@rule(
    "PC302",
    "cycle-nesting",
    "A cycle's enclosing cycle is unknown, or does not contain it.",
    """
    A cycle may name an enclosing cycle (parent), as a half year names its year; the
    enclosing cycle must exist and its period must contain the cycle's period. Goal and
    review folders must belong to a cycle with a cycle.yaml, and a cycle's classes must be
    classes of the framework.
    """,
)
def cycle_nesting(ctx: Context) -> Iterator[Finding]:
    repo = ctx.repo
    for cycle in repo.cycles.values():
        if cycle.parent is not None:
            parent = repo.cycles.get(cycle.parent)
            if parent is None:
                if not repo.is_broken("cycle", cycle.parent):
                    yield finding(
                        cycle.where / "parent",
                        "PC302",
                        f"enclosing cycle '{cycle.parent}' does not exist",
                        f"add goals/{cycle.parent}/cycle.yaml or remove parent",
                    )
            elif not (parent.start <= cycle.start and cycle.end <= parent.end):
                yield finding(
                    cycle.where / "period",
                    "PC302",
                    f"period {cycle.start}..{cycle.end} lies outside enclosing cycle {parent.id} ({parent.start}..{parent.end})",
                    "keep the period inside the enclosing cycle's",
                )
        if repo.framework:
            for i, cls in enumerate(cycle.classes or ()):
                if f := unknown(
                    repo, cycle.where / ("classes", i), "class", cls, class_ids(repo), code="PC302"
                ):
                    yield f
    yield from _orphans(repo)


def _orphans(repo: Repository) -> Iterator[Finding]:
    paths = [f.where.path for f in repo.goal_files] + [r.where.path for r in repo.reviews]
    paths += [f"reviews/{c}/calibration.yaml" for c in repo.calibrations]
    for path in sorted(paths):
        cycle = cycle_of(path)
        if cycle not in repo.cycles and not repo.is_broken("cycle", cycle):
            yield finding(
                Where(path),
                "PC302",
                f"cycle '{cycle}' has no goals/{cycle}/cycle.yaml",
                "add the cycle file or move this file into an existing cycle",
            )


@rule(
    "PC303",
    "check-in-dates",
    "A check-in is dated outside its cycle or in the future.",
    """
    Check-ins record progress during the cycle: from the start of its period to the end of
    its evaluation phase, and never after today (--today, by default the system date).
    """,
)
def check_in_dates(ctx: Context) -> Iterator[Finding]:
    repo = ctx.repo
    # The check-ins of a cycle are looked at only when its earliest or latest is out of bounds.
    outside = {
        ident
        for ident, dates in tallies(repo).check_in_dates.items()
        if ident in repo.cycles and dates and not _within(repo.cycles[ident], dates, ctx.today)
    }
    for goals in repo.goal_files:
        if goals.cycle not in outside:
            continue
        cycle = repo.cycles[goals.cycle]
        last = max(cycle.end, cycle.phases["evaluation"][1])
        for goal in goals.goals:
            for kr in goal.key_results:
                for check_in in kr.check_ins:
                    if not cycle.start <= check_in.date <= last:
                        yield finding(
                            check_in.where / "date",
                            "PC303",
                            f"check-in of '{goal.id}/{kr.id}' on {check_in.date} is outside cycle {cycle.id} ({cycle.start}..{last})",
                            "date the check-in inside the cycle",
                        )
                    elif check_in.date > ctx.today:
                        yield finding(
                            check_in.where / "date",
                            "PC303",
                            f"check-in of '{goal.id}/{kr.id}' is dated {check_in.date}, after today ({ctx.today})",
                            "a check-in records progress already made: date it today or earlier",
                        )


def _within(cycle: Cycle, dates: set[str], today: str) -> bool:
    last = max(cycle.end, cycle.phases["evaluation"][1])
    return cycle.start <= min(dates) and max(dates) <= min(last, today)


def goals_due(cycle: Cycle, person: Person) -> str:
    """The last day a participant may plan their goals: the end of planning, or for someone
    who joined since, as many days after their first day as planning lasts."""
    start, end = cycle.phases["planning"]
    if person.since is None or person.since <= start:
        return end
    return max(end, add_days(person.since, days_between(start, end)))


@rule(
    "PC304",
    "missing-goal-file",
    "Planning has closed but a participant has no goal file.",
    """
    Once a cycle's planning phase has ended, every person who takes part in the cycle (of
    its classes, not excluded) has a goal file goals/<cycle>/people/<person>.yaml. Someone
    who joins during the cycle gets a planning window as long as the cycle's from their
    first day (`since`); someone who joins too late to be rated is not asked at all (the
    framework's participation.min_days). People on leave are listed under exclude.
    """,
)
def missing_goal_file(ctx: Context) -> Iterator[Finding]:
    repo = ctx.repo
    # Goal files belong to the cycle's folder, whatever its id says (PC102 reports that).
    for folder, cycle in repo.cycles.items():
        if ctx.today <= cycle.phases["planning"][1]:
            continue
        missing = [
            p
            for p in participants(repo, cycle)
            if repo.goals_of(folder, p.id) is None
            and not repo.is_broken("goals", p.id)
            and ctx.today > goals_due(cycle, p)
        ]
        for person in sorted(missing, key=lambda p: p.id):
            yield finding(
                cycle.where / "phases" / "planning",
                "PC304",
                f"'{person.id}' takes part in {folder} but has no goals/{folder}/people/{person.id}.yaml",
                f"add the goal file, or list '{person.id}' under exclude",
            )


@rule(
    "PC305",
    "non-participant",
    "A goal, review or coaching file belongs to someone who does not take part in the cycle.",
    """
    Personal goal files, review files and coaching records exist only for the cycle's
    participants: people of the cycle's classes who are not excluded. An executive on an
    annual cycle has no goals in the half-year cycles, for example.
    """,
    severity="warning",
)
def non_participant(ctx: Context) -> Iterator[Finding]:
    repo = ctx.repo
    owners = [(g.cycle, g.owner, g.where) for g in repo.goal_files if g.level == "person"]
    owners += [(r.cycle, r.person, r.where) for r in repo.reviews]
    owners += [(c.cycle, c.person, c.where) for c in repo.coaching]
    for cycle_id, owner, where in owners:
        cycle, person = repo.cycles.get(cycle_id), repo.people.get(owner)
        if cycle is None or person is None:
            continue
        # A leaver's files of the cycle stay as history; they are simply not rated.
        if not takes_part(person, cycle, min_days(repo)) and person.left is None:
            yield finding(
                where,
                "PC305",
                f"'{owner}' does not take part in {cycle_id}",
                _why_not(repo, person, cycle),
                "warning",
            )


def _why_not(repo: Repository, person: Person, cycle: Cycle) -> str:
    """The hint of PC305: what keeps the person out of the cycle."""
    if person.since is not None and (
        person.since > cycle.end or days_between(person.since, cycle.end) < min_days(repo)
    ):
        return (
            f"they joined on {person.since}, fewer than {min_days(repo)} days before the cycle ends "
            "(the framework's participation.min_days): remove the file"
        )
    return "add their class to the cycle's classes, or remove them from exclude"
