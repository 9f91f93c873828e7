"""Names withheld: people's names, ids and GitHub handles taken out of published text.

Words a governance body writes for everyone (a report's problems, the committee's
decisions, a retrospective) must not point at one person. Every person's full name, each
part of their name of three letters or more, their id and their GitHub handle is replaced
by :data:`WITHHELD`, whatever its case (a word that happens to be someone's name is
withheld too: better a word too many than a name). Matching goes word by word against a set of known
word sequences, so it costs the same for ten people or a hundred thousand.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from perfcode.model import Person

WITHHELD = "[name withheld]"
_WORD = re.compile(r"[^\W_]+")


class Names:
    """The names of the given people, to withhold from text."""

    def __init__(self, people: Iterable[Person]) -> None:
        known: set[tuple[str, ...]] = set()
        for person in people:
            for text in (person.name, person.id, person.github or ""):
                words = tuple(w.casefold() for w in _WORD.findall(text))
                if words:
                    known.add(words)
            known.update((w.casefold(),) for w in _WORD.findall(person.name) if len(w) >= 3)
        self.known = known
        self.longest = max((len(k) for k in known), default=0)

    def withhold(self, text: str) -> str:
        """``text`` with every known name replaced by :data:`WITHHELD`."""
        words = list(_WORD.finditer(text))
        out, cursor, i = [], 0, 0
        while i < len(words):
            length = self._match(words, i)
            if length:
                out += [text[cursor : words[i].start()], WITHHELD]
                cursor, i = words[i + length - 1].end(), i + length
            else:
                i += 1
        return "".join([*out, text[cursor:]])

    def _match(self, words: list[re.Match[str]], start: int) -> int:
        for length in range(min(self.longest, len(words) - start), 0, -1):
            key = tuple(w.group().casefold() for w in words[start : start + length])
            if key in self.known:
                return length
        return 0
