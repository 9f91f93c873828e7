"""Scale: the site of a generated organisation builds, and its size grows linearly.

Opt-in, as it takes minutes: PERFCODE_SITE_SCALE=10000 pytest tests/site/test_site_scale.py
(the number of people; `perfcode demo-org` makes the company). How long the build takes and
how much memory it needs are measured by the benchmark (`make bench`), not asserted here.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sitebuild import build

from support import TODAY

PEOPLE = int(os.environ.get("PERFCODE_SITE_SCALE", "0"))


@pytest.mark.skipif(not PEOPLE, reason="set PERFCODE_SITE_SCALE=10000 to build the site of a large company")
def test_a_large_company_builds_with_pages_in_proportion(tmp_path: Path) -> None:
    root = tmp_path / "company"
    command = [sys.executable, "-m", "perfcode", "demo-org", "--people", str(PEOPLE), str(root)]
    subprocess.run([*command, "--today", TODAY], check=True, capture_output=True)
    site = build(root)
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    assert size < PEOPLE * 30_000, f"{size / PEOPLE / 1000:.0f} KB per person"
    assert (site / "index.html").is_file()
