"""PC0xx: what the loader and the schema step report, seen through the whole check."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from support import coverage_tests, findings, replace, write

CODES = [f"PC{n:03}" for n in range(1, 14)]
"""PC013 (encrypted parts) is asserted in tests/unit/crypt/."""
SALES = "org/units/sales.yaml"
SAM = "org/people/sam-stone.yaml"


test_every_code_is_covered, test_clean_company_has_no_finding = coverage_tests("PC0", CODES)


@pytest.mark.parametrize(
    ("path", "text", "expected"),
    [
        pytest.param(
            SALES,
            "id: sales\nname: [Sales\nparent: acme\nhead: dana-diaz\n",
            "org/units/sales.yaml:3:7: PC001 YAML syntax error: did not find expected ',' or ']' while"
            " parsing a flow sequence; fix the YAML syntax at this position",
            id="PC001",
        ),
        pytest.param(
            SALES,
            "id: sales\nname: Sales\nparent: acme\nhead: dana-diaz\n[a, b]: x\n",
            "org/units/sales.yaml:5:1: PC001 a mapping key is a list or a mapping; write the key as plain text",
            id="PC001-list-key",
        ),
        pytest.param(
            SALES,
            "id: sales\nname: Sales\nparent: acme\nhead: dana-diaz\nname: Sales EMEA\n",
            "org/units/sales.yaml:5:1: PC002 duplicate key 'name' (first at line 2); keep one of the two entries",
            id="PC002",
        ),
        pytest.param(
            SALES,
            "id: sales\nname: &name Sales\nparent: acme\nhead: dana-diaz\ndescription: *name\n",
            "org/units/sales.yaml:2:7: PC003 anchors and aliases are not allowed; write the value out in full",
            id="PC003",
        ),
        pytest.param(
            SALES,
            "id: sales\nname: Sales\nparent: acme\nhead: dana-diaz\ndescription:\n\tSells.\n",
            "org/units/sales.yaml:6:1: PC006 a tab is used for indentation; indent with spaces",
            id="PC006",
        ),
        pytest.param(
            SALES,
            "# written later\n",
            "org/units/sales.yaml:1:1: PC008 the file is empty; fill it in or delete it",
            id="PC008",
        ),
        pytest.param(
            "org/units/marketing.yml",
            "id: marketing\n",
            "org/units/marketing.yml:1:1: PC009 not a known data file; rename it to .yaml",
            id="PC009-yml",
        ),
        pytest.param(
            "goals/2026-H1/notes.yaml",
            "todo: agree the goals\n",
            "goals/2026-H1/notes.yaml:1:1: PC009 not a known data file; data files are"
            " org/{company,framework,governance}.yaml, org/{units,people,positions}/<id>.yaml,"
            " goals/<cycle>/{cycle,company}.yaml, goals/<cycle>/{units,people}/<id>.yaml,"
            " reviews/<cycle>/{<person>,calibration,record}.yaml, reviews/<cycle>/coaching/<person>.yaml and"
            " governance/reports/<cycle>/<group>.yaml (and the generated record/<person>.yaml)",
            id="PC009",
        ),
        pytest.param(
            SALES,
            "id: sales\nname: Sales\nparent: [acme]\nhead: dana-diaz\n",
            "org/units/sales.yaml:3:1: PC010 'parent' must be a string, not a list; expected: A lower-case"
            " identifier made of `a-z`, `0-9` and `-`, starting with a letter or digit",
            id="PC010",
        ),
        pytest.param(
            SALES,
            "id: Sales\nname: Sales\nparent: acme\nhead: dana-diaz\n",
            "org/units/sales.yaml:1:1: PC010 'id' is 'Sales', which does not match ^[a-z0-9][a-z0-9-]*$;"
            " expected: A lower-case identifier made of `a-z`, `0-9` and `-`, starting with a letter or digit",
            id="PC010-pattern",
        ),
        pytest.param(
            SALES,
            "id: sales\nname: Sales\nparent: acme\nhead: dana-diaz\ndescripton: Sells.\n",
            "org/units/sales.yaml:5:1: PC011 unknown key 'descripton'; did you mean 'description'?",
            id="PC011",
        ),
        pytest.param(
            SALES,
            "id: sales\nname: Sales \u2067West\u2069\nparent: acme\nhead: dana-diaz\n",
            "org/units/sales.yaml:2:13: PC012 the bidirectional control character U+2067 can make the file read"
            " differently from its data; remove the character; write right-to-left text without controls",
            id="PC012",
        ),
    ],
)
def test_broken_file(company: Path, path: str, text: str, expected: str) -> None:
    write(company, path, text)
    assert findings(company) == [expected]


def test_a_broken_person_is_reported_once(company: Path) -> None:
    replace(company, SAM, "class:", "clas:")
    assert findings(company) == [
        "org/people/sam-stone.yaml:1:1: PC010 the document is missing the required key 'class'; expected:"
        " `org/people/<person>.yaml`: one employee, where they sit and who manages them",
        "org/people/sam-stone.yaml:8:1: PC011 unknown key 'clas'; did you mean 'class'?",
    ]


def test_oversize_file(company: Path) -> None:
    with (company / SALES).open("ab") as handle:
        handle.truncate(2 * 1024 * 1024)
    assert findings(company) == [
        "org/units/sales.yaml:1:1: PC004 the file is 2,097,152 bytes, over the cap of 1,048,576;"
        " split it: one entity per file"
    ]


def test_not_utf8(company: Path) -> None:
    (company / SALES).write_bytes(b"id: sales\nname: Sal\xe9s\nparent: acme\nhead: dana-diaz\n")
    assert findings(company) == [
        "org/units/sales.yaml:2:10: PC005 the file is not valid UTF-8; save it as UTF-8"
    ]


def test_link_outside_the_repository(company: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("id: sales\n", encoding="utf-8")
    (company / SALES).unlink()
    os.symlink(outside, company / SALES)
    assert findings(company) == [
        "org/units/sales.yaml:1:1: PC007 the file is a symbolic link; replace the link with the file"
        " itself: data files are plain files"
    ]


LINK = "PC007 the file is a symbolic link; replace the link with the file itself: data files are plain files"


def test_link_inside_the_repository(company: Path) -> None:
    """A link to a colleague's file would be judged and routed under the link's own path."""
    os.symlink("../../goals/2026-H1/people/kim-kato.yaml", company / "org/units/copy.yaml")
    assert findings(company) == [f"org/units/copy.yaml:1:1: {LINK}"]


@pytest.mark.parametrize("name", ["people", "people.yaml", "notes"])
def test_a_linked_folder_or_odd_name_is_still_a_link(company: Path, name: str) -> None:
    os.symlink("../people", company / "org/units" / name)
    assert findings(company) == [f"org/units/{name}:1:1: {LINK}"]


def test_a_linked_data_folder(company: Path) -> None:
    (company / "reviews").rename(company / "elsewhere")
    os.symlink("elsewhere", company / "reviews")
    assert findings(company) == [f"reviews:1:1: {LINK}"]
