"""Privacy: the publication policy decides what the site shows; private fields never appear."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from companies import CANARY, canary_company
from sitebuild import build, read, site_company, site_files

from support import edit


def _canaries(site: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in site_files(site):
        for hit in re.findall(rf"{CANARY}\d+[a-z-]+", read(path), flags=re.IGNORECASE):
            found.setdefault(hit, []).append(str(path.relative_to(site)))
    return found


def test_no_private_field_reaches_any_file_of_the_site(canary_site: Path) -> None:
    """Every HTML page, script, the search index and the sitemap are searched."""
    files = [p.relative_to(canary_site).as_posix() for p in site_files(canary_site)]
    assert {"search/search_index.json", "search/search_index.js", "sitemap.xml", "units/sales.html"} <= set(
        files
    )
    assert _canaries(canary_site) == {}


def test_a_plan_handed_over_to_the_next_cycle_reveals_nothing(canary_site: Path) -> None:
    """lee-lund's open improvement plan became a neutral goal: published, but nothing of the plan.

    Its items (canaries) are covered by the test above; here, its kind and its cycle."""
    html = read(canary_site / "units" / "engineering.html")
    card = re.sub(r"<[^>]+>", " ", html.split('id="lee-lund"')[1].split("Earlier cycles")[0])
    assert "Development goal" in card and "To word with your manager" in card
    assert "improvement" not in card.lower() and "plan" not in card.lower()
    assert "2026-H1" not in card
    for path in site_files(canary_site):
        assert "plan agreed" not in read(path).lower(), path


def _open(policy: dict[str, Any]) -> Any:
    def change(framework: dict[str, Any]) -> None:
        framework["publication"] = policy

    return change


def test_the_policy_can_publish_review_text_but_never_calibration_or_appeals(tmp_path: Path) -> None:
    """The canary test's control: what the policy opens does appear."""
    root = canary_company(tmp_path / "company")
    edit(root, "org/framework.yaml", _open({"review_text": True}))
    found = _canaries(build(root))
    kinds = {re.sub(rf"^{CANARY}\d+", "", hit) for hit in found}
    assert {"strengths", "improvements", "comments", "competency", "feedback"} <= kinds
    assert kinds.isdisjoint({"calibration", "notes", "exception", "appeal", "plan", "-plan-item"})
    assert kinds.isdisjoint({"coaching-notes", "coaching-action", "coaching-comment", "report-notes"})
    assert any("units/sales.html" in found[hit] for hit in found if hit.endswith("strengths"))


def test_ratings_scores_and_reviewers_only_when_the_policy_says_so(tmp_path: Path) -> None:
    closed = site_company(tmp_path / "default")
    html = read(build(closed) / "units" / "sales.html")
    assert "Final rating" not in html and "Final score" not in html
    assert "Review, 2026-H1" not in html

    opened = site_company(tmp_path / "opened")
    policy = {"individual_ratings": True, "individual_scores": True, "peer_identities": True}
    edit(opened, "org/framework.yaml", _open(policy))
    html = read(build(opened) / "units" / "sales.html")
    section = html.split('id="sam-stone"')[1]
    assert "Final rating 3 (Meets)" in section
    assert "Final score" in section
    assert "peer</strong>: <a" in section


def test_unit_results_only_for_groups_of_the_minimum_size(tmp_path: Path, minimal_site: Path) -> None:
    html = read(minimal_site / "units" / "engineering.html")
    assert "shown for groups of at least 5 people" in html
    assert "pc-dist-grid" not in html

    root = site_company(tmp_path / "company")
    edit(root, "org/framework.yaml", _open({"min_group_size": 2}))
    html = read(build(root) / "units" / "engineering.html")
    assert "pc-dist-grid" in html


def test_the_tracker_hides_review_steps_of_small_groups(minimal_site: Path) -> None:
    html = read(minimal_site / "process.html")
    assert 'class="pc-cell pc-hidden"' in html


def test_personal_goals_can_be_withheld(tmp_path: Path) -> None:
    root = site_company(tmp_path / "company")
    edit(root, "org/framework.yaml", _open({"goals": False}))
    site = build(root)
    assert "Upsell my ten largest accounts" not in "".join(read(p) for p in site_files(site))
    assert "Sell more to existing customers" in read(site / "units" / "sales.html")


def test_coaching_is_counted_only_for_groups_of_the_minimum_size(tmp_path: Path, canary_site: Path) -> None:
    """The tracker's coaching column: conversations held of those due, never a small group's."""
    html = read(canary_site / "process.html")
    row = html.split('href="units/engineering.html">Engineering</a>')[1].split("</tr>")[0]
    assert row.count('class="pc-cell pc-hidden"') == 7

    root = canary_company(tmp_path / "company")
    edit(root, "org/framework.yaml", _open({"min_group_size": 1}))
    html = read(build(root) / "process.html")
    row = html.split('href="units/engineering.html">Engineering</a>')[1].split("</tr>")[0]
    # kim-kato's conversation held, lee-lund's none (his 2026-H2 was opened over his plan).
    assert (
        '<span class="pc-cell pc-late" title="the next conversation is overdue for 2 of 2">1/4</span>' in row
    )


def test_reports_withhold_names_and_the_figures_of_small_groups(canary_site: Path) -> None:
    html = read(canary_site / "reports.html")
    problem = html.split('<table class="pc-problems">')[1].split("</table>")[0]
    assert "<strong>[name withheld] has had no coaching conversation</strong>" in problem
    assert "<li>[name withheld] (@[name withheld]) holds it this week</li>" in problem
    assert "open, past due" in problem
    assert not re.search(r"kim|kato|eli|evans", problem, flags=re.IGNORECASE)
    assert "Figures shown for departments of at least 5 participants." in html
    assert "1 participants" not in html
