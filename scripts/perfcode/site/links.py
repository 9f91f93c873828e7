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
from urllib.parse import quote, urlsplit

from perfcode.site.escape import path_part

HOME = "index.md"
COMPANY = "goals.md"
STRATEGY = "strategy/index.md"
TREE = "strategy/tree.md"
UNITS = "units.md"
PROCESS = "process.md"
REPORTS = "reports.md"
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


@dataclass(frozen=True)
class Remote:
    """The repository on GitHub the site is built from: ``repo_url`` in mkdocs.yml, and the
    branch people propose changes to (from ``edit_uri: edit/<branch>/docs/``, else main)."""

    url: str
    branch: str


@dataclass(frozen=True)
class FileLinks:
    """GitHub's web editor and history for one data file: made from its path only."""

    change: str
    history: str


def repository(repo_url: str | None, edit_uri: str | None) -> Remote | None:
    """The repository of an ``https`` ``repo_url`` with a host and a path, and nothing else in
    it (no query, fragment or credentials); None for any other URL, so no link is made."""
    parts = urlsplit(repo_url or "")
    fine = parts.scheme == "https" and parts.hostname and parts.path.strip("/")
    if not fine or parts.query or parts.fragment or parts.username or parts.password or parts.port:
        return None
    url = f"https://{parts.hostname}/{quote(parts.path.strip('/'), safe='/-_.~')}"
    edit = (edit_uri or "").strip("/").split("/")
    branch = edit[1] if len(edit) > 2 and edit[0] in ("edit", "blob") and edit[1] else "main"
    return Remote(url, branch)


def file_links(repo: Remote, path: str) -> FileLinks:
    """``{repo_url}/edit/{branch}/{path}`` and ``{repo_url}/commits/{branch}/{path}``, every
    segment percent-encoded."""
    where = "/".join(path_part(part) for part in f"{repo.branch}/{path}".split("/"))
    return FileLinks(f"{repo.url}/edit/{where}", f"{repo.url}/commits/{where}")


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
