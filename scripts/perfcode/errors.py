"""The one fatal error type: a usage or configuration problem (exit code 2)."""

from __future__ import annotations


class UsageError(Exception):
    """The command cannot run as asked: a bad flag, a missing repository, no schemas."""
