"""The built site in a real browser: Playwright for Python driving Debian's chromium.

Each key page loads without console errors and without a request leaving the site, the
Mermaid diagrams render, search finds a goal by its title, the site works opened from
disk, and the hostile company executes nothing. Screenshots of the key pages are saved
in tests/artifacts/ (ignored by git) for people to look at.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from browsing import CHROMIUM
from companies import HOSTILE

from perfcode.check import run_check
from support import REPO, TODAY

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Locator, Page, Route

ARTIFACTS = REPO / "tests" / "artifacts"
KEY_PAGES = (
    "index.html",
    "goals.html",
    "strategy/index.html",
    "strategy/tree.html",
    "units.html",
    "units/sales.html",
    "process.html",
    "framework/index.html",
    "framework/scale.html",
    "framework/results.html",
    "framework/governance.html",
    "reference/rules.html",
    "reference/data.html",
    "changes.html",
)
# Material's JavaScript turns each <pre class="mermaid"> into a closed shadow root; opening
# it lets the test see the rendered <svg>.
OPEN_SHADOW = (
    "const attach = Element.prototype.attachShadow;"
    "Element.prototype.attachShadow = function (o) { return attach.call(this, {...o, mode: 'open'}); };"
)

if not CHROMIUM.exists():
    pytest.skip(
        "browser tests need Debian's chromium at /usr/bin/chromium (apt-get install chromium); "
        "`make test` installs it",
        allow_module_level=True,
    )
sync_api = pytest.importorskip("playwright.sync_api", reason="pip install -e '.[test]' installs playwright")


@dataclass
class Visit:
    """What happened while pages were open: errors, requests that left the site, dialogs."""

    errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


def _page(browser: Browser, base: str, visit: Visit) -> Page:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.add_init_script(OPEN_SHADOW)
    page.on("console", lambda m: visit.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: visit.errors.append(str(e)))
    page.on("dialog", lambda d: (visit.dialogs.append(d.message), d.dismiss()))

    def route(request: Route) -> None:
        url = request.request.url
        if url.startswith((base, "data:", "blob:", "about:")):
            request.continue_()
        else:
            visit.outside.append(url)
            request.abort()

    page.route("**/*", route)
    return page


def _screenshot(page: Page, name: str) -> None:
    """The page as a person sees it, down to 6000 pixels (unit pages run longer)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    height = min(page.evaluate("document.documentElement.scrollHeight"), 6000)
    clip = {"x": 0, "y": 0, "width": 1280, "height": height}
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True, clip=clip)


@pytest.mark.parametrize("path", KEY_PAGES)
def test_key_page_loads_cleanly(browser: Browser, example_url: str, path: str) -> None:
    visit = Visit()
    page = _page(browser, example_url, visit)
    page.goto(f"{example_url}/{path}", wait_until="networkidle")
    page.wait_for_timeout(300)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(
        path=str(ARTIFACTS / f"{path.replace('/', '-').removesuffix('.html')}.png"), full_page=True
    )
    page.close()
    assert visit == Visit()


@pytest.mark.parametrize("path", ["strategy/index.html", "goals.html", "units/sales.html"])
def test_mermaid_diagrams_render(browser: Browser, example_url: str, path: str) -> None:
    visit = Visit()
    page = _page(browser, example_url, visit)
    page.goto(f"{example_url}/{path}")
    diagrams = page.locator("pre.mermaid, div.mermaid")
    count = diagrams.count()
    assert count >= 1
    page.locator("div.mermaid svg").nth(count - 1).wait_for(timeout=15000)
    assert page.locator("div.mermaid svg .node").count() >= 2
    page.close()
    assert visit == Visit()


def _search(page: Page, query: str) -> Locator:
    page.locator("label.md-search__icon, .md-search__input").first.click()
    # Material searches on key events: type, do not fill.
    page.locator("input.md-search__input").press_sequentially(query, delay=10)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=15000)
    return results


def test_search_finds_a_goal_by_its_title(browser: Browser, example_url: str) -> None:
    title = _a_personal_goal_title()
    visit = Visit()
    page = _page(browser, example_url, visit)
    page.goto(f"{example_url}/index.html")
    results = _search(page, title)
    assert title in results.first.inner_text()
    results.first.locator("a").first.click()
    page.wait_for_load_state()
    assert "/units/" in page.url
    page.close()
    assert visit == Visit()


def _a_personal_goal_title() -> str:
    repo = run_check(REPO, TODAY).repo
    running = [c for c, cycle in repo.cycles.items() if cycle.start <= TODAY <= cycle.end]
    return next(
        g.title for f in repo.goal_files if f.level == "person" and f.cycle in running for g in f.goals
    )


def test_the_site_works_opened_from_disk(browser: Browser, example_site: Path) -> None:
    visit = Visit()
    page = _page(browser, "file://", visit)
    page.goto((example_site / "index.html").as_uri())
    page.get_by_role("link", name="Units", exact=True).first.click()
    page.wait_for_load_state()
    assert page.url.endswith("units.html")
    title = _a_personal_goal_title()
    assert title in _search(page, title).first.inner_text()
    page.close()
    assert visit.outside == [] and visit.dialogs == []


def test_the_hostile_company_executes_nothing(browser: Browser, hostile_url: str, hostile_site: Path) -> None:
    visit = Visit()
    page = _page(browser, hostile_url, visit)
    for path in sorted(p.relative_to(hostile_site).as_posix() for p in hostile_site.rglob("*.html")):
        page.goto(f"{hostile_url}/{path}")
        page.wait_for_timeout(150)
    page.goto(f"{hostile_url}/units/sales.html", wait_until="networkidle")
    assert page.locator("h1").first.inner_text() == HOSTILE[2]
    assert HOSTILE[2] in page.title()
    assert page.get_by_text(HOSTILE[13]).count() >= 1
    assert page.locator("div.mermaid svg").count() >= 1
    _screenshot(page, "hostile-units-sales")
    _search(page, "alert")
    page.wait_for_timeout(300)
    page.close()
    assert visit.dialogs == []
    assert visit.outside == []
    assert [e for e in visit.errors if "alert" in e or "h0" in e] == []
