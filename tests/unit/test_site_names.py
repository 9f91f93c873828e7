"""Names withheld from published words: full names, name parts, ids and GitHub handles."""

from __future__ import annotations

import pytest

from perfcode.model import Person, Where
from perfcode.site.names import WITHHELD, Names


def person(ident: str, name: str, github: str | None) -> Person:
    return Person(ident, name, f"{ident}@x.example", github, "u", "p", None, "c", Where("x"))


NAMES = Names(
    [person("sanne-de-vries", "Sanne de Vries", "sannedv"), person("li-wei", "Li Wei", "sofia-and")]
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sanne de Vries added a reminder.", f"{WITHHELD} added a reminder."),
        ("sanne-de-vries and @sannedv", f"{WITHHELD} and @{WITHHELD}"),
        ("SANNE's team; de Vries agreed.", f"{WITHHELD}'s team; de {WITHHELD} agreed."),
        ("Li Wei, Li and Wei", f"{WITHHELD}, Li and {WITHHELD}"),
        ("The review and the sofia-and handle", f"The review and the {WITHHELD} handle"),
        ("Nothing to withhold.", "Nothing to withhold."),
    ],
)
def test_withhold(text: str, expected: str) -> None:
    assert NAMES.withhold(text) == expected


def test_no_people_withholds_nothing() -> None:
    assert Names([]).withhold("Sanne de Vries") == "Sanne de Vries"
