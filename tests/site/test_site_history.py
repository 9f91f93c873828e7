"""The site tells history truthfully: a closed cycle with the numbers of its record, and
nobody who has left (the example company: 2026-H1 closed, Ethan Brooks left in October,
Fatima Benali moved from engineering to firmware in September)."""

from __future__ import annotations

import html
import re
from pathlib import Path


def text(site: Path, page: str) -> str:
    raw = (site / page).read_text(encoding="utf-8")
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", raw)))


def test_a_closed_cycle_shows_the_numbers_of_its_record(example_site: Path) -> None:
    firmware = text(example_site, "units/firmware.html")
    assert "First half of 2026 (2026-H1) : unit score 100%" in firmware
    assert "Raise firmware quality across all product lines: 103%" in firmware


def test_a_leaver_is_no_longer_shown(example_site: Path) -> None:
    for page in ("units/sales.html", "strategy/tree.html", "index.html", "process.html"):
        path = example_site / page
        if path.exists():
            assert "Ethan Brooks" not in text(example_site, page), page


def test_a_transfer_shows_the_person_where_they_are_now(example_site: Path) -> None:
    """Fatima is a member of firmware now; her goals of the half she began in engineering
    still serve engineering's goals, as they were set."""
    raw = (example_site / "units/firmware.html").read_text(encoding="utf-8")
    assert 'id="fatima-benali"' in raw


def test_the_framework_page_says_which_version_each_cycle_uses(example_site: Path) -> None:
    page = text(example_site, "framework/index.html")
    assert (
        "Cycle Framework version Why Fiscal year 2026 ( 2026 ) 3 adopted for this cycle on 2026-09-14"
        " First half of 2026 ( 2026-H1 ) 2 closed 2026-08-28: kept in its record"
        " Second half of 2026 ( 2026-H2 ) 3 adopted for this cycle on 2026-09-14"
    ) in page
    assert "Version 1, 2025-11-28 The first framework, adopted with the template." in page
