"""Built sites shared by the site tests: each company is built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest
from companies import canary_company, hostile_company
from sitebuild import build, site_company

from support import REPO


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
