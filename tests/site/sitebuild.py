"""Helpers for the site tests: companies in a temporary folder, built with `mkdocs build --strict`.

A company folder gets the repository's mkdocs.yml, and links to its docs/ and scripts/
(the hooks are loaded by path), so it builds exactly as the repository does; the data
are the company's own. Builds run as a subprocess, like `make demo` and CI run them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

from support import REPO, TODAY, make_company

TEXT_SUFFIXES = {".html", ".js", ".json", ".xml", ".css", ".txt", ".svg", ".map", ""}


def site_company(dest: Path) -> Path:
    """A copy of the minimal company, ready to build as a site."""
    root = make_company(dest)
    attach_site(root)
    return root


def attach_site(root: Path) -> None:
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    (root / "docs").symlink_to(REPO / "docs", target_is_directory=True)
    (root / "scripts").symlink_to(REPO / "scripts", target_is_directory=True)


def build(root: Path, site_dir: Path | None = None, today: str = TODAY) -> Path:
    """Build the site of ``root`` strictly; the built folder."""
    out = site_dir or root / "site"
    run = mkdocs_build(root, out, today)
    assert run.returncode == 0, f"mkdocs build failed:\n{run.stdout}\n{run.stderr}"
    return out


def mkdocs_build(
    root: Path, out: Path, today: str = TODAY, *options: str
) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict OPTIONS` of ``root`` into ``out``, as a subprocess."""
    env = {**os.environ, "PERFCODE_TODAY": today, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", *options, "-f", str(root / "mkdocs.yml")]
    command += ["-d", str(out)]
    return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, check=False)


def site_files(site: Path) -> Iterator[Path]:
    """Every file of the built site that holds text: pages, scripts, search index, sitemap."""
    for path in sorted(site.rglob("*")):
        if path.is_file() and (path.suffix in TEXT_SUFFIXES or path.name.endswith(".xml.gz")):
            yield path


def read(path: Path) -> str:
    if path.name.endswith(".gz"):
        import gzip

        return gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
    return path.read_text(encoding="utf-8", errors="replace")


class Links(HTMLParser):
    """The links, sources and ids of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.sources: list[tuple[str, str]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "href" in values:
            self.hrefs.append(values["href"])
        for name in ("src", "href", "srcset", "action", "data"):
            if name in values and tag != "a":
                self.sources.append((tag, values[name]))


def parse(path: Path) -> Links:
    links = Links()
    links.feed(read(path))
    return links


def text_of(html: str) -> str:
    """The visible text of a fragment, roughly: tags dropped, entities kept."""
    return re.sub(r"<[^>]+>", " ", html)
