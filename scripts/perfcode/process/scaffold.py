"""Scaffold: the starter files of a new cycle, as text in the house style.

A goal scaffold takes in the standard indicators of the person's position (each as a goal
aligned through ``indicator:``, with one key result whose targets the person fills in) and
a neutral development goal when their last improvement or development plan has open items.
A plan is confidential (it is encrypted with the review, and an improvement plan reveals a
low rating), while goals are published: the handed-over goal therefore says nothing of the
plan, neither its kind nor its items, and is the same for both kinds. The person and their
manager word it themselves, as an ordinary goal. A review scaffold holds the draft
assessments the person's class requires, peers included (:mod:`perfcode.process.reviews`
chooses them). The scaffolds are drafts: ``perfcode check`` lists what is left to fill in.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ruamel.yaml.comments import CommentedMap

from perfcode.edit import date, flow_list, new_text, to_node
from perfcode.model import Person

POINTS = {"linear": ("baseline", "target"), "piecewise": ("threshold", "target", "stretch")}
"""What a key result on each numeric curve kind needs before it can be scored."""

PLAN_GOAL_WEIGHT = 10
"""The starting weight of the goal handed over for a plan's open items."""

PLAN_GOAL_ID = "development-goal"
PLAN_GOAL_TITLE = "Development goal"
PLAN_GOAL_REASON = "To word with your manager as an ordinary goal."
PLAN_GOAL_METRIC = "To word with your manager"
"""The neutral goal's wording: nothing of it comes from the plan."""


def cycle_id_value(cycle_id: str) -> Any:
    """A cycle id as written in a file: quoted when YAML would read it as a number."""
    return date(cycle_id) if cycle_id.isdigit() else cycle_id


def cycle_text(
    cycle_id: str,
    name: str,
    parent: str | None,
    period: tuple[str, str],
    classes: Sequence[str] | None,
    phases: Mapping[str, tuple[str, str]],
    framework_version: int | None = None,
) -> str:
    data: dict[str, Any] = {"id": cycle_id_value(cycle_id), "name": name}
    if parent is not None:
        data["parent"] = cycle_id_value(parent)
    data["period"] = _span(period)
    data["status"] = "open"
    if classes is not None:
        data["classes"] = flow_list(classes)
    if framework_version is not None:
        data["framework"] = to_node({"version": framework_version}, flow=True)
    data["phases"] = {phase: _span(span) for phase, span in phases.items()}
    header = [
        f"Cycle {cycle_id}, opened by `perfcode cycle open`: phase dates from the framework's calendar."
    ]
    return new_text(data, header)


def _span(span: tuple[str, str]) -> Any:
    return to_node({"start": date(span[0]), "end": date(span[1])}, flow=True)


def goals_text(
    cycle_id: str,
    person: Person,
    planning_end: str,
    indicators: Sequence[Mapping[str, Any]],
    plan: tuple[str, Mapping[str, Any]] | None,
    framework: Mapping[str, Any],
) -> str:
    """A person's goal scaffold; ``plan`` is (the cycle it was agreed in, the plan)."""
    kind = _curve_kind(framework, None)
    goals = [
        _indicator_goal(person.position, indicator, weight, kind)
        for indicator, weight in zip(indicators, _weights(indicators), strict=True)
    ]
    if plan is not None and any(i.get("status") == "open" for i in plan[1].get("items", ())):
        goals.append(_plan_goal(framework))
    header = [
        f"Goals of {person.id} in {cycle_id}, scaffolded by `perfcode cycle open`.",
        f"Before planning ends on {planning_end}: fill in the targets, add goals of your own",
        "(perfcode new goal), align each goal upward and make the weights sum to 100.",
    ]
    return new_text({"owner": person.id, "goals": goals}, header)


def _weights(indicators: Sequence[Mapping[str, Any]]) -> list[Any]:
    """Each indicator's suggested weight; those without one share what is left of 100."""
    given = sum(i["weight"] for i in indicators if "weight" in i)
    unset = [i for i in indicators if "weight" not in i]
    share = max(int((100 - given) // len(unset)), 1) if unset else 0
    return [i.get("weight", share) for i in indicators]


def _indicator_goal(position: str, indicator: Mapping[str, Any], weight: Any, kind: str) -> CommentedMap:
    key_result: dict[str, Any] = {"id": indicator["id"], "metric": indicator["metric"]}
    if "unit" in indicator:
        key_result["unit"] = indicator["unit"]
    key_result["direction"] = indicator["direction"]
    key_result["weight"] = 100
    node = to_node(key_result)
    if kind in POINTS:
        node.yaml_add_eol_comment(f"to fill in: {', '.join(POINTS[kind])}", "weight")
    fields = {"id": indicator["id"], "title": indicator["metric"], "weight": weight}
    if "perspective" in indicator:
        fields["perspective"] = indicator["perspective"]
    goal: CommentedMap = to_node(
        {**fields, "indicator": f"{position}/{indicator['id']}", "key_results": [node]}
    )
    return goal


def _plan_goal(framework: Mapping[str, Any]) -> CommentedMap:
    """The neutral goal for a plan's open items: no kind, no cycle, no item of the plan."""
    milestone = next((c["id"] for c in framework.get("curves", ()) if c["kind"] == "binary"), None)
    key_result: dict[str, Any] = {"id": PLAN_GOAL_ID, "metric": PLAN_GOAL_METRIC}
    if milestone is not None:
        key_result["curve"] = milestone
    key_result["weight"] = 100
    goal: CommentedMap = to_node(
        {
            "id": PLAN_GOAL_ID,
            "title": PLAN_GOAL_TITLE,
            "weight": PLAN_GOAL_WEIGHT,
            "local": to_node({"reason": PLAN_GOAL_REASON}, flow=True),
            "key_results": [key_result],
        }
    )
    return goal


def _curve_kind(framework: Mapping[str, Any], curve: str | None) -> str:
    curves = {c["id"]: c["kind"] for c in framework.get("curves", ())}
    return str(curves.get(curve or framework.get("default_curve", ""), ""))


def review_text(
    cycle_id: str,
    person: Person,
    evaluators: Sequence[str],
    evaluation_end: str,
    peers: Sequence[str] = (),
    by: str = "perfcode cycle open",
) -> str:
    """A review scaffold: a draft assessment by each single evaluator who has a name, and by
    each nominated peer."""
    reviewers = {"self": person.id, "manager": person.manager}
    assessments = [
        {"reviewer": reviewers[name], "relationship": name}
        for name in evaluators
        if reviewers.get(name) is not None
    ]
    assessments += [{"reviewer": peer, "relationship": "peer"} for peer in peers]
    header = [
        f"Review of {person.id} in {cycle_id}, scaffolded by `{by}`.",
        f'Each reviewer writes their assessment and sets submitted: "YYYY-MM-DD" by {evaluation_end}.',
    ]
    if peers:
        header.append("Peers: change who is asked with `perfcode nominate` before they start.")
    data = {"person": person.id, "cycle": cycle_id_value(cycle_id), "assessments": assessments}
    return new_text(data, header)
