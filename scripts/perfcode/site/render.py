"""Rendering: Jinja2 templates (autoescaped, from the package only) to HTML fragments.

Templates come from ``perfcode/site/templates``; data is only ever passed as values, so a
``{{ }}`` in a goal title is shown, never evaluated. The table of contents of a page is
read back from the headings the ``heading`` macro writes.

A page's values are made when it is rendered, not when the site's pages are listed: a
large organisation has thousands of unit pages, and only the one being written should
hold its views of goals, people and results.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import jinja2
from markupsafe import Markup

from perfcode.site import links, text
from perfcode.site.escape import inline_code

_HEADING = re.compile(r'<h([23]) id="([^"]+)"[^>]*>(.*?)<a class="headerlink"', re.S)
_TAGS = re.compile(r"<[^>]+>")
_SMALL = re.compile(r"<small\b.*?</small>", re.S)
_NOT_SEARCHED = re.compile(
    r'<svg\b.*?</svg>|<figure class="pc-diagram".*?</figure>|<details class="pc-checkins">.*?</details>'
    r'|<script\b.*?</script>|<a class="headerlink"[^>]*>.*?</a>',
    re.S,
)
_NOT_HEADING = re.compile(r"<(?!/?h[1-6][\s>])[^>]*>")
_SPACES = re.compile(r"\s{2,}")


Values = Callable[[], Mapping[str, Any]]
"""What makes a page's template values, called once when the page is rendered."""


@dataclass(frozen=True)
class Page:
    """A generated page: its source path, plain-text title, template and what makes its values."""

    uri: str
    title: str
    template: str
    values: Values
    search: bool = True
    diagrams: bool = False
    wide: bool = False


@dataclass(frozen=True)
class Heading:
    level: int
    id: str
    title: Markup


@functools.cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("perfcode.site", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        number=text.number,
        score=text.score,
        bar=text.bar,
        state=text.state,
        day=text.day,
        prose=inline_code,
    )
    env.globals.update(links=links, phase_names=text.PHASE_NAMES)
    return env


def render(page: Page) -> str:
    template = environment().get_template(page.template)
    return template.render(
        page.values(),
        page=page,
        href=functools.partial(_href, page.uri),
        asset=functools.partial(links.asset, page.uri),
    )


def _href(source: str, target: links.Target | str | None, anchor: str | None = None) -> str:
    if target is None:
        return ""
    if isinstance(target, str):
        target = links.Target(target, anchor)
    return links.href(source, target)


def headings(html: str) -> list[Heading]:
    """The h2 and h3 headings of a rendered page, for its table of contents."""
    return [
        Heading(int(level), ident, Markup(_TAGS.sub("", _SMALL.sub("", inner)).strip()))
        for level, ident, inner in _HEADING.findall(html)
    ]


def searched(html: str) -> str:
    """The page as the search index reads it: its headings and their text, nothing else.

    The search plugin parses every page's HTML tag by tag and makes a section of each
    heading; leaving out charts, diagrams and check-in lists, and every tag but the
    headings, keeps the build fast for large organisations and the index small.
    """
    return _SPACES.sub(" ", _NOT_HEADING.sub(" ", _NOT_SEARCHED.sub("", html)))
