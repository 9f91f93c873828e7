from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from support import findings, make_company

# Companies outside git keep their cache in the user's cache folder: the tests' own.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="perfcode-test-cache-")
# No identity unless a test gives one: the suite never reads the user's own ssh key.
os.environ["PERFCODE_IDENTITY"] = ""


@pytest.fixture
def company(tmp_path: Path) -> Path:
    """A fresh copy of the minimal company (with schemas) that the test may change."""
    return make_company(tmp_path / "company")


@pytest.fixture(scope="session")
def clean_findings(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The findings of the unchanged minimal company (none), computed once."""
    return findings(make_company(tmp_path_factory.mktemp("clean") / "company"), select=())
