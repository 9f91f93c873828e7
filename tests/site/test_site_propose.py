"""Propose from the page: with ``repo_url`` in mkdocs.yml every goal links to GitHub's web
editor and to its file's history, and every key result to the editor for a check-in; the
links are made from the file's path only. Without ``repo_url`` there are none."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from companies import hostile_company
from sitebuild import build, parse, read, site_company

from perfcode.site.links import FileLinks, Remote, file_links, repository

REPO_URL = "https://github.com/acme/performance"
FILE_LINK = re.compile(
    r"https://github\.com/acme/performance/(edit|commits)/main/"
    r"goals/[A-Za-z0-9-]+/(company|units/[a-z0-9-]+|people/[a-z0-9-]+)\.yaml"
)


def _with_repo_url(root: Path) -> Path:
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write(f"repo_url: {REPO_URL}\nedit_uri: edit/main/docs/\n")
    return root


@pytest.fixture(scope="module")
def proposing_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(_with_repo_url(site_company(tmp_path_factory.mktemp("proposing") / "company")))


def _outside(site: Path) -> list[str]:
    """Every link of every page that leaves the site."""
    return [
        link for page in sorted(site.rglob("*.html")) for link in parse(page).hrefs if link.startswith("http")
    ]


def test_every_goal_and_key_result_links_to_the_editor_and_history(proposing_site: Path) -> None:
    sales = read(proposing_site / "units" / "sales.html")
    change = f"{REPO_URL}/edit/main/goals/2026-H2/units/sales.yaml"
    history = f"{REPO_URL}/commits/main/goals/2026-H2/units/sales.yaml"
    assert f'<a href="{change}">Propose a change<span class="pc-sr"> to ' in sales
    assert f'<a href="{history}">History<span class="pc-sr"> of ' in sales
    assert f'<p class="pc-edit"><a href="{change}">Post a check-in<span class="pc-sr"> to ' in sales
    person = f"{REPO_URL}/edit/main/goals/2026-H2/people/sam-stone.yaml"
    assert f'<a class="pc-edit" href="{person}">Post a check-in<span class="pc-sr"> to ' in sales


def test_links_leave_the_site_only_for_goal_files_on_github(proposing_site: Path) -> None:
    links = _outside(proposing_site)
    repository_links = [link for link in links if link.startswith(f"{REPO_URL}/")]
    assert repository_links and all(FILE_LINK.fullmatch(link) for link in repository_links)


def test_no_link_to_github_without_repo_url(minimal_site: Path) -> None:
    assert [link for link in _outside(minimal_site) if "/edit/" in link or "/commits/" in link] == []
    assert "Propose a change" not in read(minimal_site / "units" / "sales.html")
    assert "Post a check-in" not in read(minimal_site / "units" / "sales.html")


def test_hostile_goal_text_never_reaches_a_link(tmp_path: Path) -> None:
    site = build(_with_repo_url(hostile_company(tmp_path / "company")))
    repository_links = [link for link in _outside(site) if link.startswith(f"{REPO_URL}/")]
    assert repository_links and all(FILE_LINK.fullmatch(link) for link in repository_links)


@pytest.mark.parametrize(
    ("path", "change"),
    [
        ("goals/2026-H2/people/ada.yaml", "https://github.com/a/b/edit/main/goals/2026-H2/people/ada.yaml"),
        ('goals/a b/"x"<y>.yaml', "https://github.com/a/b/edit/main/goals/a%20b/%22x%22%3Cy%3E.yaml"),
        (
            "goals/x?y#z/../javascript:1.yaml",
            "https://github.com/a/b/edit/main/goals/x%3Fy%23z/../javascript%3A1.yaml",
        ),
        ("goals/café.yaml", "https://github.com/a/b/edit/main/goals/caf%C3%A9.yaml"),
    ],
)
def test_file_links_percent_encode_every_segment_of_the_path(path: str, change: str) -> None:
    links = file_links(Remote("https://github.com/a/b", "main"), path)
    assert links == FileLinks(change, change.replace("/edit/", "/commits/", 1))


@pytest.mark.parametrize(
    ("repo_url", "edit_uri", "remote"),
    [
        ("https://github.com/acme/perf/", None, Remote("https://github.com/acme/perf", "main")),
        (
            "https://github.com/acme/perf",
            "edit/release/v2/docs/",
            Remote("https://github.com/acme/perf", "release"),
        ),
        (
            "https://ghe.acme.example/hr/perf",
            "blob/trunk/docs/",
            Remote("https://ghe.acme.example/hr/perf", "trunk"),
        ),
        ("https://github.com/acme/a b", "edit/main/docs/", Remote("https://github.com/acme/a%20b", "main")),
        ("javascript:alert(1)", None, None),
        ("http://github.com/acme/perf", None, None),
        ("https://github.com/acme/perf?x=1", None, None),
        ("https://github.com/acme/perf#x", None, None),
        ("https://user:secret@github.com/acme/perf", None, None),
        ("https://github.com", None, None),
        (None, None, None),
    ],
)
def test_only_a_plain_https_repo_url_makes_links(
    repo_url: str | None, edit_uri: str | None, remote: Remote | None
) -> None:
    assert repository(repo_url, edit_uri) == remote
