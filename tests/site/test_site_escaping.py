"""Untrusted text: every string is escaped for where it lands, and no data is ever evaluated."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from companies import HOSTILE
from sitebuild import build, parse, read, site_company, site_files

from perfcode.site.escape import mermaid_label
from perfcode.site.links import Target, href
from support import edit

RAW = (
    '<script>alert("h',
    "<img src=x onerror",
    '<svg onload=alert("h',
    "<iframe srcdoc",
    "<style>*{display",
    "<a href='javascript:alert(13)'",
    "<b>h17</b>",
)
MERMAID_LINE = re.compile(
    r'flowchart LR|classDef \w+ [\w:#,]+|subgraph \w+ \["[^"]*"\]|end|n\d+\["[^"]*"\]:::\w+|n\d+ --> n\d+'
)


def test_no_hostile_markup_survives_in_any_file(hostile_site: Path) -> None:
    for path in site_files(hostile_site):
        text = read(path)
        for raw in RAW:
            assert raw not in text, f"{raw} in {path.relative_to(hostile_site)}"


def test_hostile_strings_are_shown_escaped(hostile_site: Path) -> None:
    sales = read(hostile_site / "units" / "sales.html")
    assert "<h1>&#34;&gt;&lt;svg onload=alert(&#34;h03&#34;)&gt;</h1>" in sales
    assert "<title>&#34;&gt;&lt;svg onload=alert(&#34;h03&#34;)&gt; - &lt;/title&gt;" in sales
    assert "&amp;lt;script&amp;gt;" in sales, "an escaped entity stays an entity, not a tag"
    home = read(hostile_site / "index.html")
    assert "{{ &#34;h07&#34; * 7 }}" in read(hostile_site / "units" / "sales.html")
    assert "h07h07" not in home and "49" not in re.findall(r"h07\S*", home)


def test_no_link_is_made_from_data(hostile_site: Path) -> None:
    for page in hostile_site.rglob("*.html"):
        for link in parse(page).hrefs:
            assert not link.lower().lstrip().startswith(("javascript:", "data:", "vbscript:")), page


def test_mermaid_sources_hold_only_quoted_labels_from_data(hostile_site: Path) -> None:
    """Every line is one the site writes; data only ever sits inside a label's quotes."""
    html = read(hostile_site / "strategy" / "index.html") + read(hostile_site / "units" / "sales.html")
    sources = [unescape(s) for s in re.findall(r'<pre class="mermaid"><code>(.*?)</code></pre>', html, re.S)]
    assert len(sources) >= 3
    for source in sources:
        assert "%%" not in source
        for line in source.splitlines():
            assert MERMAID_LINE.fullmatch(line.strip()), line
    assert mermaid_label(HOSTILE[8]) in "".join(sources)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Grow revenue", '"Grow revenue"'),
        ('a"] --> b', '"a#34;#93; #45;#45;#62; b"'),
        ("%%{init}%%", '"#37;#37;#123;init#125;#37;#37;"'),
        ("<b>x</b>", '"#60;b#62;x#60;#47;b#62;"'),
        ("Café", '"Caf#233;"'),
    ],
)
def test_mermaid_labels_are_quoted_and_entity_escaped(text: str, label: str) -> None:
    assert mermaid_label(text) == label


@pytest.mark.parametrize(
    ("source", "target", "url"),
    [
        ("units/sales.md", Target("units/sales.md", "ada"), "#ada"),
        ("units/sales.md", Target("strategy/index.md"), "../strategy/index.html"),
        ("index.md", Target("units/a b.md", "2026-H1_x y_g"), "units/a%20b.html#2026-H1_x%20y_g"),
        ("index.md", Target("units/javascript:x.md"), "units/javascript%3Ax.html"),
    ],
)
def test_links_are_relative_and_percent_encoded(source: str, target: Target, url: str) -> None:
    assert href(source, target) == url


def test_the_company_name_is_escaped_once_in_the_header(tmp_path: Path) -> None:
    """Material writes `title="{{ config.site_name | e }}"`: the name must not come out as `&amp;amp;`."""
    root = site_company(tmp_path / "company")
    edit(root, "org/company.yaml", lambda company: company.update(name='Smith & Sons <"Gauges">'))
    home = read(build(root) / "index.html")
    name = "Smith &amp; Sons &lt;&#34;Gauges&#34;&gt; performance"
    assert f'title="{name}" class="md-header__button md-logo" aria-label="{name}"' in home
    assert f"<title>{name}</title>" in home
    assert "&amp;amp;" not in home and "&amp;lt;" not in home
