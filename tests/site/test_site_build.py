"""The site builds strictly from the example and from a minimal company, with every page."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from sitebuild import attach_site, build, mkdocs_build, parse, read, site_company, site_files

from perfcode.check import run_check
from perfcode.rules import all_rules
from support import REPO, TODAY

PAGES = (
    "index.html",
    "goals.html",
    "strategy/index.html",
    "strategy/tree.html",
    "units.html",
    "process.html",
    "framework/index.html",
    "framework/scale.html",
    "framework/results.html",
    "framework/governance.html",
    "reference/rules.html",
    "reference/data.html",
    "changes.html",
    "files.html",
    "scoring.html",
    "guides/taking-part.html",
    "guides/reviews.html",
    "guides/site.html",
    "search/search_index.json",
    "search/search_index.js",
    "sitemap.xml",
)


def test_the_example_checks_clean_so_that_the_strict_build_can_pass() -> None:
    assert [f.code for f in run_check(REPO, TODAY).findings] == []


@pytest.mark.parametrize("page", PAGES)
def test_every_page_is_built(example_site: Path, page: str) -> None:
    assert (example_site / page).is_file()


def test_every_unit_has_a_page_and_every_person_an_anchor_on_it(example_site: Path) -> None:
    repo = run_check(REPO, TODAY).repo
    for unit in repo.units:
        assert (example_site / "units" / f"{unit}.html").is_file()
    for person in repo.people.values():
        if person.left is None or person.left >= TODAY:  # the site stops showing leavers
            assert person.id in parse(example_site / "units" / f"{person.unit}.html").ids, person.id


def test_nothing_generated_is_committed_to_docs() -> None:
    assert not (REPO / "docs" / "units").exists()
    assert {p.name for p in (REPO / "docs").glob("*.md")} <= {"index.md", "files.md", "scoring.md"}


def test_unit_pages_stay_out_of_the_navigation(example_site: Path) -> None:
    """Every page carries the navigation: it must not grow with the number of units."""
    html = read(example_site / "units" / "sales.html")
    assert "units/production.html" not in html.split('class="md-content"')[0]


def test_every_link_between_pages_resolves(example_site: Path) -> None:
    for page in example_site.rglob("*.html"):
        if page.name == "404.html":
            continue
        links = parse(page)
        for href in links.hrefs:
            if href.startswith(("http:", "https:", "mailto:")) or href in ("", "#"):
                continue
            target, _, anchor = href.partition("#")
            path = (page.parent / target).resolve() if target else page
            assert path.is_file(), f"{page.relative_to(example_site)} links to a missing {href}"
            if anchor and path.suffix == ".html":
                assert anchor in parse(path).ids, (
                    f"{page.relative_to(example_site)}: no #{anchor} in {target}"
                )


def test_nothing_is_loaded_from_outside_the_site(example_site: Path) -> None:
    for page in example_site.rglob("*.html"):
        for tag, source in parse(page).sources:
            assert not source.startswith(("http:", "https:", "//")), f"{page}: <{tag}> loads {source}"
    for path in site_files(example_site):
        text = read(path)
        assert "fonts.googleapis" not in text and "unpkg.com/mermaid" not in text.replace(
            "https://unpkg.com/mermaid@11/dist/mermaid.min.js", ""
        ), path


def test_the_search_index_holds_every_running_goal(example_site: Path) -> None:
    repo = run_check(REPO, TODAY).repo
    index = json.loads(read(example_site / "search" / "search_index.json"))
    titles = {doc["title"] for doc in index["docs"]}
    running = {c for c, cycle in repo.cycles.items() if cycle.start <= TODAY <= cycle.end}
    gone = {p.id for p in repo.people.values() if p.left is not None and p.left < TODAY}
    goals = [g for f in repo.goal_files if f.cycle in running and f.owner not in gone for g in f.goals]
    assert goals
    from markupsafe import escape

    missing = [g.title for g in goals if str(escape(g.title)).replace("&#39;", "'") not in titles]
    assert missing == []


def test_the_rules_reference_lists_every_rule(example_site: Path) -> None:
    ids = parse(example_site / "reference" / "rules.html").ids
    assert [r.code for r in all_rules() if r.code not in ids] == []


def test_the_data_reference_describes_the_schemas(example_site: Path) -> None:
    html = read(example_site / "reference" / "data.html")
    for key in (
        "publication.min_group_size",
        "goals[].key_results[].check_ins[].note",
        "phases.planning.start",
    ):
        assert f'<code title="{key}">{key.rsplit(".", 1)[-1]}</code>' in html, key
    assert "Aggregates are shown only for groups of at least this many people" in html


def test_the_minimal_company_builds(minimal_site: Path) -> None:
    assert (minimal_site / "units" / "sales.html").is_file()
    assert "Sam Stone" in read(minimal_site / "units" / "sales.html")


def test_a_repository_without_data_yet_builds(tmp_path: Path) -> None:
    """A new company's repository, before its first cycle, already has a site."""
    root = tmp_path / "company"
    root.mkdir()
    shutil.copytree(REPO / "schemas", root / "schemas")
    attach_site(root)
    site = build(root)
    assert "No company goals in the current cycle yet" in read(site / "index.html")


def test_a_company_with_findings_fails_the_strict_build(tmp_path: Path) -> None:
    root = site_company(tmp_path / "company")
    path = root / "goals/2026-H2/people/sam-stone.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("weight: 100", "weight: 90", 1), encoding="utf-8"
    )
    with pytest.raises(AssertionError, match="PC203"):
        build(root)


def test_a_quiet_strict_build_fails_on_findings_too(tmp_path: Path) -> None:
    root = site_company(tmp_path / "company")
    path = root / "goals/2026-H2/people/sam-stone.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("weight: 100", "weight: 90", 1), encoding="utf-8"
    )
    run = mkdocs_build(root, root / "site", TODAY, "-q")
    assert (run.returncode, run.stdout, run.stderr.splitlines()[0]) == (
        1,
        "\nAborted with a BuildError!\n",
        "ERROR   -  perfcode check: 1 finding(s), 1 error(s), in the data;"
        " a strict build stops on errors (run perfcode check)",
    )


def test_warnings_alone_inform_and_the_strict_build_passes(tmp_path: Path) -> None:
    """The publish workflow runs `make check` and `mkdocs build --strict`: both pass with
    warnings only, and both fail on an error, so the site is deployed exactly when the data
    checks."""
    root = site_company(tmp_path / "company")
    path = root / "org/governance.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("unit: sales", "unit: acme"), encoding="utf-8")
    assert [(f.code, f.severity) for f in run_check(root, TODAY).findings] == [
        ("PC111", "warning"),
        ("PC106", "error"),
    ]
    run = mkdocs_build(root, root / "site", TODAY)
    assert run.returncode == 1
    path.write_text(path.read_text(encoding="utf-8").replace("unit: acme", "unit: sales"), encoding="utf-8")
    path = root / "goals/2026-H1/people/sam-stone.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("indicator: specialist/on-time", "indicator: head/team-engagement"), encoding="utf-8"
    )
    assert [(f.code, f.severity) for f in run_check(root, TODAY).findings] == [("PC211", "warning")]
    run = mkdocs_build(root, root / "site", TODAY)
    assert run.returncode == 0, run.stderr
    assert "INFO    -  perfcode check: goals/2026-H1/people/sam-stone.yaml:23:5: PC211 " in run.stderr


def _git(root: Path, *args: str) -> None:
    identity = [
        "-c",
        "user.name=Dana Diaz",
        "-c",
        "user.email=dana@acme.example",
        "-c",
        "commit.gpgsign=false",
    ]
    subprocess.run(["git", *identity, *args], cwd=root, check=True, capture_output=True)


def test_the_change_log_lists_approved_data_changes_and_keeps_reviews_private(tmp_path: Path) -> None:
    root = site_company(tmp_path / "company")
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "org", "goals", "schemas")
    _git(root, "commit", "-q", "-m", "Set the goals of 2026")
    _git(root, "add", "reviews")
    _git(root, "commit", "-q", "-m", "Calibrate the reviews")
    path = root / "goals/2026-H2/people/sam-stone.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    review = root / "reviews/2026-H1/sam-stone.yaml"
    review.write_text(review.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    _git(root, "commit", "-q", "-am", "Private words about a rating")
    html = read(build(root) / "changes.html")
    assert "Set the goals of 2026" in html
    assert "goals of Sam Stone, 2026-H2" in html
    assert "Calibrate the reviews" not in html
    assert "Private words" not in html
    assert "reviews/2026" not in html


def test_the_tracker_counts_the_units_actuals_as_cycle_status_does(tmp_path: Path) -> None:
    """After 2026-H2's evaluation (2026-12-18) the company's and the units' key results lack
    their actuals: the tracker's unit-goals cells are late, as `perfcode cycle status` says."""
    root = site_company(tmp_path / "company")
    html = read(build(root, today="2026-12-21") / "process.html")
    rows = re.findall(
        r'<tr><td[^>]*><a href="units/(\w+)\.html">[^<]*</a></td><td>\d+</td><td>(<span[^>]*>)', html
    )
    assert rows == [
        ("acme", '<span class="pc-cell pc-late" title="due 2026-12-18">'),
        ("engineering", '<span class="pc-cell pc-late" title="due 2026-12-18">'),
        ("sales", '<span class="pc-cell pc-late" title="due 2026-12-18">'),
    ]
