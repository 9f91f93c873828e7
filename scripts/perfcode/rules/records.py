"""Record rules (PC8xx): a closed cycle stays what its record says it was.

A closed cycle's files are checked against the blob ids its record lists (see
:mod:`perfcode.records`); no other rule runs over them, so a transfer, a leaver or a new
framework after the close never turns them red.
"""

from __future__ import annotations

from collections.abc import Iterator

from perfcode.findings import Finding
from perfcode.model import Where
from perfcode.records import SealedCycle, person_record_path
from perfcode.rules import Context, rule
from perfcode.rules.common import finding


@rule(
    "PC801",
    "closed-cycle-changed",
    "A file of a closed cycle is not what the cycle's record says it was.",
    """
    Closing a cycle writes its record (reviews/<cycle>/record.yaml and record/<person>.yaml),
    which lists the git blob id of every file of the cycle. The check compares each file
    with it: a file changed, added or removed since the close is an error, since what
    the cycle decided would no longer match the data behind it. The one change a closed
    cycle takes is an appeal decided after the close: the appeal body records the decision
    in the review and `perfcode cycle amend <cycle> <person>` carries it into the record.
    """,
)
def closed_cycle_changed(ctx: Context) -> Iterator[Finding]:
    for sealed in ctx.repo.sealed.values():
        yield from _changed(sealed)


def _changed(sealed: SealedCycle) -> Iterator[Finding]:
    listed = sealed.listed()

    def restore(path: str) -> str:
        return f"restore it as it was at the close (git checkout perf/{sealed.id} -- {path})"

    for path, blob in sorted(sealed.blobs.items()):
        if path not in listed:
            yield finding(
                Where(path),
                "PC801",
                f"{sealed.id} is closed, and its record does not list this file",
                "remove it: a closed cycle takes no new files",
            )
        elif listed[path][0] != blob:
            yield finding(
                Where(path),
                "PC801",
                f"{sealed.id} is closed, and this file changed since its record was made",
                restore(path) + "; an appeal decided after the close is carried in by perfcode cycle amend",
            )
    for path, (_, where) in sorted(listed.items()):
        if path not in sealed.blobs:
            yield finding(
                where,
                "PC801",
                f"{sealed.id} is closed, and '{path}' that its record lists is missing",
                restore(path),
            )


@rule(
    "PC802",
    "appeal-not-recorded",
    "An appeal decided after a cycle closed is not carried into its record.",
    """
    When the appeal body amends a rating after the close, the review records the decision
    and the person's record must say the same final rating: run
    `perfcode cycle amend <cycle> <person>`, which updates the record and keeps the earlier
    values in its amendments.
    """,
)
def appeal_not_recorded(ctx: Context) -> Iterator[Finding]:
    for sealed in ctx.repo.sealed.values():
        for person, data in sorted(sealed.people.items()):
            review = sealed.documents.get(f"reviews/{sealed.id}/{person}.yaml")
            appeal = (review or {}).get("appeal") or {}
            if appeal.get("decision") != "amended" or "rating" not in appeal:
                continue
            recorded = data["result"].get("final_rating")
            if recorded != appeal["rating"]:
                yield finding(
                    Where(person_record_path(sealed.id, person), ("result", "final_rating")),
                    "PC802",
                    f"the appeal of '{person}' in {sealed.id} amended the rating to {appeal['rating']}, "
                    f"and the record still says {recorded}",
                    f"run perfcode cycle amend {sealed.id} {person}",
                )


@rule(
    "PC803",
    "framework-changed-mid-cycle",
    "The framework changed during a running cycle after its planning, without the committee adopting it.",
    """
    A cycle is judged under the framework in force when it opened: `perfcode cycle open`
    writes its version in the cycle file (framework: {version: N}). Once planning has
    closed, a new framework version applies to the running cycle only when the committee
    adopts it there, with a reason (framework: {version: M, adopted, reason, approved_by}),
    the same way targets are locked after planning; otherwise finish the cycle first and
    raise the version after its close.
    """,
)
def framework_changed_mid_cycle(ctx: Context) -> Iterator[Finding]:
    current = (ctx.repo.framework or {}).get("version")
    if current is None:
        return
    for cycle in ctx.repo.cycles.values():
        recorded = (ctx.repo.files.get(cycle.where.path) or {}).get("framework") or {}
        version = recorded.get("version")
        if version is None or version == current or ctx.today <= cycle.phases["planning"][1]:
            continue
        yield finding(
            cycle.where / "framework",
            "PC803",
            f"the framework is version {current}, and {cycle.id} is judged under version {version}: "
            f"it changed after planning closed on {cycle.phases['planning'][1]}",
            f"the committee adopts it for {cycle.id} with framework: {{version: {current}, adopted, reason, "
            "approved_by}, or the change waits until the cycle closes",
        )
