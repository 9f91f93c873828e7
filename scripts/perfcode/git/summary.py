"""Summary: a diff report (:mod:`perfcode.git.diff`) as Markdown for GitHub, or as JSON.

GitHub's limits: a job summary (``$GITHUB_STEP_SUMMARY``) holds at most 1 MiB and a
pull-request comment 65,536 characters. The Markdown is written in full when it fits the
limit (by default 65,536 characters, which fits both); otherwise each file is summarised
to its number of changes; if even that does not fit, it is cut at the limit with a note.
Every string from YAML or a file name is written as a code span (:mod:`perfcode.git.markdown`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from perfcode.git.changes import MISSING
from perfcode.git.diff import FileReport, Report, ScoreChange
from perfcode.git.markdown import code_span, markdown, plain

COMMENT_LIMIT = 65_536
SECTIONS: tuple[tuple[str, frozenset[str]], ...] = (
    ("Organisation", frozenset({"company", "framework", "governance", "unit", "person", "position"})),
    ("Cycles", frozenset({"cycle"})),
    ("Goals", frozenset({"company-goals", "unit-goals", "person-goals"})),
    ("Reviews", frozenset({"review", "calibration", "coaching"})),
    ("Governance records", frozenset({"report"})),
    ("Other files", frozenset({"other"})),
)
SUMMARISED = "_Summarised to fit GitHub's limits: run `perfcode diff BASE HEAD` for every change._"
CUT = "_Cut at GitHub's limits: run `perfcode diff BASE HEAD` for everything._"


def to_markdown(report: Report, limit: int = COMMENT_LIMIT) -> str:
    """The report in full if it fits ``limit`` characters, else summarised, else cut."""
    lines: list[str] = []
    for detail in (True, False):
        lines = _lines(report, detail)
        text = "\n".join(lines) + "\n"
        if len(text) <= limit:
            return text
    return _cut(lines, limit)


def _lines(report: Report, detail: bool) -> list[str]:
    count = len(report.files)
    changed = f"{count} data file{'s' if count != 1 else ''} changed" if count else "no data file changed"
    lines = [
        "## What this change means",
        "",
        f"From {code_span(report.base)} to {code_span(report.head)}: {changed}.",
    ]
    for title, kinds in SECTIONS:
        files = [f for f in report.files if f.kind in kinds]
        if files:
            lines += ["", f"### {title}", ""] if not detail else ["", f"### {title}"]
            for file in files:
                lines += _file_lines(file, detail)
    if report.scores:
        lines += [
            "",
            "### Effect on scores",
            "",
            "| cycle | who | measure | before | after |",
            "| --- | --- | --- | ---: | ---: |",
        ]
        lines += [_score_row(row) for row in report.scores]
    if report.notes:
        lines += ["", "### Notes", "", *(f"- {markdown(note)}" for note in report.notes)]
    return lines if detail else [*lines, "", SUMMARISED]


def _file_lines(file: FileReport, detail: bool) -> list[str]:
    if not detail:
        count = len(file.changes)
        return [f"- {code_span(file.path)} ({file.status}): {count} change{'s' if count != 1 else ''}"]
    return [
        "",
        f"**{code_span(file.path)}** ({file.status})",
        "",
        *(f"- {markdown(line)}" for line in file.lines),
    ]


def _score_row(row: ScoreChange) -> str:
    who = "company" if row.level == "company" else f"{row.level} {code_span(row.subject, table=True)}"
    measure = f"{row.measure} (projected)" if row.projected else row.measure
    cells = (code_span(row.cycle, table=True), who, measure, row.before or "-", row.after or "-")
    return "| " + " | ".join(cells) + " |"


def _cut(lines: list[str], limit: int) -> str:
    budget = limit - len(CUT) - 2
    kept: list[str] = []
    for line in lines:
        budget -= len(line) + 1
        if budget < 0:
            break
        kept.append(line)
    return "\n".join([*kept, "", CUT]) + "\n"


def to_json(report: Report) -> str:
    payload = {
        "base": report.base,
        "head": report.head,
        "files": [_file_json(f) for f in report.files],
        "scores": [
            {
                "cycle": row.cycle,
                "level": row.level,
                "subject": row.subject,
                "measure": row.measure,
                "before": row.before,
                "after": row.after,
                "projected": row.projected,
            }
            for row in report.scores
        ],
        "notes": [plain(note) for note in report.notes],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def _file_json(file: FileReport) -> dict[str, Any]:
    changes = [
        {
            "field": change.field,
            "change": change.kind,
            "old": _jsonable(change.old),
            "new": _jsonable(change.new),
            "text": plain(line),
        }
        for change, line in zip(file.changes, file.lines, strict=False)
    ]
    problem = plain(file.lines[0]) if not file.changes and file.lines else None
    return {
        "path": file.path,
        "kind": file.kind,
        "status": file.status,
        "changes": changes,
        "problem": problem,
    }


def _jsonable(value: Any) -> Any:
    if value is MISSING:
        return None
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value
