"""Findings: the problems that loading, schemas and rules report, as plain values.

A finding points into a file either by line and column (loader problems, which know
where they are) or by a JSON pointer into the document (schema and rule problems); the
pointer is turned into a line and column only for files that have findings
(:func:`perfcode.locate.locate`), so clean files are never re-read for positions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]
PointerPart = str | int


@dataclass(frozen=True, order=True)
class Finding:
    """One problem: where it is, which rule found it, what is wrong and how to fix it."""

    path: str
    line: int
    column: int
    code: str
    message: str
    severity: Severity = "error"
    hint: str = ""
    pointer: tuple[PointerPart, ...] = field(default=(), compare=False)

    @property
    def text(self) -> str:
        """The message with its hint, as every output format shows it."""
        return f"{self.message}; {self.hint}" if self.hint else self.message


def at(
    path: str,
    pointer: tuple[PointerPart, ...],
    code: str,
    message: str,
    hint: str = "",
    severity: Severity = "error",
) -> Finding:
    """A finding located by a JSON pointer, to be given a line and column later."""
    return Finding(path, 0, 0, code, message, severity, hint, pointer)
