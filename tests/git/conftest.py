"""Real git repositories of the minimal company, made in tmp_path (no mocks)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import git
import pytest
from git_support import Company

from support import make_company


@pytest.fixture
def company_repo(tmp_path: Path) -> Iterator[Company]:
    """The minimal company committed on main in a fresh repository."""
    root = make_company(tmp_path / "company")
    repo = git.Repo.init(root, initial_branch="main")
    with repo.config_writer() as config:
        config.set_value("commit", "gpgsign", "false")
        config.set_value("user", "name", "maintainer")
        config.set_value("user", "email", "maintainer@acme.example")
    found = Company(root, repo)
    found.commit("Start the company")
    yield found
    repo.close()
