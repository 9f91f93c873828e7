"""The search index, moved out of memory page by page instead of held to the end of the build.

Material's search plugin (``plugins: - search``) makes an entry for each section of a page
as the page is written, keeps every entry, and dumps them all as one JSON text when the
build ends: for a large organisation, hundreds of thousands of entries held through the
whole build, then again as one string and as its bytes. :class:`Spill` moves the entries
to a temporary file as soon as the plugin has made them, and once the plugin has written
its (then empty) index, writes the index again from that file, byte for byte as the plugin
would have: ``{"config":...,"docs":[...]}``, the same separators, the entries in order.
https://github.com/squidfunk/mkdocs-material/blob/master/src/plugins/search/plugin.py

Only Material's plugin is known; with any other, or with ``mkdocs serve --dirty`` (where
the plugin merges each rebuild into the entries it kept), the entries stay with it.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from typing import IO, Any

from mkdocs.config.defaults import MkDocsConfig

MATERIAL = "material.plugins.search.plugin"
INDEX = os.path.join("search", "search_index.json")
SEPARATORS = (",", ":")


class Spill:
    def __init__(self) -> None:
        self._entries: list[Any] | None = None
        self._file: IO[str] | None = None

    def start(self, config: MkDocsConfig) -> None:
        """Find the plugin's list of entries, for a build that starts (after every ``on_config``)."""
        self.close()
        self._entries = _entries_of(config)
        if self._entries is not None:
            # Open from page to page of the build, so no `with`: ``write`` or the next ``start`` closes it.
            self._file = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115

    def take(self) -> None:
        """Move the entries the plugin has made so far to the file, one JSON text a line."""
        if self._entries and self._file is not None:
            for entry in self._entries:
                self._file.write(_dump(entry) + "\n")
            self._entries.clear()

    def write(self, site_dir: str) -> None:
        """Write the index with the moved entries, before any the plugin still holds."""
        path = os.path.join(site_dir, INDEX)
        try:
            if self._file is None or not os.path.isfile(path):
                return
            with open(path, encoding="utf-8") as index:
                written = json.load(index)
            self._file.seek(0)
            moved = (line.rstrip("\n") for line in self._file)
            _write(path, written["config"], moved, map(_dump, written["docs"]))
        finally:
            self.close()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        self._file, self._entries = None, None


def _entries_of(config: MkDocsConfig) -> list[Any] | None:
    """The entries of Material's search plugin; None when it keeps them for the next build."""
    for plugin in config.plugins.values():
        if type(plugin).__module__ == MATERIAL and not getattr(plugin, "is_dirty", True):
            entries = getattr(getattr(plugin, "search_index", None), "entries", None)
            return entries if isinstance(entries, list) else None
    return None


def _dump(entry: Any) -> str:
    """An entry as the plugin's ``json.dumps`` writes it inside the index."""
    return json.dumps(entry, separators=SEPARATORS, default=str)


def _write(path: str, config: Any, *parts: Iterator[str]) -> None:
    head = json.dumps({"config": config}, separators=SEPARATORS, default=str)
    partial = f"{path}.partial"
    with open(partial, "w", encoding="utf-8", newline="") as out:
        out.write(head[:-1] + ',"docs":[')
        first = True
        for part in parts:
            for entry in part:
                out.write(entry if first else "," + entry)
                first = False
        out.write("]}")
    os.replace(partial, path)
