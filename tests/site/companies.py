"""The fixture companies of the site tests, made from the minimal company.

- the *canary* company has a unique canary string in every private field (review text,
  competency comments, calibration reasons and notes, feedback comments, appeal grounds,
  plan items, coaching notes, agreed actions and the employee's comments, a report's
  problem notes), and an improvement plan with open items handed over by `perfcode cycle
  open` to the next cycle's goals: none may reach the built site, nor the plan's kind, nor
  the name of a problem's owner;
- the *hostile* company has a corpus of hostile strings in every public text field: they
  must show as text and execute nothing.
"""

from __future__ import annotations

import itertools
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sitebuild import site_company

from support import edit, replace, write

CANARY = "zqcanary"
REVIEWED = ("dana-diaz", "eli-evans", "kim-kato", "lee-lund", "pat-park", "sam-stone")

HOSTILE = (
    '<script>alert("h01")</script>',
    '<img src=x onerror=alert("h02")>',
    '"><svg onload=alert("h03")>',
    "javascript:alert('h04')",
    '[h05](javascript:alert("h05"))',
    "| h06 | table |",
    '{{ "h07" * 7 }} {% if true %}h07{% endif %}',
    '%%{init: {"securityLevel": "loose"}}%% h08',
    'h09"] --> X["x',
    "click n0 call alert(h10)",
    '&lt;script&gt;alert("h11")&lt;/script&gt;',
    '</title><script>alert("h12")</script>',
    "<a href='javascript:alert(13)'>h13</a>",
    '<iframe srcdoc="<script>alert(14)</script>"></iframe>',
    "**h15** _x_ `code` <!-- h15 -->",
    "<style>*{display:none}</style>h16",
)


def _counter() -> Callable[[str], str]:
    numbers = itertools.count(1)
    return lambda field: f"{CANARY}{next(numbers):03d}{field}"


def canary_company(dest: Path) -> Path:
    root = site_company(dest)
    canary = _counter()
    for person in REVIEWED:
        edit(root, f"reviews/2026-H1/{person}.yaml", lambda review: _plant(review, canary))
    edit(root, "reviews/2026-H1/calibration.yaml", lambda record: _plant_calibration(record, canary))
    _plant_coaching(root, canary)
    _hand_over_a_plan(root)
    write(root, "governance/reports/2026-H2/engineering-promotion.yaml", _report(canary))
    return root


def _report(canary: Callable[[str], str]) -> str:
    """A report whose problem names its owner in its published words, and keeps notes."""
    return (
        "group: engineering-promotion\ncycle: 2026-H2\nreports:\n"
        '  - date: "2026-10-30"\n    figures: {as_of: "2026-10-30", participants: 1, late: [{step: coaching, people: 1}]}\n'
        "    progress: Coaching started late.\n"
        "problems:\n  - id: coaching\n    title: Kim Kato has had no coaching conversation\n"
        '    found: "2026-10-30"\n    owner: eli-evans\n    due: "2026-11-15"\n    status: open\n'
        "    actions: [eli-evans (@eli-evans) holds it this week]\n"
        f"    notes: {canary('report-notes')}\n"
    )


def _plant_coaching(root: Path, canary: Callable[[str], str]) -> None:
    """Coaching records of both participants of 2026-H2, whose class is coached every 60 days."""
    replace(
        root,
        "org/framework.yaml",
        "    name: Professional\n",
        "    name: Professional\n    coaching: {every_days: 60}\n",
    )
    for person, coach in (("kim-kato", "eli-evans"), ("sam-stone", "dana-diaz")):
        write(
            root,
            f"reviews/2026-H2/coaching/{person}.yaml",
            f"person: {person}\ncycle: 2026-H2\nconversations:\n"
            f'  - date: "2026-08-12"\n    coach: {coach}\n    notes: {canary("coaching-notes")}\n'
            f"    actions:\n      - {{action: {canary('coaching-action')}}}\n"
            f"    employee_comment: {canary('coaching-comment')}\n",
        )


def _hand_over_a_plan(root: Path) -> None:
    """lee-lund's improvement plan (its items canaries) left open, and 2026-H2 opened for him."""
    edit(root, "reviews/2026-H1/lee-lund.yaml", _reopen_plan)
    edit(root, "goals/2026-H2/cycle.yaml", lambda cycle: {k: v for k, v in cycle.items() if k != "exclude"})
    command = [sys.executable, "-m", "perfcode", "--root", str(root), "cycle", "open", "2026-H2"]
    run = subprocess.run([*command, "--today", "2026-07-01"], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    edit(root, "goals/2026-H2/people/lee-lund.yaml", _fill_in)


def _fill_in(goals: dict[str, Any]) -> None:
    """The scaffold's gaps filled in, so the strict build runs; the handed-over goal as it came."""
    indicator, handed_over = goals["goals"]
    assert handed_over["title"] == "Development goal"
    indicator["weight"] = 90
    indicator["key_results"][0].update(threshold=80, target=90, stretch=95)


def _plant(review: dict[str, Any], canary: Callable[[str], str]) -> None:
    for assessment in review.get("assessments", ()):
        for field in ("strengths", "improvements", "comments"):
            assessment[field] = canary(field)
        for competency in assessment.get("competencies", ()):
            competency["comment"] = canary("competency")
    if "calibration" in review:
        review["calibration"]["reason"] = canary("calibration")
    if "feedback" in review:
        review["feedback"]["comment"] = canary("feedback")
    if "appeal" in review:
        review["appeal"]["grounds"] = canary("appeal")
    for item in review.get("plan", {}).get("items", ()):
        item["action"] = canary("plan")
        item["id"] = canary("-plan-item")


def _reopen_plan(review: dict[str, Any]) -> None:
    for item in review["plan"]["items"]:
        item["status"] = "open"


def _plant_calibration(record: dict[str, Any], canary: Callable[[str], str]) -> None:
    record["notes"] = canary("notes")
    record["exceptions"] = [
        {"scope": "unit:sales", "reason": canary("exception"), "approved_by": "performance-committee"}
    ]


def hostile_company(dest: Path) -> Path:
    root = site_company(dest)
    h = HOSTILE
    edit(root, "org/company.yaml", lambda c: _company(c))
    edit(root, "org/units/sales.yaml", lambda u: u.update(name=h[2], description=h[0]))
    edit(root, "org/units/engineering.yaml", lambda u: u.update(name=h[3], description=h[13]))
    edit(root, "org/people/sam-stone.yaml", lambda p: p.update(name=h[4]))
    edit(root, "org/people/kim-kato.yaml", lambda p: p.update(name=h[12]))
    edit(root, "org/positions/specialist.yaml", lambda p: p.update(title=h[5]))
    edit(root, "org/framework.yaml", _framework)
    edit(root, "org/governance.yaml", _governance)
    edit(root, "goals/2026-H2/cycle.yaml", lambda c: c.update(name=h[7]))
    edit(root, "goals/2026-H2/company.yaml", lambda f: _goal(f, h[9], h[14]))
    edit(root, "goals/2026-H2/units/sales.yaml", lambda f: _goal(f, h[6], h[1]))
    edit(root, "goals/2026-H2/people/sam-stone.yaml", _sam)
    return root


def _company(company: dict[str, Any]) -> None:
    company.update(name=HOSTILE[11], mission=HOSTILE[0], vision=HOSTILE[1])
    themes = company["strategy"]["themes"]
    themes[0].update(title=HOSTILE[7], description=HOSTILE[13])
    themes[1].update(title=HOSTILE[8])


def _framework(framework: dict[str, Any]) -> None:
    framework["scale"]["levels"][0]["label"] = HOSTILE[1]
    framework["scale"]["levels"][0]["description"] = HOSTILE[0]
    framework["competencies"][0]["name"] = HOSTILE[2]
    framework["classes"][0]["name"] = HOSTILE[3]
    framework["classes"][0]["description"] = HOSTILE[12]
    framework["curves"][0]["description"] = HOSTILE[4]
    framework["results_use"][0]["merit_band"] = "<b>h17</b>"


def _governance(governance: dict[str, Any]) -> None:
    governance["committee"].update(name=HOSTILE[5], description=HOSTILE[15], duties=[HOSTILE[6], HOSTILE[0]])
    governance["committee"]["reporting"]["to"] = HOSTILE[2]
    governance["support_group"]["training"] = [{"topic": HOSTILE[10], "audience": HOSTILE[9]}]


def _goal(goals: dict[str, Any], title: str, description: str) -> None:
    goals["goals"][0].update(title=title, description=description)


def _sam(goals: dict[str, Any]) -> None:
    goal = goals["goals"][0]
    goal.update(title=HOSTILE[13], description=HOSTILE[14])
    key_result = goal["key_results"][0]
    key_result.update(metric=HOSTILE[10], unit=HOSTILE[1][:50])
    key_result["check_ins"][-1]["note"] = HOSTILE[0]
    goal["revisions"] = [
        {"date": "2026-09-01", "change": HOSTILE[3], "reason": HOSTILE[12], "approved_by": "dana-diaz"}
    ]
