"""Closing a cycle: what still keeps it open, and the cycle file marked closed.

A cycle closes when nothing is outstanding (:mod:`perfcode.tracking`: goals, actuals,
assessments, final ratings, feedback, acknowledgements, appeal decisions) and no file of
the organisation or of the cycle has an error. Closing sets ``status: closed`` and
``closed: <day>`` in the cycle file; the command then commits that file and tags the
commit ``perf/<cycle>`` (annotated), so the data behind every rating can be restored.
"""

from __future__ import annotations

from perfcode.check import CheckResult
from perfcode.edit import Editable, date
from perfcode.report import line_of
from perfcode.tracking import status


def blockers(result: CheckResult, cycle_id: str, today: str) -> list[str]:
    """Everything that keeps the cycle from closing, one line each."""
    scope = ("org/", f"goals/{cycle_id}/", f"reviews/{cycle_id}/")
    lines = [line_of(f) for f in result.findings if f.severity == "error" and f.path.startswith(scope)]
    for item in status(result.repo, cycle_id, today).items:
        lines.append(f"{item.path}: {item.text} (due {item.due})")
    return lines


def closed_text(text: str, today: str) -> str:
    """The cycle file's text with ``status: closed`` and ``closed: "<today>"``."""
    editable = Editable(text)
    data = editable.data
    data["status"] = "closed"
    if "closed" in data:
        data["closed"] = date(today)
    else:
        data.insert(list(data).index("status") + 1, "closed", date(today))
    return editable.text()


def tag_name(cycle_id: str) -> str:
    return f"perf/{cycle_id}"
