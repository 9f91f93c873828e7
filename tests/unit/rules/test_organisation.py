"""PC1xx: people, units, positions and governance bodies."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from support import coverage_tests, edit, findings, replace

CODES = [f"PC{n}" for n in range(101, 113)]
GOVERNANCE = "org/governance.yaml"
SAM = "org/people/sam-stone.yaml"


test_every_code_is_covered, test_clean_company_has_no_finding = coverage_tests("PC1", CODES)


@pytest.mark.parametrize(
    ("path", "old", "new", "expected"),
    [
        pytest.param(
            "org/units/sales.yaml",
            "head: dana-diaz",
            "head: dana",
            ["org/units/sales.yaml:4:1: PC101 unknown person 'dana'; did you mean 'dana-diaz'?"],
            id="PC101-head",
        ),
        pytest.param(
            SAM,
            "manager: dana-diaz",
            "manager: dana-dias",
            [
                "org/people/sam-stone.yaml:7:1: PC101 unknown person 'dana-dias'; did you mean 'dana-diaz'?",
                "reviews/2026-H1/sam-stone.yaml:11:5: PC401 manager reviewer 'dana-diaz': the manager of"
                " 'sam-stone' is 'dana-dias'; correct the reviewer or the relationship",
            ],
            id="PC101-manager",
        ),
        pytest.param(
            SAM,
            "position: specialist",
            "position: seller",
            [
                "org/people/sam-stone.yaml:6:1: PC101 unknown position 'seller'; add position 'seller' or correct the reference"
            ],
            id="PC101-position",
        ),
        pytest.param(
            "org/company.yaml",
            "president: pat-park",
            "president: pat",
            ["org/company.yaml:3:1: PC101 unknown person 'pat'; add person 'pat' or correct the reference"],
            id="PC101-president",
        ),
        pytest.param(
            "org/framework.yaml",
            "handled_by: hr-support",
            "handled_by: hr",
            [
                "org/framework.yaml:59:28: PC101 unknown governance body 'hr'; add governance body 'hr' or"
                " correct the reference"
            ],
            id="PC101-body",
        ),
        pytest.param(
            "org/positions/head.yaml",
            "class: manager",
            "class: executive",
            [
                "org/people/dana-diaz.yaml:8:1: PC108 class 'manager' differs from position 'head' class"
                " 'executive'; set class: executive or choose another position",
                "org/people/eli-evans.yaml:8:1: PC108 class 'manager' differs from position 'head' class"
                " 'executive'; set class: executive or choose another position",
                "org/people/pat-park.yaml:8:1: PC108 class 'manager' differs from position 'head' class"
                " 'executive'; set class: executive or choose another position",
                "org/positions/head.yaml:3:1: PC101 unknown class 'executive'; add class 'executive' or correct"
                " the reference",
            ],
            id="PC101-class",
        ),
        pytest.param(
            SAM,
            "id: sam-stone",
            "id: sam",
            [
                "goals/2026-H1/cycle.yaml:8:3: PC304 'sam' takes part in 2026-H1 but has no"
                " goals/2026-H1/people/sam.yaml; add the goal file, or list 'sam' under exclude",
                "goals/2026-H2/cycle.yaml:8:3: PC304 'sam' takes part in 2026-H2 but has no"
                " goals/2026-H2/people/sam.yaml; add the goal file, or list 'sam' under exclude",
                "org/people/sam-stone.yaml:1:1: PC102 id 'sam' does not match the file's place ('sam-stone');"
                " set id: sam-stone or rename the file to match",
            ],
            id="PC102-person",
        ),
        pytest.param(
            "goals/2026-H1/people/kim-kato.yaml",
            "owner: kim-kato",
            "owner: lee-lund",
            [
                "goals/2026-H1/cycle.yaml:8:3: PC304 'kim-kato' takes part in 2026-H1 but has no"
                " goals/2026-H1/people/kim-kato.yaml; add the goal file, or list 'kim-kato' under exclude",
                "goals/2026-H1/people/kim-kato.yaml:1:1: PC102 owner 'lee-lund' does not match the file's place"
                " ('kim-kato'); set owner: kim-kato or rename the file to match",
            ],
            id="PC102-owner",
        ),
        pytest.param(
            "goals/2026-H2/cycle.yaml",
            "id: 2026-H2",
            "id: 2026-h2",
            [
                "goals/2026-H2/cycle.yaml:1:1: PC102 id '2026-h2' does not match the file's place ('2026-H2');"
                " set id: 2026-H2 or rename the file to match"
            ],
            id="PC102-cycle",
        ),
        pytest.param(
            "reviews/2026-H1/calibration.yaml",
            "cycle: 2026-H1",
            "cycle: 2026-H2",
            [
                "reviews/2026-H1/calibration.yaml:1:1: PC102 cycle '2026-H2' does not match the file's place"
                " ('2026-H1'); set cycle: 2026-H1 or rename the file to match"
            ],
            id="PC102-calibration",
        ),
        pytest.param(
            "org/people/dana-diaz.yaml",
            "manager: pat-park",
            "manager: null",
            [
                "org/people/dana-diaz.yaml:7:1: PC103 'dana-diaz' has no manager, like 'pat-park': the"
                " organisation has 2 tops; give every person but the president a manager",
                "reviews/2026-H1/dana-diaz.yaml:8:5: PC401 manager reviewer 'pat-park': 'dana-diaz' has no"
                " manager; correct the reviewer or the relationship",
                "reviews/2026-H1/pat-park.yaml:15:5: PC401 direct-report reviewer 'dana-diaz': 'dana-diaz' does"
                " not report to 'pat-park'; correct the reviewer or the relationship",
            ],
            id="PC103-tops",
        ),
        pytest.param(
            "org/people/pat-park.yaml",
            "manager: null",
            "manager: dana-diaz",
            [
                "org/people/dana-diaz.yaml:7:1: PC103 the manager chain loops: dana-diaz -> pat-park ->"
                " dana-diaz; change one manager so the chain ends at the president",
                "reviews/2026-H1/eli-evans.yaml:15:5: PC401 peer reviewer 'dana-diaz': 'dana-diaz' is"
                " 'eli-evans' or in their management line, not a peer; correct the reviewer or the relationship",
            ],
            id="PC103-loop",
        ),
        pytest.param(
            "org/units/sales.yaml",
            "parent: acme",
            "parent: null",
            [
                "org/governance.yaml:12:5: PC106 promotion group 'sales-promotion' serves 'sales', which is not"
                " a department; promotion groups serve the units directly under the root unit",
                "org/units/sales.yaml:3:1: PC104 'sales' is a second root unit besides 'acme'; give 'sales' a"
                " parent unit",
            ],
            id="PC104-roots",
        ),
        pytest.param(
            "org/units/sales.yaml",
            "head: dana-diaz",
            "head: kim-kato",
            [
                "org/units/sales.yaml:4:1: PC105 head 'kim-kato' belongs to unit 'engineering', outside 'sales';"
                " choose a member of 'sales' or move 'kim-kato' into it"
            ],
            id="PC105",
        ),
        pytest.param(
            GOVERNANCE,
            "chair: pat-park",
            "chair: dana-diaz",
            [
                "org/governance.yaml:5:3: PC106 the committee is chaired by 'dana-diaz', not the president"
                " 'pat-park'; set chair: pat-park"
            ],
            id="PC106-chair",
        ),
        pytest.param(
            GOVERNANCE,
            "unit: sales",
            "unit: acme",
            [
                "org/governance.yaml:9:1: PC111 department 'sales' has no promotion group; add a promotion group"
                " with unit: sales",
                "org/governance.yaml:12:5: PC106 promotion group 'sales-promotion' serves 'acme', which is not a"
                " department; promotion groups serve the units directly under the root unit",
            ],
            id="PC106-department",
        ),
        pytest.param(
            SAM,
            "github: sam-stone",
            "github: Kim-Kato",
            [
                "org/people/sam-stone.yaml:4:1: PC107 github 'Kim-Kato' is also used by 'kim-kato'; give"
                " 'sam-stone' their own github"
            ],
            id="PC107-github",
        ),
        pytest.param(
            SAM,
            "position: specialist",
            "position: head",
            [
                "goals/2026-H1/people/sam-stone.yaml:23:5: PC211 indicator 'specialist/on-time' belongs to"
                " position 'specialist', but 'sam-stone' holds position 'head'; take in an indicator of the"
                " owner's own position",
                "org/people/sam-stone.yaml:8:1: PC108 class 'professional' differs from position 'head' class"
                " 'manager'; set class: manager or choose another position",
            ],
            id="PC108",
        ),
    ],
)
def test_finding(company: Path, path: str, old: str, new: str, expected: list[str]) -> None:
    replace(company, path, old, new)
    assert findings(company) == expected


def test_unknown_member_of_a_body(company: Path) -> None:
    def misspell_eli(data: Any) -> None:
        data["committee"]["members"] = ["dana-diaz", "eli-evan"]

    edit(company, GOVERNANCE, misspell_eli)
    assert findings(company) == [
        "org/governance.yaml:8:5: PC101 unknown person 'eli-evan'; did you mean 'eli-evans'?",
        "reviews/2026-H1/pat-park.yaml:8:5: PC401 committee reviewer 'eli-evans': 'eli-evans' is not on the"
        " performance committee; correct the reviewer or the relationship",
    ]


def test_unit_tree_without_root(company: Path) -> None:
    replace(company, "org/units/acme.yaml", "parent: null", "parent: sales")
    assert findings(company) == [
        "org/governance.yaml:12:5: PC106 promotion group 'sales-promotion' serves 'sales', which is not a"
        " department; promotion groups serve the units directly under the root unit",
        "org/governance.yaml:17:5: PC106 promotion group 'engineering-promotion' serves 'engineering', which"
        " is not a department; promotion groups serve the units directly under the root unit",
        "org/units/acme.yaml:3:1: PC104 no unit is the root (parent: null); set parent: null on the top unit",
        "org/units/acme.yaml:3:1: PC104 the unit tree loops: acme -> sales -> acme; change one parent so the"
        " chain ends at the root unit",
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(
            "github: sam-stone\n",
            "proxy: kim-kat\n",
            "org/people/sam-stone.yaml:4:1: PC101 unknown person 'kim-kat'; did you mean 'kim-kato'?",
            id="PC101-proxy",
        ),
        pytest.param(
            "github: sam-stone\n",
            "github: sam-stone\nproxy: kim-kato\n",
            "org/people/sam-stone.yaml:5:1: PC112 'sam-stone' has the GitHub handle 'sam-stone' and acts for"
            " themselves; remove the proxy, or the handle if the account is not theirs",
            id="PC112-has-an-account",
        ),
        pytest.param(
            "github: sam-stone\n",
            "proxy: sam-stone\n",
            "org/people/sam-stone.yaml:4:1: PC112 'sam-stone' is their own proxy; name someone else, or remove"
            " the proxy",
            id="PC112-self",
        ),
    ],
)
def test_a_proxy_acts_for_someone_without_an_account(
    company: Path, old: str, new: str, expected: str
) -> None:
    replace(company, SAM, old, new)
    assert findings(company, select=("PC1",)) == [expected]


def test_a_proxy_has_an_account_and_is_present(company: Path) -> None:
    replace(company, SAM, "github: sam-stone\n", "proxy: kim-kato\n")
    replace(company, "org/people/kim-kato.yaml", "github: kim-kato\n", 'left: "2026-10-31"\n')
    assert [f.split(": ", 1)[1] for f in findings(company, select=("PC110", "PC112"))] == [
        "PC110 'kim-kato' left on 2026-10-31 and is still a member in the Engineering promotion group; give the"
        " role to someone who is present",
        "PC110 'kim-kato' left on 2026-10-31 and is still the proxy of 'sam-stone'; give the role to someone who"
        " is present",
        "PC112 proxy 'kim-kato' has no GitHub handle and cannot act for 'sam-stone'; give 'kim-kato' their github"
        " handle, or name someone who has one",
    ]


def test_shared_email(company: Path) -> None:
    edit(company, SAM, lambda data: data.update(email="kim-kato@acme.example"))
    assert findings(company) == [
        "org/people/sam-stone.yaml:3:1: PC107 email 'kim-kato@acme.example' is also used by 'kim-kato'; give"
        " 'sam-stone' their own email"
    ]


def test_a_leaver_holds_no_role(company: Path) -> None:
    replace(company, "org/people/dana-diaz.yaml", "class: manager\n", 'class: manager\nleft: "2026-10-31"\n')
    assert [f.split(": ", 1)[1] for f in findings(company, select=("PC110",))] == [
        "PC110 'dana-diaz' left on 2026-10-31 and is still a member in the Performance committee; give the role"
        " to someone who is present",
        "PC110 'dana-diaz' left on 2026-10-31 and is still lead in the Sales promotion group; give the role to"
        " someone who is present",
        "PC110 'dana-diaz' left on 2026-10-31 and is still the manager of 'sam-stone'; give the role to someone"
        " who is present",
        "PC110 'dana-diaz' left on 2026-10-31 and is still the head of 'sales'; give the role to someone who is"
        " present",
    ]


NO_FALLBACK = "declare who decides then: recusal_fallback {name, github} in org/governance.yaml"


def everyone_takes_part(company: Path) -> None:
    """2026-H2 (open) rates every class, so everyone has a case that someone must decide."""
    replace(
        company,
        "goals/2026-H2/cycle.yaml",
        "classes: [professional]\nexclude: [lee-lund]\n",
        "classes: [manager, professional]\n",
    )


def no_fallback(data: Any) -> None:
    del data["recusal_fallback"]


def test_a_case_everyone_is_recused_from_needs_a_fallback(company: Path) -> None:
    edit(company, GOVERNANCE, no_fallback)
    everyone_takes_part(company)
    assert findings(company, select=("PC109",)) == [
        "org/governance.yaml:2:1: PC109 nobody may decide the calibration of 'pat-park': every member of"
        f" performance-committee is pat-park or reports to them; {NO_FALLBACK}",
        "org/governance.yaml:27:1: PC109 nobody may decide the appeal of 'eli-evans': every member of hr-support"
        f" is eli-evans or reports to them; {NO_FALLBACK}",
        "org/governance.yaml:27:1: PC109 nobody may decide the appeal of 'lee-lund': every member of hr-support"
        f" is lee-lund or reports to them; {NO_FALLBACK}",
        "org/governance.yaml:27:1: PC109 nobody may decide the appeal of 'pat-park': every member of hr-support"
        f" is pat-park or reports to them; {NO_FALLBACK}",
    ]


def test_no_fallback_is_needed_while_no_such_case_can_arise(company: Path) -> None:
    """Nobody recused by the whole committee or HR group takes part in 2026-H2 (open); 2026-H1
    is closed: the new company's president, assessed yearly, in its first half year."""
    edit(company, GOVERNANCE, no_fallback)
    assert findings(company, select=("PC109",)) == []


def test_a_fallback_who_is_recused_does_not_count(company: Path) -> None:
    edit(
        company,
        GOVERNANCE,
        lambda data: data.update(recusal_fallback={"name": "Pat", "github": ["Pat-Park"]}),
    )
    everyone_takes_part(company)
    assert findings(company, select=("PC109",)) == [
        "org/governance.yaml:2:1: PC109 nobody may decide the calibration of 'pat-park': every member of"
        f" performance-committee is pat-park or reports to them; {NO_FALLBACK}",
        "org/governance.yaml:27:1: PC109 nobody may decide the appeal of 'pat-park': every member of hr-support"
        f" is pat-park or reports to them; {NO_FALLBACK}",
    ]
