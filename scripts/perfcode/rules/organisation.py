"""Organisation and governance rules (PC1xx): people, units, positions, bodies."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from perfcode.findings import Finding
from perfcode.model import Person, Position, Repository, Unit, Where, cycle_of, stem
from perfcode.rules import Context, rule
from perfcode.rules.common import finding, unknown


def class_ids(repo: Repository) -> set[str]:
    framework = repo.framework or {}
    return {c["id"] for c in framework.get("classes", ())}


def body_ids(repo: Repository) -> set[str]:
    governance = repo.governance or {}
    bodies = [governance.get("committee"), governance.get("support_group")]
    bodies += governance.get("promotion_groups", [])
    return {b["id"] for b in bodies if b}


@rule(
    "PC101",
    "unknown-reference",
    "A reference names a person, unit, position, class or body that does not exist.",
    """
    Every id a file mentions must exist: a person's manager, proxy, unit, position and
    class; a unit's parent and head; the members of governance bodies; reviewers and coaches;
    the owners of goal files; a report's promotion group and the owners of its problems. The
    hint suggests the closest existing id. References into a file that itself
    failed to load are not reported again.
    """,
)
def unknown_references(ctx: Context) -> Iterator[Finding]:
    repo = ctx.repo
    people, units, positions = repo.people, repo.units, repo.positions
    classes = class_ids(repo) if repo.framework else None
    for person in people.values():
        if (
            (person.manager is None or person.manager in people)
            and (person.proxy is None or person.proxy in people)
            and person.unit in units
            and person.position in positions
            and (classes is None or person.cls in classes)
        ):
            continue
        yield from _refs(
            repo,
            person.where,
            [
                ("manager", "person", person.manager, people),
                ("proxy", "person", person.proxy, people),
                ("unit", "unit", person.unit, units),
                ("position", "position", person.position, positions),
            ],
        )
        if classes is not None and (f := unknown(repo, person.where / "class", "class", person.cls, classes)):
            yield f
    for unit in repo.units.values():
        yield from _refs(
            repo,
            unit.where,
            [
                ("parent", "unit", unit.parent, repo.units),
                ("head", "person", unit.head, repo.people),
            ],
        )
    for position in repo.positions.values():
        if (
            classes is not None
            and position.cls
            and (f := unknown(repo, position.where / "class", "class", position.cls, classes))
        ):
            yield f
    yield from _governance_refs(repo)
    yield from _owner_refs(repo)
    if repo.company and (
        f := unknown(
            repo,
            Where("org/company.yaml", ("president",)),
            "person",
            repo.company["president"],
            repo.people,
            "person",
        )
    ):
        yield f


def _owner_refs(repo: Repository) -> Iterator[Finding]:
    for goals in repo.goal_files:
        if goals.level != "company":
            known: Mapping[str, Any] = repo.units if goals.level == "unit" else repo.people
            if goals.owner not in known and (
                f := unknown(repo, goals.where / "owner", goals.level, goals.owner, known, goals.level)
            ):
                yield f
    files = [(r.person, r.where) for r in repo.reviews] + [(c.person, c.where) for c in repo.coaching]
    for person, where in files:
        if person not in repo.people and (
            f := unknown(repo, where / "person", "person", person, repo.people, "person")
        ):
            yield f
    yield from _report_refs(repo)


def _report_refs(repo: Repository) -> Iterator[Finding]:
    """A report's group is a promotion group; a problem's owner is a person."""
    groups = {str(g["id"]) for g in (repo.governance or {}).get("promotion_groups", ())}
    for report in repo.reports:
        if repo.governance is not None and (
            f := unknown(repo, report.where / "group", "promotion group", report.group, groups)
        ):
            yield f
        for problem in report.problems:
            if f := unknown(repo, problem.where / "owner", "person", problem.owner, repo.people, "person"):
                yield f


def _refs(
    repo: Repository, where: Where, refs: list[tuple[str, str, Any, Mapping[str, Any]]]
) -> Iterator[Finding]:
    for key, kind, value, known in refs:
        if value is not None and (f := unknown(repo, where / key, kind, value, known, kind)):
            yield f


def _governance_refs(repo: Repository) -> Iterator[Finding]:
    governance = repo.governance
    if not governance:
        return
    where = Where("org/governance.yaml")
    bodies: list[tuple[tuple[str | int, ...], Mapping[str, Any]]] = [
        (("committee",), governance["committee"])
    ]
    bodies += [(("promotion_groups", i), g) for i, g in enumerate(governance.get("promotion_groups", ()))]
    bodies.append((("support_group",), governance["support_group"]))
    for pointer, body in bodies:
        for key in ("chair", "lead"):
            if key in body and (
                f := unknown(repo, where / (*pointer, key), "person", body[key], repo.people, "person")
            ):
                yield f
        for i, member in enumerate(body.get("members", ())):
            if f := unknown(repo, where / (*pointer, "members", i), "person", member, repo.people, "person"):
                yield f
        if "unit" in body and (
            f := unknown(repo, where / (*pointer, "unit"), "unit", body["unit"], repo.units, "unit")
        ):
            yield f
    appeals = (repo.framework or {}).get("appeals")
    if appeals and (
        f := unknown(
            repo,
            Where("org/framework.yaml", ("appeals", "handled_by")),
            "governance body",
            appeals["handled_by"],
            body_ids(repo),
        )
    ):
        yield f


@rule(
    "PC102",
    "id-matches-file",
    "An entity's id differs from its file name.",
    """
    Each person, unit and position lives in a file named after its id
    (org/people/ada-lovelace.yaml has id: ada-lovelace), and each goal, review or coaching
    file names its owner or person the same way, and a promotion group's report its group;
    a cycle, review, coaching, calibration or report file names the cycle of its folder.
    That keeps paths predictable for CODEOWNERS, links and reviewers. Rename the file or
    correct the id.
    """,
)
def id_matches_file(ctx: Context) -> Iterator[Finding]:
    repo = ctx.repo
    entities: list[Person | Unit | Position] = [
        *repo.people.values(),
        *repo.units.values(),
        *repo.positions.values(),
    ]
    for entity in entities:
        if entity.id != stem(entity.where.path):
            yield _mismatch(entity.where / "id", "id", entity.id, stem(entity.where.path))
    for goals in repo.goal_files:
        expected = "company" if goals.level == "company" else stem(goals.where.path)
        if goals.owner != expected:
            yield _mismatch(goals.where / "owner", "owner", goals.owner, expected)
    for review in repo.reviews:
        if review.person != stem(review.where.path):
            yield _mismatch(review.where / "person", "person", review.person, stem(review.where.path))
        if review.cycle != cycle_of(review.where.path):
            yield _mismatch(review.where / "cycle", "cycle", review.cycle, cycle_of(review.where.path))
    for record in repo.coaching:
        if record.person != stem(record.where.path):
            yield _mismatch(record.where / "person", "person", record.person, stem(record.where.path))
        if record.cycle != cycle_of(record.where.path):
            yield _mismatch(record.where / "cycle", "cycle", record.cycle, cycle_of(record.where.path))
    for report in repo.reports:
        if report.group != stem(report.where.path):
            yield _mismatch(report.where / "group", "group", report.group, stem(report.where.path))
        if report.cycle != report.where.path.split("/")[2]:
            yield _mismatch(report.where / "cycle", "cycle", report.cycle, report.where.path.split("/")[2])
    for folder, calibration in repo.calibrations.items():
        if calibration["cycle"] != folder:
            where = Where(f"reviews/{folder}/calibration.yaml", ("cycle",))
            yield _mismatch(where, "cycle", calibration["cycle"], folder)
    for cycle_id, cycle in repo.cycles.items():
        if cycle.id != cycle_id:
            yield _mismatch(cycle.where / "id", "id", cycle.id, cycle_id)


def _mismatch(where: Where, key: str, value: str, expected: str) -> Finding:
    return finding(
        where,
        "PC102",
        f"{key} '{value}' does not match the file's place ('{expected}')",
        f"set {key}: {expected} or rename the file to match",
    )


@rule(
    "PC103",
    "manager-chain",
    "The manager chain has a loop or more than one top.",
    """
    Following manager links from anyone must reach the one person without a manager (the
    president) without passing anyone twice. A loop would make approvals route in circles.
    """,
)
def manager_chain(ctx: Context) -> Iterator[Finding]:
    people = ctx.repo.people
    president = (ctx.repo.company or {}).get("president")
    # The president is the legitimate top, so the others are the ones reported.
    tops = sorted(
        (p.id for p in people.values() if p.manager is None and (p.left is None or p.left >= ctx.today)),
        key=lambda i: (i != president, i),
    )
    if len(tops) > 1:
        for ident in tops[1:]:
            yield finding(
                people[ident].where / "manager",
                "PC103",
                f"'{ident}' has no manager, like '{tops[0]}': the organisation has {len(tops)} tops",
                "give every person but the president a manager",
            )
    reported: set[str] = set()
    managers = {p.id: p.manager for p in people.values()}
    for person in sorted(people.values(), key=lambda p: p.id):
        loop = _loop(person.id, managers)
        if loop and not reported & set(loop):
            reported.update(loop)
            yield finding(
                people[loop[0]].where / "manager",
                "PC103",
                f"the manager chain loops: {' -> '.join([*loop, loop[0]])}",
                "change one manager so the chain ends at the president",
            )


def _loop(start: str, parent: Mapping[str, str | None]) -> list[str] | None:
    """The loop reached from ``start`` by following ``parent``, from its smallest id."""
    seen: list[str] = []
    current: str | None = start
    while current is not None and current in parent:
        if current in seen:
            loop = seen[seen.index(current) :]
            first = loop.index(min(loop))
            return loop[first:] + loop[:first]
        seen.append(current)
        current = parent[current]
    return None


@rule(
    "PC104",
    "unit-tree",
    "The unit tree has a loop or not exactly one root.",
    """
    Units form one tree: exactly one root unit (parent: null), and following parents from
    any unit reaches it without a loop.
    """,
)
def unit_tree(ctx: Context) -> Iterator[Finding]:
    units = ctx.repo.units
    if not units:
        return
    roots = sorted(u.id for u in units.values() if u.parent is None)
    # With a unit file broken, the root may well be that unit.
    if not roots and not any(kind == "unit" for kind, _ in ctx.repo.broken):
        first = min(units)
        yield finding(
            units[first].where / "parent",
            "PC104",
            "no unit is the root (parent: null)",
            "set parent: null on the top unit",
        )
    for ident in roots[1:]:
        yield finding(
            units[ident].where / "parent",
            "PC104",
            f"'{ident}' is a second root unit besides '{roots[0]}'",
            f"give '{ident}' a parent unit",
        )
    reported: set[str] = set()
    parents = {u.id: u.parent for u in units.values()}
    for ident in sorted(units):
        loop = _loop(ident, parents)
        if loop and not reported & set(loop):
            reported.update(loop)
            yield finding(
                units[loop[0]].where / "parent",
                "PC104",
                f"the unit tree loops: {' -> '.join([*loop, loop[0]])}",
                "change one parent so the chain ends at the root unit",
            )


def descendants(repo: Repository, unit: str) -> set[str]:
    """A unit and every unit below it."""
    return {ident for ident in repo.units if repo.within(ident, unit)} | {unit}


@rule(
    "PC105",
    "unit-head-member",
    "A unit's head is not a member of the unit or of a unit below it.",
    """
    The head of a unit approves its goals and routes its reviews; they must belong to the
    unit itself or to one of its sub-units.
    """,
)
def unit_head_member(ctx: Context) -> Iterator[Finding]:
    repo = ctx.repo
    for unit in repo.units.values():
        head = repo.people.get(unit.head)
        if head is not None and not repo.within(head.unit, unit.id):
            yield finding(
                unit.where / "head",
                "PC105",
                f"head '{head.id}' belongs to unit '{head.unit}', outside '{unit.id}'",
                f"choose a member of '{unit.id}' or move '{head.id}' into it",
            )


@rule(
    "PC106",
    "governance-composition",
    "A governance body is not composed as the framework requires.",
    """
    The performance committee is chaired by the president and each promotion group serves a
    department (a unit directly under the root). A department without a group is PC111.
    """,
)
def governance_composition(ctx: Context) -> Iterator[Finding]:
    repo = ctx.repo
    if not repo.governance or not repo.company:
        return
    where = Where("org/governance.yaml")
    president = repo.company["president"]
    committee = repo.governance["committee"]
    if committee["chair"] != president and president in repo.people:
        yield finding(
            where / ("committee", "chair"),
            "PC106",
            f"the committee is chaired by '{committee['chair']}', not the president '{president}'",
            f"set chair: {president}",
        )
    departments = departments_of(repo)
    for i, group in enumerate(repo.governance.get("promotion_groups", ())):
        unit = repo.units.get(group["unit"])
        # A unit whose parent is unknown or broken cannot be placed (PC101 reports an unknown one).
        if (
            unit is not None
            and unit.id not in departments
            and (unit.parent is None or unit.parent in repo.units)
        ):
            yield finding(
                where / ("promotion_groups", i, "unit"),
                "PC106",
                f"promotion group '{group['id']}' serves '{group['unit']}', which is not a department",
                "promotion groups serve the units directly under the root unit",
            )


def departments_of(repo: Repository) -> set[str]:
    """The departments: the units directly under the root unit."""
    return {
        u.id
        for u in repo.units.values()
        if u.parent is not None
        and repo.units.get(u.parent) is not None
        and repo.units[u.parent].parent is None
    }


@rule(
    "PC111",
    "promotion-group-missing",
    "A department has no promotion group.",
    """
    Each department (a unit directly under the root unit) has a promotion group that runs
    the cycle in it and proposes promotions. Without one the committee does that work
    alone: nothing is scored or decided wrongly, so this is a warning. `perfcode import
    people` gives each department it creates a group led by its head.
    """,
    severity="warning",
)
def promotion_group_missing(ctx: Context) -> Iterator[Finding]:
    repo = ctx.repo
    if not repo.governance or not repo.company:
        return
    served = {g.get("unit") for g in repo.governance.get("promotion_groups", ())}
    for dept in sorted(departments_of(repo) - served):
        yield finding(
            Where("org/governance.yaml") / "promotion_groups",
            "PC111",
            f"department '{dept}' has no promotion group",
            f"add a promotion group with unit: {dept}",
            "warning",
        )


@rule(
    "PC107",
    "unique-handles",
    "Two people share an email address or GitHub handle.",
    """
    Email addresses identify the local actor and GitHub handles route approvals through
    CODEOWNERS; both must be unique (GitHub handles are compared without case).
    """,
)
def unique_handles(ctx: Context) -> Iterator[Finding]:
    for key in ("email", "github"):
        owners: dict[str, str] = {}
        for person in sorted(ctx.repo.people.values(), key=lambda p: p.id):
            written = str(getattr(person, key) or "")
            value = written.lower()
            if value and value in owners:
                yield finding(
                    person.where / key,
                    "PC107",
                    f"{key} '{written}' is also used by '{owners[value]}'",
                    f"give '{person.id}' their own {key}",
                )
            owners.setdefault(value, person.id)


@rule(
    "PC108",
    "position-class",
    "A person's class differs from their position's class.",
    """
    A position declares the employee class of its incumbents, which decides their
    assessment scheme. A person in that position with another class is usually a mistake.
    """,
    severity="warning",
)
def position_class(ctx: Context) -> Iterator[Finding]:
    for person in ctx.repo.people.values():
        position = ctx.repo.positions.get(person.position)
        if position and position.cls and position.cls != person.cls:
            yield finding(
                person.where / "class",
                "PC108",
                f"class '{person.cls}' differs from position '{position.id}' class '{position.cls}'",
                f"set class: {position.cls} or choose another position",
                "warning",
            )


@rule(
    "PC110",
    "leaver-in-role",
    "Someone who has left still manages people, acts as a proxy, heads a unit or sits on a governance body.",
    """
    A leaver is marked with `left` and kept, so that closed cycles and the history stay
    valid; but after their last day they manage nobody, act for nobody (proxy), head no
    unit, are not the president and sit on no committee or group. Give the role to someone present (an HRIS
    import moves the reports to their new manager).
    """,
)
def leaver_in_role(ctx: Context) -> Iterator[Finding]:
    people = ctx.repo.people
    gone = {i for i, p in people.items() if p.left is not None and p.left < ctx.today}
    if not gone:
        return
    for where, role, holder in _roles(ctx.repo):
        if holder in gone:
            yield finding(
                where,
                "PC110",
                f"'{holder}' left on {people[holder].left} and is still {role}",
                "give the role to someone who is present",
            )


def _roles(repo: Repository) -> Iterator[tuple[Where, str, str]]:
    """(where, role, person) of every role the organisation names."""
    for person in sorted(repo.people.values(), key=lambda p: p.id):
        if person.manager and person.left is None:
            yield person.where / "manager", f"the manager of '{person.id}'", person.manager
        if person.proxy and person.left is None:
            yield person.where / "proxy", f"the proxy of '{person.id}'", person.proxy
    for unit in sorted(repo.units.values(), key=lambda u: u.id):
        yield unit.where / "head", f"the head of '{unit.id}'", unit.head
    president = (repo.company or {}).get("president")
    if isinstance(president, str):
        yield Where("org/company.yaml", ("president",)), "the president", president
    yield from _body_roles(repo.governance or {})


def _body_roles(governance: Mapping[str, Any]) -> Iterator[tuple[Where, str, str]]:
    path = "org/governance.yaml"
    bodies: list[tuple[tuple[str | int, ...], Any]] = [
        (("committee",), governance.get("committee")),
        (("support_group",), governance.get("support_group")),
    ]
    bodies += [(("promotion_groups", i), g) for i, g in enumerate(governance.get("promotion_groups") or ())]
    for pointer, body in bodies:
        if not isinstance(body, Mapping):
            continue
        name = f"in the {body.get('name', body.get('id', pointer[0]))}"
        for key in ("chair", "lead"):
            if isinstance(body.get(key), str):
                yield Where(path, (*pointer, key)), f"{key} {name}", body[key]
        for i, member in enumerate(body.get("members") or ()):
            if isinstance(member, str):
                yield Where(path, (*pointer, "members", i)), f"a member {name}", member


@rule(
    "PC112",
    "proxy",
    "A proxy cannot act for the person: they are the person, have no GitHub handle, or are not needed.",
    """
    Someone without a GitHub account takes part through their manager or a named proxy
    (`proxy:` in their person file), who posts their check-ins and actuals and records
    their acknowledgement on GitHub. A proxy must therefore be someone else with a
    `github` handle, and only a person without one has a proxy: a person with an account
    acts for themselves, and the pull-request policy lets nobody else do it.
    """,
)
def proxy(ctx: Context) -> Iterator[Finding]:
    people = ctx.repo.people
    for person in sorted(people.values(), key=lambda p: p.id):
        acting = people.get(person.proxy or "")
        if acting is None:
            continue
        if person.github:
            problem = f"'{person.id}' has the GitHub handle '{person.github}' and acts for themselves"
            hint = "remove the proxy, or the handle if the account is not theirs"
        elif acting.id == person.id:
            problem, hint = f"'{person.id}' is their own proxy", "name someone else, or remove the proxy"
        elif not acting.github:
            problem = f"proxy '{acting.id}' has no GitHub handle and cannot act for '{person.id}'"
            hint = f"give '{acting.id}' their github handle, or name someone who has one"
        else:
            continue
        yield finding(person.where / "proxy", "PC112", problem, hint)
