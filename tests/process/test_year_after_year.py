"""Three years of a company run through the commands: six half-year cycles opened and
closed, a monthly HRIS import with hires, leavers and transfers (one in the middle of a
cycle, one of them a manager who leaves mid-cycle), a framework change each year and an
appeal decided after a close. At every step `perfcode check` has no error and no finding
about a closed cycle; every closed cycle's export stays byte for byte what it was at the
close (the appealed person's row excepted, with the amendment traced); and the
"consecutive" promotion rule reads the records across the year boundary."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from process_support import Cli, replace

from perfcode.check import run_check
from perfcode.model import Person, Repository
from perfcode.process.vcs import git
from perfcode.rules.cycles import participants

HEADER = "id,name,email,github,unit,position,manager,class,effective,since"
FIRST_STAFF = {
    "ada-lovelace": ("acme-gauges", "president", "", "executive"),
    "bob-brown": ("engineering", "department-head", "ada-lovelace", "executive"),
    "cara-diaz": ("firmware", "team-lead", "bob-brown", "manager"),
    "lia-lund": ("hardware", "team-lead", "bob-brown", "manager"),
    **{
        p: ("firmware", "specialist", "cara-diaz", "professional")
        for p in ("dan-evans", "eve-fox", "fay-gold", "gus-hart")
    },
    **{
        p: ("hardware", "specialist", "lia-lund", "professional")
        for p in ("hal-ives", "ivy-jones", "jay-kent", "kim-lee")
    },
}
STAR = "dan-evans"
"""Dan earns a 4 or better every half: promotion-eligible once two halves in a row say so."""
TO_FILL = "        weight: 100  # to fill in: threshold, target, stretch\n"
FILLED = "        threshold: 50\n        target: 80\n        stretch: 95\n        weight: 100\n"


def commit_all(root: Path, message: str) -> None:
    """Commit whatever changed (a month without changes commits nothing)."""
    git(root, "add", "--all", "--", ".")
    if git(root, "status", "--porcelain"):
        git(root, "commit", "--quiet", "-m", message)


@dataclass
class Company:
    root: Path
    cli: Cli
    staff: dict[str, tuple[str, str, str, str]] = field(default_factory=lambda: dict(FIRST_STAFF))
    since: dict[str, str] = field(default_factory=dict)
    exports: dict[str, str] = field(default_factory=dict)

    def run(self, *args: str) -> str:
        result = self.cli("--root", self.root, *args)
        assert result.code == 0, f"perfcode {' '.join(args)}\n{result.out}{result.err}"
        return result.out

    def check(self, today: str) -> None:
        """No error, and nothing at all about a closed cycle."""
        payload = json.loads(self.cli("--root", self.root, "check", "--format", "json", "--today", today).out)
        closed = set(run_check(self.root, today).repo.sealed)
        about_closed = [
            f for f in payload["findings"] if f["path"].split("/")[1:2] and f["path"].split("/")[1] in closed
        ]
        errors = [f for f in payload["findings"] if f["severity"] == "error"]
        shown = [f"{f['path']}:{f['line']}: {f['code']} {f['message']}" for f in [*errors, *about_closed]]
        assert shown == [], today

    def hris(self, today: str, effective: dict[str, str] | None = None) -> None:
        """The monthly import: the staff as HR has them, moves dated by ``effective``."""
        lines = [HEADER]
        for person, (unit, position, manager, cls) in sorted(self.staff.items()):
            name = person.replace("-", " ").title()
            lines.append(
                f"{person},{name},{person}@acme.example,{person},{unit},{position},{manager},{cls},"
                f"{(effective or {}).get(person, '')},{self.since.get(person, '')}"
            )
        path = self.root.parent / f"hris-{today}.csv"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        self.run("import", "people", str(path), "--prune", "--today", today)
        commit_all(self.root, f"HRIS import of {today}")
        self.check(today)


def test_three_years_of_half_year_cycles(started: Path, cli: Cli) -> None:
    company = Company(started, cli)
    company.hris("2026-12-01")
    for year in (2027, 2028, 2029):
        _framework_change(company, year)
        for half in (1, 2):
            _run_half(company, f"{year}-H{half}", year, half)
    _appeal_after_the_close(company)
    for cycle, exported in company.exports.items():
        now = company.run("export", "results", "--cycle", cycle, "--today", "2030-03-01")
        if cycle != "2027-H1":
            assert now == exported, cycle
    _promotion_reads_the_records(company)
    what_if = company.run(
        "score", "--cycle", "2027-H2", "--what-if", "--format", "csv", "--today", "2030-03-01"
    )
    assert what_if != company.exports["2027-H2"]  # today's framework weighs okr 70, not 60


def _framework_change(company: Company, year: int) -> None:
    """Each year before the first half opens the committee adopts a new framework version."""
    path = "org/framework.yaml"
    text = (company.root / path).read_text(encoding="utf-8")
    version = year - 2026
    if not text.startswith("version:"):
        text = f"version: {version}\nparticipation: {{min_days: 60}}\n" + text
    else:
        text = text.replace(f"version: {version - 1}\n", f"version: {version}\n")
    okr = {1: (60, 20), 2: (65, 15), 3: (70, 10)}[version]
    before = {1: (60, 20), 2: (60, 20), 3: (65, 15)}[version]
    text = text.replace(
        f"      - {{method: okr, weight: {before[0]}}}\n      - {{method: competencies, weight: {before[1]}}}\n"
        '      - {method: "360", weight: 20}\n    competencies: [customer-focus',
        f"      - {{method: okr, weight: {okr[0]}}}\n      - {{method: competencies, weight: {okr[1]}}}\n"
        '      - {method: "360", weight: 20}\n    competencies: [customer-focus',
    )
    (company.root / path).write_text(text, encoding="utf-8")
    commit_all(company.root, f"Framework version {version}")
    company.check(f"{year - 1}-12-15")


def _moves(company: Company, cycle: str, year: int, half: int) -> None:
    """The year's churn, fed through the monthly imports of the half."""
    staff = company.staff
    months = [f"{year}-{m:02d}-01" for m in (range(1, 7) if half == 1 else range(7, 13))]
    for month in months:
        effective: dict[str, str] = {}
        if cycle == "2027-H1" and month.endswith("-03-01"):
            staff["gus-hart"] = (
                "hardware",
                "specialist",
                "lia-lund",
                "professional",
            )  # a transfer in the cycle
            effective["gus-hart"] = month
        if cycle == "2027-H2" and month.endswith("-09-01"):
            staff.pop("kim-lee")  # a leaver
        if cycle == "2028-H1" and month.endswith("-03-01"):
            staff.pop("lia-lund")  # the manager leaves in the middle of the cycle
            for person, (unit, position, manager, cls) in list(staff.items()):
                if manager == "lia-lund":
                    staff[person] = (unit, position, "cara-diaz", cls)
                    effective[person] = month
        if cycle == "2028-H2" and month.endswith("-08-01"):
            staff["max-north"] = ("firmware", "specialist", "cara-diaz", "professional")  # a hire
            company.since["max-north"] = month
            company.hris(month, effective)
            company.run("cycle", "open", cycle, "--today", month)  # the newcomer's goal scaffold
            _plan(company, cycle, month, only="max-north")
            commit_all(company.root, "Max's goals")
            continue
        if cycle == "2029-H1" and month.endswith("-02-01"):
            staff["eve-fox"] = ("hardware", "specialist", "cara-diaz", "professional")  # another transfer
            effective["eve-fox"] = month
        company.hris(month, effective)
        if month.endswith(("-03-01", "-09-01")):
            _check_ins(company, cycle, month)


def _run_half(company: Company, cycle: str, year: int, half: int) -> None:
    start = f"{year}-01-01" if half == 1 else f"{year}-07-01"
    company.run("cycle", "open", cycle, "--today", start)
    phases = run_check(company.root, start).repo.cycles[cycle].phases
    _plan(company, cycle, phases["planning"][0])
    commit_all(company.root, f"Goals of {cycle}")
    company.check(phases["planning"][1])
    _moves(company, cycle, year, half)
    company.run("cycle", "open", cycle, "--today", phases["evaluation"][0])
    _actuals_and_reviews(company, cycle, phases)
    commit_all(company.root, f"Reviews of {cycle}")
    _ratings_and_feedback(company, cycle, phases)
    commit_all(company.root, f"Results of {cycle}")
    day = phases["results"][1]
    company.check(day)
    company.run("cycle", "close", cycle, "--today", day)
    company.exports[cycle] = company.run("export", "results", "--cycle", cycle, "--today", day)
    company.check(day)


def _participants(company: Company, cycle: str, day: str) -> list[str]:
    repo = run_check(company.root, day).repo
    return sorted(f.owner for f in repo.goal_files if f.cycle == cycle and f.level == "person")


def _plan(company: Company, cycle: str, day: str, only: str | None = None) -> None:
    for person in _participants(company, cycle, day):
        if only is not None and person != only:
            continue
        rel = f"goals/{cycle}/people/{person}.yaml"
        text = (company.root / rel).read_text(encoding="utf-8").replace(TO_FILL, FILLED)
        (company.root / rel).write_text(text, encoding="utf-8")
        weight = "40" if "team-goals" in text else "100"
        company.run(
            "new", "goal", person, "--cycle", cycle, "--id", "ship", "--title", "Ship the release",
            "--weight", weight, "--local", "The team's own release", "--metric", "Release shipped",
            "--curve", "milestone", "--today", day,
        )  # fmt: skip


def _check_ins(company: Company, cycle: str, day: str) -> None:
    repo = run_check(company.root, day).repo
    for goals in repo.goal_files:
        if goals.cycle == cycle and goals.level == "person" and repo.people[goals.owner].left is None:
            company.run(
                "checkin",
                goals.owner,
                "ship",
                "ship",
                "false",
                "--cycle",
                cycle,
                "--date",
                day,
                "--today",
                day,
            )
    commit_all(company.root, f"Check-ins of {day}")


def _actuals_and_reviews(company: Company, cycle: str, phases: dict[str, tuple[str, str]]) -> None:
    day = phases["evaluation"][0]
    repo = run_check(company.root, day).repo
    rated = {p.id: p for p in _rated(repo, cycle)}
    for person in rated.values():
        rel = f"goals/{cycle}/people/{person.id}.yaml"
        replace(
            company.root,
            rel,
            "        curve: milestone\n",
            "        curve: milestone\n        actual: true\n",
        )
        text = (company.root / rel).read_text(encoding="utf-8")
        (company.root / rel).write_text(
            text.replace("        target: 80\n", "        target: 80\n        actual: 85\n"), encoding="utf-8"
        )
        (company.root / f"reviews/{cycle}/{person.id}.yaml").write_text(
            _review(cycle, person.id, person.manager or "", person.cls, rated, phases), encoding="utf-8"
        )


def _rated(repo: Repository, cycle: str) -> list[Person]:
    return sorted(participants(repo, repo.cycles[cycle]), key=lambda p: p.id)


def _review(
    cycle: str,
    person: str,
    manager: str,
    cls: str,
    rated: dict[str, Person],
    phases: dict[str, tuple[str, str]],
) -> str:
    rating = 5 if person == STAR else 3
    day = phases["evaluation"][0]
    competencies = ["customer-focus", "ownership", "collaboration", "craft"]
    if cls == "manager":
        competencies = ["ownership", "collaboration", "craft", "leading-people"]
    listed = "".join(f"      - {{id: {c}, rating: {rating}}}\n" for c in competencies)
    lines = [
        f"person: {person}\ncycle: {cycle}\nassessments:\n",
        f'  - {{reviewer: {person}, relationship: self, submitted: "{day}", rating: {rating}}}\n',
        f'  - reviewer: {manager}\n    relationship: manager\n    submitted: "{day}"\n    rating: {rating}\n'
        f"    competencies:\n{listed}",
    ]
    unit = rated[person].unit
    if cls == "professional":
        peers = [
            p for p, who in rated.items() if who.unit == unit and p != person and who.cls == "professional"
        ][:2]
        lines += [
            f'  - {{reviewer: {p}, relationship: peer, submitted: "{day}", rating: {rating}}}\n'
            for p in peers
        ]
    else:
        reports = [p for p, who in rated.items() if who.manager == person][:3]
        lines += [
            f'  - {{reviewer: {p}, relationship: direct-report, submitted: "{day}", rating: {rating}}}\n'
            for p in reports
        ]
    return "".join(lines)


def _ratings_and_feedback(company: Company, cycle: str, phases: dict[str, tuple[str, str]]) -> None:
    day = phases["results"][0]
    scores = json.loads(company.run("score", "--cycle", cycle, "--format", "json", "--today", day))
    for person in scores["people"]:
        with (company.root / f"reviews/{cycle}/{person['person']}.yaml").open(
            "a", encoding="utf-8"
        ) as review:
            review.write(
                f"final_rating: {person['computed_rating']}\n"
                f'feedback: {{meeting: "{day}", acknowledged: "{day}"}}\n'
            )


def _appeal_after_the_close(company: Company) -> None:
    """Eve appeals her 2027-H1 rating; the appeal body decides after the close."""
    rel = "reviews/2027-H1/eve-fox.yaml"
    before = company.exports["2027-H1"]
    with (company.root / rel).open("a", encoding="utf-8") as review:
        review.write(
            'appeal: {filed: "2027-07-20", grounds: A release was counted in the wrong half., '
            'decision: amended, decided: "2027-08-10", rating: 4}\n'
        )
    company.run("cycle", "amend", "2027-H1", "eve-fox", "--today", "2030-01-10")
    commit_all(company.root, "Eve's appeal, decided")
    company.check("2030-01-10")
    after = company.run("export", "results", "--cycle", "2027-H1", "--today", "2030-01-10")
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b]
    assert len(changed) == 1 and ",eve-fox," in changed[0][0]
    assert changed[0][1].split(",")[9:11] == ["4", "appeal"]
    record = (company.root / "reviews/2027-H1/record/eve-fox.yaml").read_text(encoding="utf-8")
    assert 'amendments:\n  - date: "2030-01-10"\n    decided: "2027-08-10"\n' in record


def _promotion_reads_the_records(company: Company) -> None:
    rows = {
        cycle: {row["person"]: row for row in csv.DictReader(io.StringIO(text))}
        for cycle, text in company.exports.items()
    }
    assert all(int(rows[c][STAR]["final_rating"]) >= 4 for c in rows)
    assert rows["2027-H1"][STAR]["promotion_eligible"] == "no"
    assert rows["2028-H1"][STAR]["promotion_eligible"] == "yes"  # 2027-H2 and 2028-H1: across the year
    record = (company.root / f"reviews/2028-H1/record/{STAR}.yaml").read_text(encoding="utf-8")
    assert "promotion_basis: " in record
