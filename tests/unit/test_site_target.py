"""Where the publish workflow sends the site: Pages only on an explicit publication policy."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from perfcode.site.policy import Policy
from perfcode.site.target import main, site_target, target_of


@pytest.mark.parametrize(
    ("framework", "target"),
    [
        ({"publication": {"site": "public"}}, "public"),
        ({"publication": {"site": "private-pages"}}, "private-pages"),
        ({"publication": {"site": "artifact"}}, "artifact"),
        ({"publication": {"goals": True}}, "artifact"),
        ({"publication": None}, "artifact"),
        ({"publication": {"site": "Public"}}, "artifact"),
        ({"publication": {"site": ["public"]}}, "artifact"),
        ({"publication": "public"}, "artifact"),
        ({}, "artifact"),
        (None, "artifact"),
    ],
)
def test_only_an_explicit_public_or_private_pages_deploys(framework: Any, target: str) -> None:
    assert site_target(framework) == target


def test_the_policy_defaults_to_an_artifact() -> None:
    assert (Policy.of(None).site, Policy.of(None).deploys) == ("artifact", False)
    assert Policy.of({"publication": {"site": "private-pages"}}).deploys


def test_a_missing_or_broken_framework_deploys_nothing(tmp_path: Path) -> None:
    assert target_of(tmp_path) == "artifact"
    (tmp_path / "org").mkdir()
    (tmp_path / "org" / "framework.yaml").write_text("publication: {site: public\n", encoding="utf-8")
    assert target_of(tmp_path) == "artifact"
    (tmp_path / "org" / "framework.yaml").write_text("publication: {site: public}\n", encoding="utf-8")
    assert target_of(tmp_path) == "public"


def test_it_prints_a_github_output_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "org").mkdir()
    (tmp_path / "org" / "framework.yaml").write_text("publication: {site: private-pages}\n", encoding="utf-8")
    assert main([str(tmp_path)]) == 0
    assert capsys.readouterr().out == "site=private-pages\n"


def test_the_example_company_keeps_its_site_an_artifact() -> None:
    repo = Path(__file__).resolve().parents[2]
    run = subprocess.run(
        [sys.executable, "-m", "perfcode.site.target"], cwd=repo, capture_output=True, text=True, check=True
    )
    assert run.stdout == "site=artifact\n"
