"""Amending a closed cycle's record: an appeal decided after the close, and nothing else.

The person's result is derived again from the cycle's own files (the review now carries
the decision) under the framework the record kept, so a framework changed since the close
does not leak into the amendment; the earlier final rating and its source stay in the
record's ``amendments``.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from perfcode.errors import UsageError
from perfcode.model import Repository
from perfcode.records import SealedCycle, text_of
from perfcode.scoring.cycle import score_people
from perfcode.scoring.output import person_json
from perfcode.scoring.whatif import unsealed


def amended_record(root: Path, repo: Repository, sealed: SealedCycle, person: str, today: str) -> str:
    """The person's record with the appeal's decision carried in."""
    record = sealed.people.get(person)
    if record is None:
        raise UsageError(f"'{person}' has no record in {sealed.id}: they did not take part")
    appeal = (sealed.documents.get(f"reviews/{sealed.id}/{person}.yaml") or {}).get("appeal") or {}
    if appeal.get("decision") != "amended" or "rating" not in appeal:
        raise UsageError(
            f"the review of '{person}' in {sealed.id} records no amended appeal: the appeal body records "
            "decision: amended, decided and rating in it first"
        )
    result = _result_under_record(repo, sealed, person)
    before = record["result"]
    if before.get("final_rating") == result["final_rating"]:
        raise UsageError(
            f"the record of '{person}' in {sealed.id} already says final rating {result['final_rating']}"
        )
    amendment = {
        "date": today,
        "decided": appeal["decided"],
        "final_rating": {"from": before.get("final_rating"), "to": result["final_rating"]},
        "rating_source": {"from": before.get("rating_source"), "to": result["rating_source"]},
    }
    files = [{"path": f["path"], "blob": sealed.blobs.get(f["path"], f["blob"])} for f in record["files"]]
    data = {**record, "result": result, "files": files, "amendments": [*record["amendments"], amendment]}
    return text_of(sealed.id, f"the record of {person}", data)


def _result_under_record(repo: Repository, sealed: SealedCycle, person: str) -> dict[str, Any]:
    model = dataclasses.replace(unsealed(repo, sealed.id), framework=sealed.record["framework"]["content"])
    for found in score_people(model, sealed.id):
        if found.person.id == person:
            return person_json(found)
    raise UsageError(f"'{person}' does not take part in {sealed.id} when it is derived again")
