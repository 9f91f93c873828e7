"""MkDocs hooks (``hooks:`` in mkdocs.yml): the generated pages of the site.

MkDocs loads this file by its path and calls the functions below by name; the work is
done by :class:`perfcode.site.build.Site`.
https://www.mkdocs.org/user-guide/configuration/#hooks
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from perfcode.site.build import Site

WATCHED = ("org", "goals", "reviews", "governance", "schemas")

_site = Site()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _site.configure(config)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    return _site.add_files(files, config)


def on_pre_build(config: MkDocsConfig) -> None:
    _site.search.start(config)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return _site.markdown(markdown, page)


@event_priority(100)
def _render_page(context: Any, page: Page, config: MkDocsConfig, nav: Navigation) -> Any:
    """Runs before the search plugin's, which indexes the page as it is left here."""
    _site.prepare(page)
    return context


@event_priority(-100)
def _restore_page(context: Any, page: Page, config: MkDocsConfig, nav: Navigation) -> Any:
    """Runs after the search plugin's: the whole page for the theme's template."""
    _site.restore(page)
    return context


on_page_context = CombinedEvent(_render_page, _restore_page)


@event_priority(-100)
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """The page is written: its HTML is let go, so the build holds one page at a time."""
    _site.release(page)
    return output


@event_priority(-50)
def on_post_build(config: MkDocsConfig) -> None:
    """Runs after the search plugin has written its index, before the offline plugin copies it."""
    _site.search.write(config.site_dir)


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    """`mkdocs serve` rebuilds when the data changes, not only docs/."""
    if _site.data is not None:
        for name in WATCHED:
            folder = _site.data.root / name
            if folder.is_dir():
                server.watch(str(folder))
    return server
