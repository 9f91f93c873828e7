"""Loading and schema codes (PC0xx): reported by the loader and the schema step."""

from __future__ import annotations

from perfcode.rules import Rule, register

for _code, _name, _summary, _explanation in (
    (
        "PC001",
        "yaml-syntax",
        "The file is not valid YAML.",
        "The parser stopped at the position shown. Common causes: a missing space after a "
        "colon, an unclosed quote or bracket, or wrong indentation.",
    ),
    (
        "PC002",
        "duplicate-key",
        "A mapping has the same key twice.",
        "YAML parsers silently keep the last of two equal keys, so a duplicate usually hides "
        "an edit that was lost. Keep one of the two.",
    ),
    (
        "PC003",
        "anchor-alias",
        "Anchors and aliases are not allowed.",
        "Anchors (&name) and aliases (*name) make one value stand in many places; nested they "
        "multiply into an 'alias bomb'. Data files write every value out in full.",
    ),
    (
        "PC004",
        "file-too-large",
        "The file is over the size cap (1 MiB).",
        "No real data file comes close to the cap; a larger one is refused unread so that a "
        "mistake or an attack cannot exhaust memory. Keep one entity per file.",
    ),
    (
        "PC005",
        "not-utf8",
        "The file is not valid UTF-8.",
        "Every data file is UTF-8. Save the file with UTF-8 encoding.",
    ),
    (
        "PC006",
        "tab-indent",
        "A tab is used for indentation.",
        "YAML forbids tabs for indentation. Indent with spaces (two per level).",
    ),
    (
        "PC007",
        "unreadable",
        "The file cannot be read, or is a link outside the repository.",
        "Data files are regular files inside the repository; a symbolic link that points "
        "outside it is refused so that a pull request cannot make the checker read other files.",
    ),
    ("PC008", "empty-file", "The file is empty.", "Fill the file in or delete it."),
    (
        "PC009",
        "unknown-file",
        "A YAML file is not in a known place.",
        "Data files live at fixed paths (see the file kinds); a file elsewhere would be "
        "silently ignored, so it is reported instead. '.yml' files are reported too: use '.yaml'.",
    ),
    (
        "PC010",
        "schema",
        "A value does not match the file kind's schema.",
        "The message names the field and what was expected; the schema in schemas/ describes every field.",
    ),
    (
        "PC011",
        "unknown-key",
        "A key is not part of the file kind's schema.",
        "Unknown keys are refused so that a typo never silently drops data; the hint suggests "
        "the closest known key.",
    ),
    (
        "PC012",
        "bidi-control",
        "The file holds a bidirectional control character.",
        "Bidirectional controls and marks (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, "
        "U+061C) reorder the text shown around them, so a title or a comment can read one way "
        "in a diff and hold another (https://trojansource.codes). They are refused anywhere "
        "in a data file; right-to-left text needs none of them.",
    ),
    (
        "PC013",
        "encrypted-part",
        "An encrypted review part cannot be read as it should.",
        "Review parts are encrypted with age to the people entitled to read them. With an "
        "identity (PERFCODE_IDENTITY, or ~/.ssh/id_ed25519) the check decrypts the parts it "
        "can, in memory only, and checks them against the review schema; a part that does not "
        "match it, or an identity file that cannot be used, is reported without the value.",
    ),
):
    register(Rule(_code, _name, "error", _summary, _explanation))
