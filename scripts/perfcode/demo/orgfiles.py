"""Org files: the company, governance, units, positions, cycles and calibration record."""

from __future__ import annotations

from typing import Any

from perfcode.demo.catalogue import COMPANY, COMPANY_NAME, STRATEGY, Position
from perfcode.demo.org import Org, Unit
from perfcode.demo.reviews import CYCLE
from perfcode.emit import Flow

TEAM = f"@{COMPANY}"


def company(org: Org) -> dict[str, Any]:
    themes = [
        {"id": ident, "title": title, "description": text, "perspective": perspective}
        for ident, title, perspective, text in STRATEGY
    ]
    return {
        "id": COMPANY,
        "name": COMPANY_NAME,
        "president": org.president.id,
        "mission": "Measurement and control equipment that plants can certify and trust.",
        "vision": "By 2028, the first call of every plant that needs equipment it can trust.",
        "strategy": {"period": Flow(start="2026-01-01", end="2028-12-31"), "themes": themes},
    }


def governance(org: Org) -> dict[str, Any]:
    heads = [org.unit(d.id).head for d in org.departments]
    people = org.unit("people").head
    specialists = [
        p.id for p in org.people if p.position == "business-specialist" and _in(org, p.unit, "people")
    ]
    return {
        "maintainers": f"{TEAM}/perfcode-maintainers",
        "committee": {
            "id": "performance-committee",
            "name": "Performance committee",
            "chair": org.president.id,
            "members": heads,
            "team": f"{TEAM}/performance-committee",
            "duties": [
                "Approve the framework, the company goals and each cycle's dates",
                "Calibrate ratings across departments",
            ],
            "reporting": Flow(cadence="quarterly", to="Supervisory board"),
        },
        "promotion_groups": [_promotion_group(org, d.id, d.name) for d in org.departments],
        "support_group": {
            "id": "hr-support",
            "name": "HR support and advisory group",
            "lead": people,
            "members": specialists[:3],
            "team": f"{TEAM}/people-team",
            "duties": ["Train managers and employees", "Handle appeals within the decision window"],
            "reporting": Flow(cadence="monthly", to="performance-committee"),
        },
        "recusal_fallback": {"name": "Supervisory board", "github": ["supervisory-board-chair"]},
    }


def _promotion_group(org: Org, dept: str, name: str) -> dict[str, Any]:
    head = org.unit(dept).head
    return {
        "id": f"{dept}-promotion",
        "name": f"{name} promotion group",
        "unit": dept,
        "lead": head,
        "members": org.reports.get(head, [])[:2],
        "duties": [f"Run the cycle in {name}", "Propose promotions to the committee"],
        "reporting": Flow(cadence="monthly", to="performance-committee"),
    }


def _in(org: Org, unit: str | None, dept: str) -> bool:
    return unit is not None and org.unit(unit).department == dept


def unit(record: Unit) -> dict[str, Any]:
    return {
        "id": record.id,
        "name": record.name,
        "parent": record.parent,
        "head": record.head,
        "description": record.description,
    }


def position(record: Position) -> dict[str, Any]:
    indicators = [
        {
            "id": i.measure.id,
            "metric": i.measure.metric,
            **({"unit": i.measure.unit} if i.measure.unit else {}),
            "direction": i.measure.direction,
            "weight": i.weight,
        }
        for i in record.indicators
    ]
    return {
        "id": record.id,
        "title": record.title,
        "class": record.cls,
        "description": record.description,
        "indicators": indicators,
    }


_HALF = {
    "2026-H1": ("First half of 2026", "2026-01-01", "2026-06-30", "closed",
                ("2026-01-05", "2026-01-23", "2026-01-26", "2026-06-12", "2026-06-15", "2026-07-03",
                 "2026-07-06", "2026-07-17", "2026-07-20", "2026-08-14")),
    "2026-H2": ("Second half of 2026", "2026-07-01", "2026-12-31", "open",
                ("2026-07-01", "2026-07-20", "2026-07-21", "2026-12-04", "2026-12-05", "2026-12-20",
                 "2027-01-04", "2027-01-15", "2027-01-18", "2027-02-12")),
    "2026": ("Fiscal year 2026", "2026-01-01", "2026-12-31", "open",
             ("2026-01-05", "2026-01-30", "2026-02-02", "2026-12-04", "2026-12-05", "2026-12-20",
              "2027-01-04", "2027-01-15", "2027-01-18", "2027-02-12")),
}  # fmt: skip
_PHASES = ("planning", "coaching", "evaluation", "calibration", "results")


def cycle(ident: str) -> dict[str, Any]:
    name, start, end, status, dates = _HALF[ident]
    annual = ident == "2026"
    data: dict[str, Any] = {"id": ident, "name": name}
    if not annual:
        data["parent"] = "2026"
    data.update(
        period=Flow(start=start, end=end),
        status=status,
        classes=["executive"] if annual else ["manager", "professional", "operator"],
        exclude=[],
        phases={p: Flow(start=dates[2 * i], end=dates[2 * i + 1]) for i, p in enumerate(_PHASES)},
    )
    return data


def calibration(org: Org, calibrated: int, reviewed: int) -> dict[str, Any]:
    hr = org.unit("people").head
    sessions = []
    for i, dept in enumerate(org.departments):
        head = org.unit(dept.id).head
        leads = org.reports.get(head, [])[:3]
        participants = list(dict.fromkeys([org.president.id, head, hr, *leads]))
        sessions.append({"date": f"2026-07-{6 + i % 9:02d}", "scope": dept.id, "participants": participants})
    committee = list(dict.fromkeys([org.president.id, *(org.unit(d.id).head for d in org.departments), hr]))
    sessions.append({"date": "2026-07-16", "participants": committee})
    return {
        "cycle": CYCLE,
        "body": "performance-committee",
        "sessions": sessions,
        "notes": (
            f"Department sessions first, then one company-wide session. {calibrated} of {reviewed} ratings "
            "calibrated, each with its reason in the review. The distribution is within the guideline "
            "for every unit and class of eight or more; no exception needed."
        ),
    }
