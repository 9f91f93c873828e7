"""Today: the day every command and the site take as today when none is given.

``$PERFCODE_TODAY`` (``YYYY-MM-DD``) pins it, so that a site build, a command in a script
or the README's examples give the same result on any day; unset, it is the system's date.
"""

from __future__ import annotations

import datetime
import os

TODAY_VARIABLE = "PERFCODE_TODAY"


def today() -> str:
    """``$PERFCODE_TODAY`` when set, else the calendar day; ValueError for a value that is
    not a date."""
    given = os.environ.get(TODAY_VARIABLE, "").strip()
    if not given:
        return datetime.date.today().isoformat()
    try:
        return datetime.date.fromisoformat(given).isoformat()
    except ValueError:
        raise ValueError(f"'{given}' is not a date like 2026-03-31") from None
