"""WCAG 2.1 AA: axe-core finds nothing on any kind of page, in the light and the dark palette,
and the goal tree and the charts work by keyboard and for screen readers.

axe-core (tests/site/vendor/axe.min.js, vendored from npm with its license) runs in
Debian's chromium with the rules tagged wcag2a, wcag2aa, wcag21a and wcag21aa: colour
contrast, links told apart by colour alone, controls nested in controls, names of images
and controls, and the rest. https://github.com/dequelabs/axe-core/blob/develop/doc/rule-descriptions.md
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from browsing import CHROMIUM, SCHEMES, palette_script

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGES = (
    "index.html",
    "strategy/index.html",
    "strategy/tree.html",
    "goals.html",
    "units.html",
    "units/sales.html",
    "process.html",
    "reports.html",
    "framework/index.html",
    "framework/scale.html",
    "framework/results.html",
    "framework/governance.html",
    "reference/rules.html",
    "reference/data.html",
    "changes.html",
    "scoring.html",
)
"""A page of every kind: home, strategy map and goal tree, company goals, a unit with its
charts, the process tracker, the promotion groups' reports, the framework with its curve charts, governance, the rules
and data references, the change log, and a hand-written guide with highlighted code."""
VIOLATIONS = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return result.violations.flatMap(v => v.nodes.map(n => `${v.id}: ${n.target.join(" ")}`));
}"""

if not CHROMIUM.exists():
    pytest.skip("browser tests need Debian's chromium at /usr/bin/chromium", allow_module_level=True)
pytest.importorskip("playwright.sync_api", reason="pip install -e '.[test]' installs playwright")


def _open(browser: Browser, url: str, scheme: str = "default") -> Page:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(palette_script(scheme))
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    assert page.locator("body").get_attribute("data-md-color-scheme") == scheme
    return page


def _violations(page: Page) -> list[str]:
    """axe's findings, once the page is still: a colour checked mid-transition is a blend."""
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    page.wait_for_timeout(300)
    page.add_script_tag(path=str(AXE))
    found: list[str] = page.evaluate(VIOLATIONS, WCAG_21_AA)
    page.context.close()
    return found


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path", PAGES)
def test_no_wcag_violation(browser: Browser, example_url: str, path: str, scheme: str) -> None:
    page = _open(browser, f"{example_url}/{path}", scheme)
    assert _violations(page) == []


@pytest.mark.parametrize("scheme", SCHEMES)
def test_no_wcag_violation_in_search_results(browser: Browser, example_url: str, scheme: str) -> None:
    page = _open(browser, f"{example_url}/index.html", scheme)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially("revenue", delay=10)
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    assert _violations(page) == []


def _focused(page: Page) -> str:
    """The focused element as a reader meets it: its tag and accessible text."""
    return str(
        page.evaluate(
            "() => { const e = document.activeElement;"
            " return e.tagName.toLowerCase() + ': ' + (e.getAttribute('aria-label') || e.innerText).trim(); }"
        )
    )


def _tab_into_tree(page: Page) -> str:
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.closest('ul.pc-tree') !== null"):
            return _focused(page)
    raise AssertionError("Tab never reached the goal tree")


def test_the_goal_tree_works_by_keyboard(browser: Browser, example_url: str) -> None:
    """Each goal's link, then its branch's toggle; Enter opens a closed branch, whose goals
    come next in the tab order."""
    page = _open(browser, f"{example_url}/strategy/tree.html")
    tree = page.locator("ul.pc-tree").first
    theme = tree.locator(":scope > li").first
    company = theme.locator(":scope > details > ul > li").first
    branch = company.locator(":scope > details")
    first_below = branch.locator(":scope > ul > li").first.locator("a").first

    assert _tab_into_tree(page) == f"a: {theme.locator('a').first.inner_text()}"
    page.keyboard.press("Tab")
    assert _focused(page) == f"summary: Goals below {theme.locator('a').first.inner_text()}"
    page.keyboard.press("Tab")
    assert _focused(page) == f"a: {company.locator('a').first.inner_text()}"
    page.keyboard.press("Tab")
    assert _focused(page) == f"summary: Goals below {company.locator('a').first.inner_text()}"
    assert branch.get_attribute("open") is None
    page.keyboard.press("Enter")
    assert branch.get_attribute("open") == ""
    page.keyboard.press("Tab")
    assert _focused(page) == f"a: {first_below.inner_text()}"
    page.context.close()


def _exposed(page: Page) -> list[tuple[str, str, str]]:
    """What chromium gives assistive technology for each node with a description: role, name, description."""
    session = page.context.new_cdp_session(page)
    nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    return [
        (node["role"]["value"], node["name"]["value"], node["description"]["value"])
        for node in nodes
        if node.get("description", {}).get("value")
    ]


@pytest.mark.parametrize(("path", "count"), [("units/sales.html", 1), ("framework/scale.html", 5)])
def test_charts_are_images_named_by_their_title_and_described_by_their_data(
    browser: Browser, example_url: str, path: str, count: int
) -> None:
    page = _open(browser, f"{example_url}/{path}")
    charts = page.locator("svg.pc-chart").all()
    written = [
        ("image", c.locator(":scope > title").text_content(), c.locator(":scope > desc").text_content())
        for c in charts
    ]
    assert len(written) >= count
    assert [e for e in _exposed(page) if e[0] == "image"] == written
    page.context.close()
