"""Where each page and anchor of the generated site lives, and links between them.

Pages are named by their source path (``units/sales.md``), as MkDocs names files; links
are relative, so the site works from any folder and from disk (``use_directory_urls:
false``). Anchors of fixed sections start with a capital letter and goal anchors contain
``_``, so neither can collide with a person's anchor, which is their id (a lower-case slug).
"""

from __future__ import annotations

import functools
import posixpath
from dataclasses import dataclass

from perfcode.site.escape import path_part

HOME = "index.md"
COMPANY = "goals.md"
STRATEGY = "strategy/index.md"
TREE = "strategy/tree.md"
UNITS = "units.md"
PROCESS = "process.md"
FRAMEWORK = "framework/index.md"
SCALE = "framework/scale.md"
RESULTS = "framework/results.md"
GOVERNANCE = "framework/governance.md"
RULES = "reference/rules.md"
DATA = "reference/data.md"
CHANGES = "changes.md"
CSS = "assets/perfcode/perfcode.css"
MERMAID = "assets/vendor/mermaid/mermaid.min.js"


@dataclass(frozen=True)
class Target:
    """A page and, optionally, an anchor on it."""

    page: str
    anchor: str | None = None


def unit_page(unit: str) -> str:
    return f"units/{unit}.md"


def goal_anchor(cycle: str, owner: str, goal: str) -> str:
    return f"{cycle}_{owner}_{goal}"


def href(source: str, target: Target) -> str:
    """The relative URL from page ``source`` to ``target``."""
    fragment = f"#{path_part(target.anchor)}" if target.anchor else ""
    if target.page == source and fragment:
        return fragment
    return _relative(source, target.page) + fragment


def asset(source: str, path: str) -> str:
    """The relative URL from page ``source`` to a static file of the site."""
    return posixpath.relpath(path, posixpath.dirname(source) or ".")


def _relative(source: str, page: str) -> str:
    return _relative_from(posixpath.dirname(source) or ".", page)


@functools.cache
def _relative_from(folder: str, page: str) -> str:
    """Cached: a large organisation's pages make hundreds of thousands of links, between a
    few folders and one page per unit."""
    built = page[: -len(".md")] + ".html" if page.endswith(".md") else page
    return "/".join(path_part(p) for p in posixpath.relpath(built, folder).split("/"))
