"""Progress: a one-line counter on the terminal for commands that touch many files.

Shown on standard error, and only when it is a terminal and the ``CI`` variable is not
set, so that piped output, logs and CI runs stay free of carriage returns.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator, Sequence
from typing import TextIO, TypeVar

T = TypeVar("T")

MIN_ITEMS = 20
"""Fewer items than this finish before a counter would be worth reading."""


def enabled(stream: TextIO) -> bool:
    return stream.isatty() and not os.environ.get("CI")


def track(items: Sequence[T], label: str, stream: TextIO | None = None) -> Iterator[T]:
    """Yield the items, showing ``label: n/total`` while they are processed."""
    out = stream or sys.stderr
    if len(items) < MIN_ITEMS or not enabled(out):
        yield from items
        return
    shown = 0.0
    for done, item in enumerate(items, 1):
        yield item
        now = time.monotonic()
        if now - shown > 0.1 or done == len(items):
            out.write(f"\r{label}: {done}/{len(items)}")
            out.flush()
            shown = now
    out.write("\r\x1b[K")
    out.flush()
