"""MkDocs hooks (``hooks:`` in mkdocs.yml): the generated pages of the site.

MkDocs loads this file by its path and calls the functions below by name; the work is
done by :class:`perfcode.site.build.Site`.
https://www.mkdocs.org/user-guide/configuration/#hooks
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from perfcode.site.build import Site

WATCHED = ("org", "goals", "reviews", "schemas")

_site = Site()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _site.configure(config)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    return _site.add_files(files, config)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return _site.markdown(markdown, page)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return _site.content(html, page)


@event_priority(-100)
def on_page_context(context: Any, page: Page, config: MkDocsConfig, nav: Navigation) -> Any:
    """Runs after the search plugin's, which indexes the page as ``on_page_content`` left it."""
    _site.context(page)
    return context


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    """`mkdocs serve` rebuilds when the data changes, not only docs/."""
    if _site.data is not None:
        for name in WATCHED:
            folder = _site.data.root / name
            if folder.is_dir():
                server.watch(str(folder))
    return server
