"""The one fatal error type: a usage or configuration problem (exit code 2)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class UsageError(Exception):
    """The command cannot run as asked: a bad flag, a missing repository, no schemas."""


def unknown(what: str, ident: str, known: Iterable[str], where: str) -> UsageError:
    """The one error for an id that names nobody, whichever command meets it:
    ``unknown person 'dan-evan' (or their file fails perfcode check); did you mean 'dan-evans'?``
    (else where to look: ``see org/people/``)."""
    close = difflib.get_close_matches(ident, sorted(known), n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'?" if close else f"see {where}"
    return UsageError(f"unknown {what} '{ident}' (or their file fails perfcode check); {hint}")
