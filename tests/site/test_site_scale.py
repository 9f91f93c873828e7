"""Scale: the site of a generated organisation builds in under 60 s and stays under 300 MB.

Opt-in, as it takes minutes: PERFCODE_SITE_SCALE=10000 pytest tests/site/test_site_scale.py
(the number of people; `perfcode demo-org` makes the company).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sitebuild import build

from support import TODAY

PEOPLE = int(os.environ.get("PERFCODE_SITE_SCALE", "0"))


@pytest.mark.skipif(not PEOPLE, reason="set PERFCODE_SITE_SCALE=10000 to build the site of a large company")
def test_a_large_company_builds_fast_and_small(tmp_path: Path) -> None:
    root = tmp_path / "company"
    command = [sys.executable, "-m", "perfcode", "demo-org", "--people", str(PEOPLE), str(root)]
    subprocess.run([*command, "--today", TODAY], check=True, capture_output=True)
    started = time.monotonic()
    site = build(root)
    seconds = time.monotonic() - started
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    assert seconds < 60, f"{seconds:.0f} s"
    assert size < 300_000_000, f"{size / 1e6:.0f} MB"
