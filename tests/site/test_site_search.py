"""The search index leaves memory page by page, and is still written exactly as Material's
search plugin writes it (perfcode.site.search)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

from perfcode.site.search import Spill

ENTRIES: list[dict[str, Any]] = [
    {"location": "index.html", "title": "Home", "text": "Where we are"},
    {
        "location": "units/sales.html#sam-stone",
        "title": 'Sam \u00d6zt\u00fcrk "Sammy" </script>',
        "text": "two\nlines, a \u2028 separator and \U0001f680",
    },
    {"location": "guides/site.html#safety", "title": "Safety", "text": "", "boost": 2.5, "tags": ["x"]},
]


def _config(site_dir: Path, dirty: bool = False) -> MkDocsConfig:
    config = MkDocsConfig()
    config.load_dict(
        {"site_name": "Test", "site_dir": str(site_dir), "theme": {"name": "material"}, "plugins": ["search"]}
    )
    errors, _ = config.validate()
    assert errors == []
    config.plugins.on_startup(command="build", dirty=dirty)
    return config.plugins.on_config(config)


def _index(config: MkDocsConfig) -> list[Any]:
    entries = config.plugins["material/search"].search_index.entries  # type: ignore[attr-defined]
    assert isinstance(entries, list)
    return entries


def _build(site_dir: Path, spill: Spill | None) -> bytes:
    """Pages indexed one by one, the last one's entries left with the plugin at the end."""
    config = _config(site_dir)
    if spill is not None:
        spill.start(config)
    for entry in ENTRIES:
        if spill is not None:
            spill.take()
        _index(config).append(dict(entry))
    config.plugins.on_post_build(config=config)
    if spill is not None:
        spill.write(config.site_dir)
    return (site_dir / "search" / "search_index.json").read_bytes()


def test_the_index_is_written_byte_for_byte_as_the_plugin_writes_it(tmp_path: Path) -> None:
    spilled = _build(tmp_path / "spilled", Spill())
    assert spilled == _build(tmp_path / "plain", None)
    assert [doc["title"] for doc in json.loads(spilled)["docs"]] == [e["title"] for e in ENTRIES]


def test_the_plugin_keeps_no_entry_once_they_are_taken(tmp_path: Path) -> None:
    config, spill = _config(tmp_path), Spill()
    spill.start(config)
    _index(config).extend(dict(e) for e in ENTRIES)
    spill.take()
    assert _index(config) == []
    spill.close()


def test_a_dirty_rebuild_leaves_the_entries_with_the_plugin(tmp_path: Path) -> None:
    """`mkdocs serve --dirty`: the plugin merges each rebuild into the entries it kept."""
    config, spill = _config(tmp_path, dirty=True), Spill()
    spill.start(config)
    _index(config).extend(dict(e) for e in ENTRIES)
    spill.take()
    assert len(_index(config)) == len(ENTRIES)
