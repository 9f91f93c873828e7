"""The framework pages, from org/framework.yaml and org/governance.yaml.

System design (classes and their assessment schemes), the rating scale and scoring
curves (drawn as charts), the distribution guideline, appeals, feedback and results use,
and the governance bodies with their duties.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import partial
from typing import Any

from markupsafe import Markup

from perfcode.model import every_cycle
from perfcode.site.charts import curve_chart
from perfcode.site.data import SiteData
from perfcode.site.goals import Ref
from perfcode.site.links import FRAMEWORK, GOVERNANCE, RESULTS, SCALE, Target, unit_page
from perfcode.site.policy import Policy
from perfcode.site.render import Page
from perfcode.site.units import person_ref

METHODS = {
    "kpi": "Key performance indicators",
    "okr": "Objectives and key results",
    "scorecard": "Balanced scorecard",
    "competencies": "Competencies",
    "360": "360-degree feedback",
}


@dataclass(frozen=True)
class CurveView:
    id: str
    kind: str
    description: str
    cap: str | None
    chart: Markup


@dataclass(frozen=True)
class Body:
    id: str
    kind: str
    name: str
    description: str
    lead_role: str
    lead: Ref | None
    members: list[Ref]
    unit: Ref | None
    team: str
    duties: list[str]
    reporting: Mapping[str, Any] | None
    reports_to: Ref | None
    training: list[Mapping[str, Any]]


def framework_pages(data: SiteData) -> list[Page]:
    return [
        Page(FRAMEWORK, "System design", "framework.html", partial(_design, data)),
        Page(SCALE, "Scale and scoring", "scale.html", partial(_scale, data)),
        Page(RESULTS, "Appeals, feedback and results", "results.html", partial(_results_page, data)),
        Page(GOVERNANCE, "Governance", "governance.html", partial(_governance, data)),
    ]


def _common(data: SiteData) -> dict[str, Any]:
    return {"framework": data.repo.framework or {}, "missing": data.repo.framework is None}


def _design(data: SiteData) -> dict[str, Any]:
    framework = data.repo.framework or {}
    competencies = {c["id"]: c for c in framework.get("competencies", ())}
    return {
        **_common(data),
        "methods": METHODS,
        "competencies": competencies,
        "versions": versions(data),
        "changes": list(framework.get("changes", ())),
    }


@dataclass(frozen=True)
class CycleVersion:
    cycle: str
    name: str
    version: Any
    note: str


def versions(data: SiteData) -> list[CycleVersion]:
    """Which framework version each cycle is judged under: a closed cycle's from its record,
    an open one's from its cycle file (and the committee's adoption of a later one)."""
    found = []
    for cycle_id, cycle in sorted(every_cycle(data.repo).items(), key=lambda c: (c[1].start, c[0])):
        sealed = data.repo.sealed.get(cycle_id)
        raw = data.repo.files.get(cycle.where.path) or {}
        name = str(raw.get("name", cycle_id))
        if sealed is not None:
            version = sealed.record["framework"].get("version")
            found.append(
                CycleVersion(cycle_id, name, version, f"closed {sealed.record['closed']}: kept in its record")
            )
            continue
        declared = raw.get("framework") or {}
        adopted = declared.get("adopted")
        note = f"adopted for this cycle on {adopted}" if adopted else "in force when it opened"
        found.append(CycleVersion(cycle_id, name, declared.get("version"), note))
    return found


def _scale(data: SiteData) -> dict[str, Any]:
    framework = data.repo.framework or {}
    return {**_common(data), "curves": _curves(framework), "bands": _bands(framework)}


def _results_page(data: SiteData) -> dict[str, Any]:
    return {**_common(data), **_results(data)}


def _governance(data: SiteData) -> dict[str, Any]:
    return {"bodies": bodies(data), "missing": data.repo.governance is None}


def _bands(framework: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The rating levels, best first, with the score band each covers."""
    levels = sorted(
        framework.get("scale", {}).get("levels", ()), key=lambda lv: lv["min_score"], reverse=True
    )
    bands, above = [], None
    for level in levels:
        bands.append({**level, "below": above})
        above = level["min_score"]
    return bands


def _curves(framework: Mapping[str, Any]) -> list[CurveView]:
    views = []
    for curve in framework.get("curves", ()):
        points, ticks = _shape(curve, framework)
        cap = curve.get("cap")
        label = f"Scoring curve {curve['id']}"
        views.append(
            CurveView(
                curve["id"],
                curve["kind"],
                str(curve.get("description", "")),
                None if cap is None else str(cap),
                curve_chart(points, ticks, label),
            )
        )
    return views


def _shape(
    curve: Mapping[str, Any], framework: Mapping[str, Any]
) -> tuple[list[tuple[float, float]], list[tuple[float, str]]]:
    """Points (0..1 across, score up) and the named places on the value axis."""
    cap = float(curve["cap"]) if "cap" in curve else None
    kind = curve["kind"]
    if kind == "linear":
        top = min(cap, 1.5) if cap is not None else 1.5
        return [(0.0, 0.0), (top / 1.5, top), (1.0, top)], [(0.0, "baseline"), (1 / 1.5, "target")]
    if kind == "piecewise":
        return _piecewise(curve, cap)
    if kind == "binary":
        return [(0.0, 0.0), (0.5, 0.0), (0.5, 1.0), (1.0, 1.0)], [(0.25, "false"), (0.75, "true")]
    if kind == "grade":
        top = min(cap, 1.0) if cap is not None else 1.0
        return [(0.0, 0.0), (top, top), (1.0, top)], [(0.0, "0.0"), (0.5, "0.5"), (1.0, "1.0")]
    levels = sorted(framework.get("scale", {}).get("levels", ()), key=lambda lv: lv["value"])
    count = max(len(levels) - 1, 1)
    points = [(i / count, float(lv.get("score", lv["min_score"]))) for i, lv in enumerate(levels)]
    return points, [(i / count, str(lv["value"])) for i, lv in enumerate(levels)]


def _piecewise(
    curve: Mapping[str, Any], cap: float | None
) -> tuple[list[tuple[float, float]], list[tuple[float, str]]]:
    marks = curve.get("points", {})
    names = [n for n in ("threshold", "target", "stretch") if n in marks]
    places = {name: (i + 1) / (len(names) + 1) for i, name in enumerate(names)}
    below = float(curve.get("below_threshold", 0))
    first = places[names[0]]
    points = [(0.0, below), (first, below)]
    points += [(places[n], min(float(marks[n]), cap) if cap is not None else float(marks[n])) for n in names]
    points.append((1.0, points[-1][1]))
    return points, [(places[n], n) for n in names]


def _results(data: SiteData) -> dict[str, Any]:
    framework = data.repo.framework or {}
    handler = str((framework.get("appeals") or {}).get("handled_by", ""))
    names = {b.id: b.name for b in bodies(data)}
    body = (
        Ref(names[handler], Target(GOVERNANCE, f"body-{handler}")) if handler in names else Ref(handler, None)
    )
    return {
        "appeals": framework.get("appeals"),
        "appeals_body": body,
        "feedback": framework.get("feedback"),
        "results_use": sorted(framework.get("results_use", ()), key=lambda r: r["rating"], reverse=True),
        "labels": {lv["value"]: lv["label"] for lv in framework.get("scale", {}).get("levels", ())},
        "promotion": framework.get("promotion_rule"),
        "distribution": framework.get("distribution"),
        "policy": data.policy,
        "defaults": Policy(),
    }


def bodies(data: SiteData) -> list[Body]:
    governance = data.repo.governance or {}
    found: list[Body] = []
    if "committee" in governance:
        found.append(_body(data, governance["committee"], "Performance committee", "Chair", "chair"))
    for group in governance.get("promotion_groups", ()):
        found.append(_body(data, group, "Promotion group", "Lead", "lead"))
    if "support_group" in governance:
        found.append(_body(data, governance["support_group"], "Support and advisory group", "Lead", "lead"))
    names = {b.id: b.name for b in found}
    return [replace(b, reports_to=_reports_to(b, names)) for b in found]


def _reports_to(body: Body, names: Mapping[str, str]) -> Ref | None:
    """Whom a body reports to: another body (linked) or a plain name."""
    to = str((body.reporting or {}).get("to", ""))
    if not to:
        return None
    return Ref(names[to], Target(GOVERNANCE, f"body-{to}")) if to in names else Ref(to, None)


def _body(data: SiteData, raw: Mapping[str, Any], kind: str, role: str, key: str) -> Body:
    unit = data.repo.units.get(raw.get("unit", ""))
    return Body(
        id=raw["id"],
        kind=kind,
        name=raw["name"],
        description=str(raw.get("description", "")),
        lead_role=role,
        lead=person_ref(data, raw.get(key)),
        members=[r for m in raw.get("members", ()) if (r := person_ref(data, m)) is not None],
        unit=Ref(unit.name, Target(unit_page(unit.id))) if unit else None,
        team=str(raw.get("team", "")),
        duties=[str(d) for d in raw.get("duties", ())],
        reporting=raw.get("reporting"),
        reports_to=None,
        training=list(raw.get("training", ())),
    )
