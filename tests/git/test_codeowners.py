"""CODEOWNERS: the stale-file scenario end to end, and the generator's GitHub semantics."""

from __future__ import annotations

import re

import pytest
from git_support import Company, perfcode

from perfcode.git.codeowners import escape, render, route
from perfcode.model import Person, Repository, Unit, Where

GOVERNANCE = "org/governance.yaml"
TEAM = '  team: "@acme/performance-committee"\n'


def test_a_stale_codeowners_fails_and_shows_the_difference(
    company_repo: Company, capsys: pytest.CaptureFixture[str]
) -> None:
    assert perfcode(capsys, company_repo.root, "codeowners", "--write") == (
        0,
        "wrote .github/CODEOWNERS (51 lines)\n",
        "",
    )
    company_repo.commit("Route approvals from org/")
    company_repo.branch("hr/committee-team")
    company_repo.replace(
        GOVERNANCE, "  members: [dana-diaz, eli-evans]\n", "  members: [dana-diaz, eli-evans]\n" + TEAM
    )
    company_repo.commit("The committee has a GitHub team", "lee-lund")

    code, out, err = perfcode(capsys, company_repo.root, "codeowners", "--check")
    committee = "@pat-park @dana-diaz @eli-evans"
    assert (code, err) == (
        1,
        "perfcode codeowners: .github/CODEOWNERS is not the one generated from org/; "
        "run `perfcode codeowners --write`\n",
    )
    assert out == (
        "--- a/.github/CODEOWNERS\n"
        "+++ b/.github/CODEOWNERS\n"
        "@@ -7,20 +7,20 @@\n"
        " \n"
        " # The organisation: the HR support group; strategy, framework and governance: the committee.\n"
        " /org/ @lee-lund\n"
        f"-/org/company.yaml {committee}\n"
        f"-/org/framework.yaml {committee}\n"
        f"-/org/governance.yaml {committee}\n"
        "+/org/company.yaml @acme/performance-committee\n"
        "+/org/framework.yaml @acme/performance-committee\n"
        "+/org/governance.yaml @acme/performance-committee\n"
        " \n"
        " # Goals: the committee (company goals, cycles); a unit's: the head of its parent unit; "
        "a person's: their manager.\n"
        f"-/goals/ {committee}\n"
        f"-/goals/*/units/acme.yaml {committee}\n"
        "+/goals/ @acme/performance-committee\n"
        "+/goals/*/units/acme.yaml @acme/performance-committee\n"
        " /goals/*/units/engineering.yaml @pat-park\n"
        " /goals/*/units/sales.yaml @pat-park\n"
        " /goals/*/people/dana-diaz.yaml @pat-park\n"
        " /goals/*/people/eli-evans.yaml @pat-park\n"
        " /goals/*/people/kim-kato.yaml @eli-evans\n"
        " /goals/*/people/lee-lund.yaml @eli-evans\n"
        f"-/goals/*/people/pat-park.yaml {committee}\n"
        "+/goals/*/people/pat-park.yaml @acme/performance-committee\n"
        " /goals/*/people/sam-stone.yaml @dana-diaz\n"
        " \n"
        " # Reviews: the skip-level manager, else the HR support group; calibration: the committee; "
        "coaching: the manager and the skip-level manager.\n"
        "@@ -31,16 +31,16 @@\n"
        " /reviews/*/lee-lund.yaml @pat-park\n"
        " /reviews/*/pat-park.yaml @lee-lund\n"
        " /reviews/*/sam-stone.yaml @pat-park\n"
        f"-/reviews/*/calibration.yaml {committee}\n"
        "+/reviews/*/calibration.yaml @acme/performance-committee\n"
        " /reviews/*/coaching/dana-diaz.yaml @pat-park\n"
        " /reviews/*/coaching/eli-evans.yaml @pat-park\n"
        " /reviews/*/coaching/kim-kato.yaml @eli-evans @pat-park\n"
        " /reviews/*/coaching/lee-lund.yaml @eli-evans @pat-park\n"
        f"-/reviews/*/coaching/pat-park.yaml {committee}\n"
        "+/reviews/*/coaching/pat-park.yaml @acme/performance-committee\n"
        " /reviews/*/coaching/sam-stone.yaml @dana-diaz @pat-park\n"
        " \n"
        " # Governance records (the promotion groups' reports): the committee.\n"
        f"-/governance/ {committee}\n"
        "+/governance/ @acme/performance-committee\n"
        " \n"
        " # Code, schemas, workflows and the site's build: the maintainers.\n"
        " /scripts/ @acme/perfcode-maintainers\n"
    )
    code, out, _ = perfcode(capsys, company_repo.root, "check", "--today", "2026-11-24")
    assert (code, out.splitlines()[0]) == (
        1,
        ".github/CODEOWNERS:10:1: PC701 .github/CODEOWNERS differs from the one generated from org/ "
        "(from line 10); run `perfcode codeowners --write` and commit the result",
    )
    code, out, _ = perfcode(capsys, company_repo.root, "diff", "main", "HEAD", "--today", "2026-11-24")
    assert (code, out) == (
        0,
        "## What this change means\n"
        "\n"
        f"From `{company_repo.sha('main')[:12]}` to `{company_repo.sha('HEAD')[:12]}`: 1 data file changed.\n"
        "\n"
        "### Organisation\n"
        "\n"
        "**`org/governance.yaml`** (changed)\n"
        "\n"
        "- `committee.team` set to `@acme/performance-committee`\n"
        "\n"
        "### Notes\n"
        "\n"
        "- no score or rating moves in `2026-H1`, `2026-H2`\n",
    )

    assert perfcode(capsys, company_repo.root, "codeowners", "--write")[0] == 0
    assert perfcode(capsys, company_repo.root, "codeowners", "--check") == (
        0,
        ".github/CODEOWNERS is up to date\n",
        "",
    )


def owner_of(codeowners: str, path: str) -> str:
    """The owners GitHub applies to ``path``: those of the last matching pattern."""
    owners = ""
    for line in codeowners.splitlines():
        if line and not line.startswith("#"):
            pattern, _, names = line.partition(" ")
            if _pattern(pattern).match(path):
                owners = names
    return owners


def _pattern(pattern: str) -> re.Pattern[str]:
    if pattern == "*":
        return re.compile(".*")
    body = re.escape(pattern.lstrip("/")).replace(r"\*", "[^/]*").replace(r"\?", "[^/]")
    return re.compile(body + (".*" if pattern.endswith("/") else "$"))


def test_the_last_matching_pattern_routes_each_file(company_repo: Company) -> None:
    from perfcode.git.repo import snapshot_of_worktree
    from perfcode.schema import Schemas

    model = snapshot_of_worktree(company_repo.root, Schemas.load(company_repo.root / "schemas")).repo
    text = render(route(model))
    committee, hr, maintainers = "@pat-park @dana-diaz @eli-evans", "@lee-lund", "@acme/perfcode-maintainers"
    expected = {
        "goals/2027-H1/people/sam-stone.yaml": "@dana-diaz",
        "goals/2026-H2/people/pat-park.yaml": committee,
        "goals/2026-H2/units/sales.yaml": "@pat-park",
        "goals/2026-H2/units/acme.yaml": committee,
        "goals/2026-H2/company.yaml": committee,
        "goals/2027-H1/cycle.yaml": committee,
        "goals/2026-H2/people/new-hire.yaml": committee,
        "reviews/2026-H1/sam-stone.yaml": "@pat-park",
        "reviews/2026-H1/dana-diaz.yaml": hr,
        "reviews/2026-H1/calibration.yaml": committee,
        "org/people/sam-stone.yaml": hr,
        "org/positions/head.yaml": hr,
        "org/framework.yaml": committee,
        "org/governance.yaml": committee,
        "scripts/perfcode/cli.py": maintainers,
        ".github/CODEOWNERS": maintainers,
        "mkdocs.yml": maintainers,
        "docs/files.md": maintainers,
    }
    assert {path: owner_of(text, path) for path in expected} == expected
    lines = text.splitlines()
    assert lines[0] == "# Generated by `perfcode codeowners --write` from org/; do not edit this file:"
    assert lines.index("* @acme/perfcode-maintainers") < lines.index(f"/goals/ {committee}")
    assert lines.index(f"/goals/ {committee}") < lines.index("/goals/*/people/sam-stone.yaml @dana-diaz")
    assert lines.index("/reviews/*/sam-stone.yaml @pat-park") < lines.index(
        f"/reviews/*/calibration.yaml {committee}"
    )
    assert not [line for line in lines if "#" in line and not line.startswith("#")]


@pytest.mark.parametrize(
    ("name", "pattern"),
    [
        ("ada-lovelace", "ada-lovelace"),
        ("ada lovelace", "ada\\ lovelace"),
        ("#1", "?1"),
        ("!x", "?x"),
        ("x[1]", "x?1?"),
        ("a*b?", "a?b?"),
        ("a\\b", "a?b"),
        ("a\tb\nc", "a?b?c"),
        ("zoë", "zoë"),
    ],
)
def test_escape_writes_a_name_as_a_pattern_github_supports(name: str, pattern: str) -> None:
    assert escape(name) == pattern


def test_owners_without_a_handle_fall_back_with_a_warning() -> None:
    def person(ident: str, manager: str | None, github: str | None) -> Person:
        return Person(
            id=ident,
            name=ident,
            email=f"{ident}@x.example",
            github=github,
            unit="u",
            position="p",
            manager=manager,
            cls="c",
            where=Where(f"org/people/{ident}.yaml"),
        )

    people = {
        "boss": person("boss", None, "the-boss"),
        "lead": person("lead", "boss", None),
        "dev": person("dev", "lead", "dev"),
    }
    governance = {
        "maintainers": "@x/maintainers",
        "committee": {"id": "committee", "name": "Committee", "chair": "boss", "members": ["lead"]},
        "support_group": {"id": "hr", "name": "HR", "lead": "lead", "members": []},
    }
    units = {"u": Unit(id="u", name="U", parent=None, head="boss", where=Where("org/units/u.yaml"))}
    routing = route(Repository(governance=governance, people=people, units=units))
    lines = render(routing).splitlines()

    assert "/goals/*/people/dev.yaml @the-boss" in lines
    assert "/reviews/*/coaching/dev.yaml @the-boss" in lines
    assert "/reviews/*/coaching/lead.yaml @the-boss" in lines
    assert "/org/ @the-boss" in lines
    assert [(f.path, f.code, f.text) for f in routing.fallbacks] == [
        (
            "org/people/lead.yaml",
            "PC702",
            "'lead' has no GitHub handle, so CODEOWNERS leaves them out of the HR and the committee "
            "and routes 2 patterns, such as /goals/*/people/dev.yaml, to the next owner up instead; add "
            "github: <their handle> to org/people/lead.yaml",
        )
    ]
