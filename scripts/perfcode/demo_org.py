"""Demo org: a generated, valid company of any size, for trying perfcode at scale.

:func:`generate` is pure: the same people count, seed and day give the same files, byte
for byte (one :class:`random.Random` drives every choice, in a fixed order). It yields
``(path, text)`` pairs lazily, so a company of 100,000 people never sits in memory whole.
:func:`write` puts them, with the template's schemas and site configuration, into a new
folder that appears only when it is complete.

What a demo company holds: the root unit, departments, groups and teams of about eight
(:mod:`perfcode.demo.org`); the example's framework with its four classes; governance
with members from the organisation; the annual cycle 2026 (executives, coaching) enclosing
2026-H1 (closed, with a complete review of every participant) and 2026-H2 (coaching, with
check-ins up to ``today``). History: about one person in fifty moved to another team of
their department on 1 September (a dated ``history`` entry keeps where they were for
2026-H1), and about one in a hundred left on 31 October (``left``), none of them holding
a role.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

import perfcode
from perfcode import emit
from perfcode.demo import goals, orgfiles
from perfcode.demo.catalogue import POSITIONS
from perfcode.demo.framework import FRAMEWORK, HALF_CLASSES
from perfcode.demo.org import Org, Unit, plan, target_ratings
from perfcode.demo.reviews import CYCLE, person_data, review
from perfcode.errors import UsageError
from perfcode.load import Document, parse
from perfcode.scoring.scheme import Scheme, scheme

FIRST_DAY = "2026-08-15"
LAST_DAY = "2026-12-04"
"""The days a demo company can be made for: H1 closed and H2 in coaching."""

_WANTED = {1: 0.3, 2: 0.83, 3: 1.0, 4: 1.15, 5: 1.35}
"""The goals score each rating aims at: inside the rating's band for every class, with the
competency and 360 ratings the reviews give (see perfcode.demo.reviews)."""


def generate(people: int, seed: int, today: str) -> Iterator[tuple[str, str]]:
    """Every data file of the demo company, as (repository-relative path, YAML text)."""
    rng = random.Random(seed)
    org = plan(people, rng)
    ratings = target_ratings(org, rng)
    yield from _org_files(org)
    yield "goals/2026/company.yaml", emit.dump(goals.company_goals(today, rng))
    for person in org.people:
        if person.cls == "executive":
            yield f"goals/2026/people/{person.id}.yaml", emit.dump(goals.executive_goals(person, today, rng))
    for unit in org.units[1:]:
        for cycle, dates, closed in ((CYCLE, _h1(rng), True), ("2026-H2", _h2(rng, today), False)):
            data = goals.unit_goals(org, unit, dates, closed, rng)
            yield f"goals/{cycle}/units/{unit.id}.yaml", emit.dump(data)
    yield from _people_files(org, ratings, today, rng)


def _org_files(org: Org) -> Iterator[tuple[str, str]]:
    yield "org/company.yaml", emit.dump(orgfiles.company(org))
    yield "org/framework.yaml", FRAMEWORK
    yield "org/governance.yaml", emit.dump(orgfiles.governance(org))
    for unit in org.units:
        yield f"org/units/{unit.id}.yaml", emit.dump(orgfiles.unit(unit))
    moves = _moves(org)
    for person in org.people:
        yield f"org/people/{person.id}.yaml", emit.dump({**person_data(person), **moves.get(person.id, {})})
    for position in POSITIONS.values():
        yield f"org/positions/{position.id}.yaml", emit.dump(orgfiles.position(position))
    for cycle in ("2026", "2026-H1", "2026-H2"):
        yield f"goals/{cycle}/cycle.yaml", emit.dump(orgfiles.cycle(cycle))


MOVED_ON, LAST_DAY_OF_LEAVERS = "2026-09-01", "2026-10-31"


def _moves(org: Org) -> dict[str, dict[str, object]]:
    """The person-file keys of the demo's movers and leavers: people without a role (no
    reports, no unit to head, no seat on a governance body), chosen by position in the list
    so the same company always gets the same ones."""
    governance = orgfiles.governance(org)
    seats = {governance["committee"]["chair"], *governance["committee"]["members"]}
    seats |= {governance["support_group"]["lead"], *governance["support_group"]["members"]}
    for group in governance["promotion_groups"]:
        seats |= {group.get("lead"), *group.get("members", ())}
    held = seats | {u.head for u in org.units} | set(org.reports)
    free = [p for p in org.people if p.cls in HALF_CLASSES and p.id not in held]
    classes = {p.id: p.cls for p in org.people}
    teams = {u.id: u for u in org.units if u.head in org.reports and classes.get(u.head) == "manager"}
    found: dict[str, dict[str, object]] = {}
    for i, person in enumerate(free):
        if i % 50 == 7 and (target := _other_team(org, teams, person.unit)) is not None:
            found[person.id] = {
                "unit": target.id,
                "manager": target.head,
                "history": [
                    emit.Flow(
                        until="2026-08-31", unit=person.unit, manager=person.manager, note="Moved teams"
                    )
                ],
            }
        elif i % 100 == 31:
            found[person.id] = {"left": LAST_DAY_OF_LEAVERS}
    return found


def _other_team(org: Org, teams: dict[str, Unit], unit: str) -> Unit | None:
    """A team of the same department (one whose head manages people), other than ``unit``."""
    department = org.unit(unit).department
    return next(
        (u for u in teams.values() if u.id != unit and u.department == department and u.department), None
    )


def _people_files(
    org: Org, ratings: dict[str, int], today: str, rng: random.Random
) -> Iterator[tuple[str, str]]:
    rules = _scheme()
    calibrated = 0
    for person in org.people:
        if person.cls not in HALF_CLASSES:
            continue
        rating = ratings[person.id]
        h1 = goals.person_goals(org, person, _WANTED[rating], _h1(rng), True, rng)
        data, changed = review(org, person, rating, h1, rules, today, rng)
        calibrated += changed
        h2 = goals.person_goals(org, person, rng.uniform(0.7, 1.25), _h2(rng, today), False, rng)
        yield f"goals/{CYCLE}/people/{person.id}.yaml", emit.dump(h1)
        yield f"reviews/{CYCLE}/{person.id}.yaml", emit.dump(data)
        yield f"goals/2026-H2/people/{person.id}.yaml", emit.dump(h2)
    yield f"reviews/{CYCLE}/calibration.yaml", emit.dump(orgfiles.calibration(org, calibrated, len(ratings)))


def _h1(rng: random.Random) -> list[str]:
    return goals.months(2, 6, rng.randint(5, 28), "2026-06-30")


def _h2(rng: random.Random, today: str) -> list[str]:
    return goals.months(8, 11, rng.randint(5, 28), today)


def _scheme() -> Scheme:
    document = parse("org/framework.yaml", FRAMEWORK)
    assert isinstance(document, Document)
    return scheme(document.data)


def check_destination(dest: Path) -> None:
    """DIR must be new or an empty folder: a demo never mixes with other files."""
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise UsageError(f"{dest} exists and is not an empty folder; choose a new folder")


def template_root() -> Path:
    """The repository the running perfcode belongs to, whose schemas a demo company uses."""
    root = Path(perfcode.__file__).resolve().parents[2]
    if not (root / "schemas").is_dir():
        raise UsageError(f"perfcode runs from {root}, which has no schemas/ folder to copy")
    return root


def write(files: Iterable[tuple[str, str]], dest: Path, template: Path) -> int:
    """Write the files and the template's schemas/, mkdocs.yml and docs/ into ``dest``.

    Everything goes into a temporary folder beside ``dest`` that is renamed to ``dest``
    at the end, so ``dest`` is either complete or absent. Returns the number of data files.
    """
    check_destination(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", dir=dest.parent))
    try:
        count = _write_files(files, staging)
        _copy_template(template, staging)
        staging.chmod(0o777 & ~_umask())
        if dest.exists():
            dest.rmdir()
        staging.rename(dest)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return count


def _write_files(files: Iterable[tuple[str, str]], root: Path) -> int:
    folders: set[Path] = set()
    count = 0
    for rel, text in files:
        path = root / rel
        if path.parent not in folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            folders.add(path.parent)
        path.write_text(text, encoding="utf-8")
        count += 1
    return count


def _copy_template(template: Path, root: Path) -> None:
    shutil.copytree(template / "schemas", root / "schemas")
    if (template / ".gitignore").is_file():
        shutil.copy2(template / ".gitignore", root / ".gitignore")
    if (template / "docs").is_dir():
        shutil.copytree(template / "docs", root / "docs", ignore=shutil.ignore_patterns("__pycache__"))
    mkdocs = template / "mkdocs.yml"
    if mkdocs.is_file():
        shutil.copy2(mkdocs, root / "mkdocs.yml")
        # mkdocs.yml names its hooks by path; they import the installed perfcode package.
        for hook in re.findall(r"(?m)^\s+-\s+(scripts/\S+\.py)\s*$", mkdocs.read_text(encoding="utf-8")):
            if (template / hook).is_file():
                (root / hook).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(template / hook, root / hook)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
