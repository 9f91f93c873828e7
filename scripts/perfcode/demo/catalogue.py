"""The demo company's fixed content: strategy, company goals, departments, positions.

A *measure* is what a key result measures, with the range its baseline is drawn from; a
*theme* is a goal every unit of a department takes on (each unit's goal aligns to the same
goal of its parent unit, the department's to a company goal) and that its people take
into their own goals.
"""

from __future__ import annotations

from dataclasses import dataclass

COMPANY = "aldervale"
COMPANY_NAME = "Aldervale Systems"
DOMAIN = "aldervale.example"


@dataclass(frozen=True)
class Measure:
    id: str
    metric: str
    unit: str | None = None
    direction: str = "increase"
    low: float = 0
    high: float = 0
    places: int = 0
    curve: str = "stepped"

    @property
    def ceiling(self) -> float | None:
        """The highest value the unit allows, if any."""
        return {"%": 100.0, "score 1-5": 5.0}.get(self.unit or "")


def milestone(ident: str, metric: str) -> Measure:
    return Measure(ident, metric, curve="milestone")


def okr(ident: str, metric: str) -> Measure:
    return Measure(ident, metric, curve="okr")


def rated(ident: str, metric: str) -> Measure:
    return Measure(ident, metric, "rating", curve="rated")


@dataclass(frozen=True)
class Theme:
    id: str
    title: str
    personal: str
    serves: str
    measures: tuple[Measure, ...]


@dataclass(frozen=True)
class Department:
    id: str
    name: str
    description: str
    stems: tuple[str, ...]
    positions: tuple[tuple[str, int], ...]
    themes: tuple[Theme, ...]


@dataclass(frozen=True)
class Indicator:
    measure: Measure
    weight: int
    title: str


@dataclass(frozen=True)
class Position:
    id: str
    title: str
    cls: str
    description: str
    indicators: tuple[Indicator, ...]


STRATEGY = (
    ("profitable-growth", "Grow profitably", "financial",
     "Reach EUR 400 million of revenue by 2028 at an operating margin of at least 12 %."),
    ("customer-loyalty", "Be the partner our customers stay with", "customer",
     "Win key accounts for the long term with service agreements and the connected platform."),
    ("operational-excellence", "Right first time, on the confirmed date", "internal-process",
     "Build, test and ship every product right the first time, and deliver on the date we confirmed."),
    ("people-and-skills", "Grow the skills we need and keep the people who have them", "learning-growth",
     "Grow software, data and leadership skills, and be a place people recommend."),
)  # fmt: skip

COMPANY_GOALS = (
    ("grow-revenue", "Grow revenue profitably to EUR 310 million", "profitable-growth", 25, (
        Measure("revenue", "Net revenue, rolling forecast for the year", "EUR million", "increase", 280, 290, 1),
        Measure("operating-margin", "Operating margin, year to date", "%", "increase", 9, 10, 1),
    )),
    ("win-key-accounts", "Become the long-term partner of our key accounts", "customer-loyalty", 20, (
        Measure("nps", "Net promoter score of key accounts", "points", "increase", 28, 34),
        Measure("service-agreements", "Key accounts with a multi-year service agreement", "count", "increase",
                40, 60, curve="linear"),
    )),
    ("launch-platform", "Launch the connected platform", "customer-loyalty", 20, (
        milestone("platform-release", "Platform 1.0 released for sale"),
        Measure("live-customers", "Customers running the platform in production", "count", "increase", 0, 4),
    )),
    ("right-first-time", "Deliver right first time and on the confirmed date", "operational-excellence", 20, (
        Measure("on-time-delivery", "Orders delivered on the confirmed date", "%", "increase", 84, 88),
        Measure("field-complaints", "Field complaints per 1,000 units shipped", "count", "decrease", 4, 6, 1),
    )),
    ("grow-our-people", "Grow our people and keep them", "people-and-skills", 15, (
        Measure("engagement", "Employee engagement index", "points", "increase", 64, 70),
        Measure("regretted-attrition", "Regretted attrition, rolling 12 months", "%", "decrease", 7, 9, 1),
    )),
)  # fmt: skip

EXECUTIVE_GOALS = (
    ("customer", "key-accounts", "Grow the department's key accounts", "win-key-accounts", 30, (
        Measure("account-plans", "Key accounts with a joint plan", "count", "increase", 10, 30),
    )),
    ("internal-process", "delivery", "Deliver what the department promised, on date", "right-first-time", 25, (
        Measure("commitments-met", "Department commitments met on date", "%", "increase", 70, 80),
    )),
    ("learning-growth", "people", "Grow the department's people", "grow-our-people", 15, (
        Measure("dept-engagement", "Engagement index of the department", "points", "increase", 62, 70),
        okr("succession", "Successors named for every key role"),
    )),
)  # fmt: skip
"""Executive goals besides the financial one, which takes in the position's indicator."""


def _pos(ident: str, title: str, cls: str, description: str, *indicators: Indicator) -> Position:
    return Position(ident, title, cls, description, indicators)


POSITIONS = {
    p.id: p
    for p in (
        _pos("president", "President and chief executive", "executive",
             "Leads the company and chairs the performance committee.",
             Indicator(Measure("operating-margin", "Operating margin", "%", "increase", 9, 10, 1), 30,
                       "Run the company at a healthy margin")),
        _pos("department-head", "Head of department", "executive",
             "Leads a department, sits on the performance committee and leads its promotion group.",
             Indicator(Measure("budget-variance", "Operating spend variance against budget", "%", "decrease",
                               4, 7, 1), 30, "Run the department within its budget")),
        _pos("group-manager", "Group manager", "manager", "Leads a group of teams inside a department.",
             Indicator(Measure("group-plan-attainment", "Group commitments delivered as planned", "%",
                               "increase", 66, 78), 30, "Deliver the group's plan")),
        _pos("team-lead", "Team lead", "manager", "Leads a team, plans its work and coaches its people.",
             Indicator(Measure("plan-attainment", "Team commitments delivered as planned", "%", "increase",
                               66, 80), 30, "Meet the commitments the team makes")),
        _pos("engineer", "Engineer", "professional", "Designs, builds, tests and improves products and systems.",
             Indicator(Measure("escaped-defects", "Defects found after release in own area", "count",
                               "decrease", 12, 30), 20, "Keep defects from escaping my area")),
        _pos("account-manager", "Account manager", "professional", "Wins and grows accounts in a territory.",
             Indicator(Measure("order-intake", "Order intake in own territory", "EUR thousand", "increase",
                               900, 2400), 40, "Grow order intake in my territory")),
        _pos("business-specialist", "Business specialist", "professional",
             "Finance, people, marketing, purchasing and sales operations specialists.",
             Indicator(Measure("internal-satisfaction", "Internal customer satisfaction", "score 1-5",
                               "increase", 3.3, 3.8, 1), 20, "Be a specialist my internal customers rely on")),
        _pos("assembly-technician", "Assembly technician", "operator",
             "Assembles and tests products at a station on the line.",
             Indicator(Measure("first-pass-yield", "First-pass yield at own station", "%", "increase", 88, 93, 1),
                       40, "Build it right the first time"),
             Indicator(Measure("scrap-rate", "Scrap rate at own station", "%", "decrease", 2, 4, 1), 20,
                       "Cut scrap at my station")),
        _pos("calibration-technician", "Calibration technician", "operator",
             "Calibrates and certifies products in the accredited laboratory.",
             Indicator(Measure("calibrations", "Calibrations completed", "count", "increase", 500, 800), 40,
                       "Complete the calibrations the plan needs"),
             Indicator(Measure("certificate-corrections", "Certificates reissued after an error", "count",
                               "decrease", 10, 20), 20, "Get certificates right the first time")),
        _pos("service-coordinator", "Service coordinator", "operator",
             "Runs the service desk for repairs, spare parts and service visits.",
             Indicator(Measure("first-contact-resolution", "Requests resolved at first contact", "%",
                               "increase", 70, 78), 40, "Solve requests at the first contact"),
             Indicator(Measure("response-time", "Median first response time", "hours", "decrease", 6, 9, 1), 30,
                       "Answer requests fast")),
    )
}  # fmt: skip
