"""People CSV: read an HRIS export and find every row that would break the organisation.

The file has a header row with the columns ``id, name, email, github, unit, position,
manager, class`` (in any order; other columns are ignored). Rows are numbered as a
spreadsheet shows them: the header is row 1, the first person row 2. An empty manager
means the person has none (only the president); an empty GitHub handle, that the person
has no account (their manager or a proxy acts for them).

A row is refused when a value does not fit its field, an id, e-mail address or GitHub
handle is used twice, the position or class does not exist, the manager is nobody
known, or the managers form a loop or more than one top. The people kept from before
(not in the file, not pruned) count for managers, duplicates and loops.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from perfcode.errors import UsageError
from perfcode.model import Repository
from perfcode.rules.common import suggest

COLUMNS = ("id", "name", "email", "github", "unit", "position", "manager", "class")
DATED = ("effective", "since", "left")
"""Optional columns: the day a row's move takes effect, a newcomer's first day, a leaver's last."""
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_GITHUB = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class Row:
    """One person of the file, values stripped of surrounding blanks."""

    number: int
    id: str
    name: str
    email: str
    github: str
    unit: str
    position: str
    manager: str | None
    cls: str
    effective: str | None = None
    since: str | None = None
    left: str | None = None

    def fields(self) -> dict[str, str | None]:
        """The person file's keys and values, in the order the files write them."""
        return {
            "id": self.id,
            "name": self.name,
            "email": self.email,
            "github": self.github or None,
            "unit": self.unit,
            "position": self.position,
            "manager": self.manager,
            "class": self.cls,
        }


@dataclass(frozen=True, order=True)
class Problem:
    """Why some rows cannot be imported."""

    rows: tuple[int, ...]
    message: str

    def text(self) -> str:
        if not self.rows:
            return f"people kept from before: {self.message}"
        numbers = ", ".join(map(str, self.rows))
        return f"{'row' if len(self.rows) == 1 else 'rows'} {numbers}: {self.message}"


def read_rows(text: str) -> list[Row]:
    """The rows of the CSV text; a missing column is a usage error."""
    reader = csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    header = [name.strip().lower() for name in reader.fieldnames or ()]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise UsageError(f"the CSV lacks the column(s) {', '.join(missing)}; it needs {', '.join(COLUMNS)}")
    reader.fieldnames = header
    rows = []
    for number, record in enumerate(reader, 2):
        values = {c: (record.get(c) or "").strip() for c in (*COLUMNS, *DATED)}
        rows.append(
            Row(
                number,
                values["id"],
                values["name"],
                values["email"],
                values["github"],
                values["unit"],
                values["position"],
                values["manager"] or None,
                values["class"],
                values["effective"] or None,
                values["since"] or None,
                values["left"] or None,
            )
        )
    return rows


def problems(rows: Sequence[Row], repo: Repository, prune: bool) -> list[Problem]:
    """Everything that stops the rows from being imported, by row."""
    kept = {} if prune else {i: p for i, p in repo.people.items() if i not in {r.id for r in rows}}
    managers: dict[str, str | None] = {i: p.manager for i, p in kept.items()}
    managers.update({r.id: r.manager for r in rows})
    found = [
        *(p for row in rows for p in _field_problems(row, repo)),
        *_duplicates(rows, kept),
        *_unknown_managers(rows, managers),
        *_loops(rows, managers),
        *_tops(rows, managers),
    ]
    return sorted(found)


def _field_problems(row: Row, repo: Repository) -> Iterator[Problem]:
    checks = (
        (_SLUG.fullmatch(row.id), f"id '{row.id}' is not a lower-case slug (a-z, 0-9, -)"),
        (0 < len(row.name) <= 200 and not _CONTROL.search(row.name), "the name is empty or not one line"),
        (_EMAIL.fullmatch(row.email) and len(row.email) <= 254, f"'{row.email}' is not an e-mail address"),
        (not row.github or _GITHUB.fullmatch(row.github), f"'{row.github}' is not a GitHub handle"),
        (_SLUG.fullmatch(row.unit), f"unit '{row.unit}' is not a lower-case slug"),
    )
    for ok, message in checks:
        if not ok:
            yield Problem((row.number,), message)
    for column, value in (("effective", row.effective), ("since", row.since), ("left", row.left)):
        if value is not None and not _is_date(value):
            yield Problem((row.number,), f"{column} '{value}' is not a date like 2026-03-31")
    person = repo.people.get(row.id)
    last = person.earlier[-1].until if person is not None and person.earlier else None
    if last is not None and row.effective and _is_date(row.effective) and row.effective <= last:
        yield Problem(
            (row.number,),
            f"effective {row.effective} is not after the last recorded move of '{row.id}' ({last})",
        )
    classes = {c["id"] for c in (repo.framework or {}).get("classes", ())}
    for what, value, known in (("position", row.position, repo.positions), ("class", row.cls, classes)):
        if value not in known:
            hint = suggest(value, known) or (
                f"add org/positions/{value}.yaml first" if what == "position" else ""
            )
            yield Problem((row.number,), f"unknown {what} '{value}'" + (f"; {hint}" if hint else ""))


def _is_date(value: str) -> bool:
    if not _DATE.fullmatch(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _duplicates(rows: Sequence[Row], kept: Mapping[str, object]) -> Iterator[Problem]:
    for key in ("id", "email", "github"):
        first: dict[str, list[int]] = {}
        for row in rows:
            if getattr(row, key):  # many people may have no GitHub handle
                first.setdefault(str(getattr(row, key)).lower(), []).append(row.number)
        for value, numbers in first.items():
            if len(numbers) > 1:
                yield Problem(tuple(numbers), f"{key} '{value}' is used by more than one row")
        taken = {str(getattr(p, key) or "").lower(): i for i, p in kept.items()}
        for row in rows:
            owner = taken.get(str(getattr(row, key)).lower()) if getattr(row, key) else None
            if key != "id" and owner is not None:
                yield Problem((row.number,), f"{key} '{getattr(row, key)}' is already used by '{owner}'")


def _unknown_managers(rows: Sequence[Row], managers: Mapping[str, str | None]) -> Iterator[Problem]:
    for row in rows:
        if row.manager is not None and row.manager not in managers:
            hint = suggest(row.manager, managers)
            yield Problem((row.number,), f"unknown manager '{row.manager}'" + (f"; {hint}" if hint else ""))


def _loops(rows: Sequence[Row], managers: Mapping[str, str | None]) -> Iterator[Problem]:
    numbers = {r.id: r.number for r in rows}
    reported: set[str] = set()
    for start in sorted(managers):
        loop = manager_loop(start, managers)
        if loop and not reported & set(loop):
            reported.update(loop)
            chain = " -> ".join([*loop, loop[0]])
            yield Problem(
                tuple(sorted(numbers[i] for i in loop if i in numbers)), f"the managers loop: {chain}"
            )


def manager_loop(start: str, managers: Mapping[str, str | None]) -> list[str] | None:
    """The loop reached from ``start`` by following managers, from its smallest id."""
    seen: list[str] = []
    current: str | None = start
    while current is not None and current in managers:
        if current in seen:
            loop = seen[seen.index(current) :]
            first = loop.index(min(loop))
            return loop[first:] + loop[:first]
        seen.append(current)
        current = managers[current]
    return None


def _tops(rows: Sequence[Row], managers: Mapping[str, str | None]) -> Iterator[Problem]:
    tops = sorted(i for i, m in managers.items() if m is None)
    if len(tops) > 1:
        numbers = {r.id: r.number for r in rows}
        listed = ", ".join(tops)
        yield Problem(
            tuple(sorted(numbers[i] for i in tops if i in numbers)),
            f"more than one person has no manager ({listed}); only the president has none",
        )
