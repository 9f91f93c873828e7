"""Markdown for GitHub: phrases whose YAML-derived parts can never become markup.

A *phrase* is a sequence of our own fixed text and :class:`Code` parts. Every string that
comes from YAML (or from a file name in a pull request) is a ``Code`` part and is written
as a code span: inside one, GitHub renders no HTML, no links or autolinks, no @mentions,
no #references and no emphasis (https://github.github.com/gfm/#code-spans). The span's
fence is longer than any backtick run in the text, line breaks become spaces, and in a
table cell a pipe is written ``\\|``, which GFM reads as part of the cell even inside a
code span (https://github.github.com/gfm/#tables-extension-).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_BACKTICKS = re.compile(r"`+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


@dataclass(frozen=True)
class Code:
    """Text from YAML or a file name: shown literally, as a code span."""

    text: str


Phrase = Sequence[str | Code]


def code_span(text: str, table: bool = False) -> str:
    """``text`` as a code span that shows exactly the text (spaces for line breaks)."""
    text = _CONTROL.sub(" ", text)
    if not text.strip():
        return "(empty)"
    if table:
        text = text.replace("|", "\\|")
    fence = "`" * (max((len(run) for run in _BACKTICKS.findall(text)), default=0) + 1)
    pad = " " if text[0] in "` " or text[-1] in "` " else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def markdown(phrase: Phrase, table: bool = False) -> str:
    return "".join(part if isinstance(part, str) else code_span(part.text, table) for part in phrase)


def plain(phrase: Phrase) -> str:
    return "".join(part if isinstance(part, str) else part.text for part in phrase)
