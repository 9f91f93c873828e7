"""Built sites shared by the site tests: each company is built once per test session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from browsing import CHROMIUM, LAUNCH_ARGS, serve
from companies import canary_company, hostile_company
from sitebuild import build, site_company

from support import REPO

if TYPE_CHECKING:
    from playwright.sync_api import Browser


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example company of the repository, built into a temporary folder."""
    return build(REPO, tmp_path_factory.mktemp("example") / "site")


@pytest.fixture(scope="session")
def minimal_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(site_company(tmp_path_factory.mktemp("minimal") / "company"))


@pytest.fixture(scope="session")
def canary_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(canary_company(tmp_path_factory.mktemp("canary") / "company"))


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(hostile_company(tmp_path_factory.mktemp("hostile") / "company"))


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's chromium, headless, for the tests of one module."""
    if not CHROMIUM.exists():
        pytest.skip("browser tests need Debian's chromium at /usr/bin/chromium (`make test` installs it)")
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="pip install -e '.[test]' installs playwright"
    )
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def example_url(example_site: Path) -> Iterator[str]:
    yield from serve(example_site)


@pytest.fixture(scope="module")
def hostile_url(hostile_site: Path) -> Iterator[str]:
    yield from serve(hostile_site)
