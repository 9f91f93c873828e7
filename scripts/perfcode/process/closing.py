"""Closing a cycle: what still keeps it open, and the cycle file marked closed.

A cycle closes when nothing is outstanding (:func:`perfcode.tracking.status`, the list
`perfcode cycle status` and the site's tracker show: goals, the actuals of every goal file
the company's and the units' included, assessments, final ratings, feedback,
acknowledgements, appeal decisions) and no file of the organisation or of the cycle has an
error. Closing sets ``status: closed`` and
``closed: <day>`` in the cycle file; the command then commits that file and tags the
commit ``perf/<cycle>`` (annotated), so the data behind every rating can be restored.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from perfcode.check import CheckResult
from perfcode.edit import Editable, date
from perfcode.load import blob_id, data_paths
from perfcode.model import Repository
from perfcode.records import FORMAT, fingerprint, is_record, person_record_path, record_path, text_of
from perfcode.report import line_of
from perfcode.scoring.cycle import score_cycle
from perfcode.scoring.output import payload
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


def record_texts(root: Path, repo: Repository, cycle_id: str, today: str, cycle_text: str) -> dict[str, str]:
    """The record of the cycle and of each participant (path -> text), as of the close.

    ``cycle_text`` is the cycle file as the close rewrites it: the record lists its blob.
    """
    scores = payload(score_cycle(repo, cycle_id, today))
    cycle = repo.cycles[cycle_id]
    written = {cycle.where.path: cycle_text}
    claimed: set[str] = set()
    texts: dict[str, str] = {}
    for result in scores["people"]:
        person = repo.people[result["person"]].on(cycle.phases["evaluation"][0])
        own = [
            f"goals/{cycle_id}/people/{person.id}.yaml",
            f"reviews/{cycle_id}/{person.id}.yaml",
            f"reviews/{cycle_id}/coaching/{person.id}.yaml",
        ]
        own = [p for p in own if (root / p).is_file()]
        claimed.update(own)
        data = {
            "format": FORMAT,
            "cycle": cycle_id,
            "person": person.id,
            "judged_as": {
                "name": person.name,
                "email": person.email,
                "unit": person.unit,
                "manager": person.manager,
                "position": person.position,
                "class": person.cls,
            },
            "result": result,
            "files": _listed(root, own, written),
            "amendments": [],
        }
        texts[person_record_path(cycle_id, person.id)] = text_of(cycle_id, f"the record of {person.id}", data)
    others = [
        rel
        for rel in data_paths(root)
        if rel.split("/")[1:2] == [cycle_id] and rel not in claimed and not is_record(rel)
    ]
    texts[record_path(cycle_id)] = text_of(
        cycle_id,
        "what the cycle decided",
        {
            "format": FORMAT,
            "cycle": cycle_id,
            "closed": today,
            "period": {"start": cycle.start, "end": cycle.end},
            "framework": {
                "version": (repo.framework or {}).get("version"),
                "fingerprint": fingerprint(repo.framework),
                "content": repo.framework,
            },
            "scores": {
                key: scores[key] for key in ("today", "elapsed", "rounding", "company", "units", "coverage")
            },
            "participants": [result["person"] for result in scores["people"]],
            "files": _listed(root, others, written),
        },
    )
    return texts


def _listed(root: Path, paths: list[str], written: dict[str, str]) -> list[dict[str, Any]]:
    """Each path with the blob id of its bytes (as written by the close, or on disk)."""
    listed = []
    for rel in sorted(paths):
        raw = written[rel].encode("utf-8") if rel in written else (root / rel).read_bytes()
        listed.append({"path": rel, "blob": blob_id(raw)})
    return listed
