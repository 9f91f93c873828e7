"""Parts: where a file's confidential values sit, and who reads each.

A review written in plain text (``reviews/<cycle>/<person>.yaml`` as people edit it) and
its encrypted form have the same keys down to each part:

```yaml
assessments:
  - reviewer: olivia-brennan        # kept: who wrote it, how they relate, when
    relationship: manager
    submitted: "2026-07-02"
    encrypted: |                    # rating, competencies, strengths, improvements, comments
      -----BEGIN AGE ENCRYPTED FILE-----
    recipients: [SHA256:..., ...]
calibration: {encrypted: ..., recipients: [...]}        # always present; empty when unused
final_rating: {encrypted: ..., recipients: [...]}
feedback: {meeting: ..., acknowledged: ..., encrypted: ..., recipients: [...]}  # the comment
appeal:                                                  # filed, grounds
  encrypted: ...
  recipients: [...]
  decision: {encrypted: ..., recipients: [...]}          # decision, decided, rating
plan: {encrypted: ..., recipients: [...]}
```

so a diff, and the pull-request policy, see which part changed without reading it. The
``audience`` of a part names who reads it (:mod:`perfcode.crypt.recipients`).
"""

from __future__ import annotations

from dataclasses import dataclass

ENCRYPTED = "encrypted"
RECIPIENTS = "recipients"


@dataclass(frozen=True)
class Part:
    """One part: its place (``*``: every entry of a list), the plain keys kept beside the
    ciphertext, the keys it takes from its parent when it nests (the appeal's decision),
    and its audience."""

    path: tuple[str, ...]
    audience: str
    keep: tuple[str, ...] = ()
    takes: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return ".".join(p for p in self.path if p != "*")


REVIEW = (
    Part(("assessments", "*"), "assessment", keep=("reviewer", "relationship", "submitted")),
    Part(("calibration",), "calibration"),
    Part(("final_rating",), "rating"),
    Part(("feedback",), "subject", keep=("meeting", "acknowledged")),
    Part(("appeal",), "appeal", takes=("filed", "grounds")),
    Part(("appeal", "decision"), "appeal", takes=("decision", "decided", "rating")),
    Part(("plan",), "subject"),
)
PERSON_RECORD = (
    Part(("result",), "record"),
    Part(("amendments",), "record"),
)
PARTS = {"review": REVIEW, "person-record": PERSON_RECORD}
"""The encrypted parts of each file kind; every other kind is plain."""
