"""Writing commands under faults: two at once lose nothing, and a write the system refuses
(a full disk, a read-only folder) is one line on standard error, exit 2, and no change.

The commands run as real processes. A full disk is played by a file-size limit
(``RLIMIT_FSIZE``: a write past it fails with EFBIG, as one fails with ENOSPC on a full
disk; Python ignores SIGXFSZ, so the write raises instead of killing the process).
"""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

import pytest
from process_support import Cli, tree

GOALS = "goals/2026-H1/people/dan-evans.yaml"
DAN = """\
owner: dan-evans
goals:
  - id: ship-ota
    title: Ship over-the-air updates
    weight: 100
    local: {reason: "The team has no goals yet"}
    key_results:
      - id: devices
        metric: Devices updated over the air
        unit: count
        threshold: 100
        target: 500
        stretch: 800
        weight: 100
"""


def perfcode(*args: str | Path, limit: int | None = None) -> subprocess.Popen[str]:
    """``perfcode ARGS`` as a new process; ``limit`` caps the size of any file it writes."""

    def cap() -> None:
        if limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))

    command = [sys.executable, "-m", "perfcode", *map(str, args)]
    return subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=cap
    )


@pytest.fixture
def planned(imported: Path, cli: Cli) -> Path:
    assert cli("--root", imported, "cycle", "open", "2026-H1", "--today", "2026-01-05").code == 0
    (imported / GOALS).write_text(DAN, encoding="utf-8")
    return imported


def test_two_check_ins_at_once_are_both_recorded(planned: Path) -> None:
    days = [f"2026-02-{day:02d}" for day in range(1, 7)]
    runs = [
        perfcode("--root", planned, "checkin", "dan-evans", "ship-ota", "devices", str(10 * i), "--date", day,
                 "--today", "2026-03-03")
        for i, day in enumerate(days, 1)
    ]  # fmt: skip
    assert [run.wait(timeout=120) for run in runs] == [0] * len(days)
    text = (planned / GOALS).read_text(encoding="utf-8")
    assert text == DAN + "        check_ins:\n" + "".join(
        f'          - {{date: "{day}", value: {10 * i}}}\n' for i, day in enumerate(days, 1)
    )


FAULTS = {
    "checkin": ("checkin", "dan-evans", "ship-ota", "devices", "120", "--date", "2026-03-02", "--today", "2026-03-03"),
    "new goal": ("new", "goal", "eve-fox", "--id", "test-rig", "--title", "Automate the test rig", "--weight",
                 "100", "--local", "Nobody else needs it", "--metric", "Rig automated", "--curve", "milestone",
                 "--today", "2026-01-10"),
    "cycle open": ("cycle", "open", "2026-H2", "--today", "2026-06-20"),
    "codeowners --write": ("codeowners", "--write"),
}  # fmt: skip


@pytest.mark.parametrize("args", FAULTS.values(), ids=FAULTS)
def test_a_refused_write_is_one_line_exit_2_and_no_change(planned: Path, args: tuple[str, ...]) -> None:
    before = tree(planned)
    run = perfcode("--root", planned, *args, limit=64)
    _, err = run.communicate(timeout=120)
    assert (run.returncode, len(err.splitlines())) == (2, 1), err
    assert err.startswith("perfcode: error: cannot write ") and err.endswith(
        ": File too large; no file was changed\n"
    )
    assert tree(planned) == before


def test_a_refused_import_changes_nothing(started: Path, people_csv: Path) -> None:
    before = tree(started)
    run = perfcode("--root", started, "import", "people", people_csv, "--today", "2026-01-05", limit=64)
    _, err = run.communicate(timeout=120)
    assert (run.returncode, err.startswith("perfcode: error: cannot write "), len(err.splitlines())) == (
        2,
        True,
        1,
    )
    assert tree(started) == before


def test_a_refused_init_leaves_no_folder(tmp_path: Path) -> None:
    dest = tmp_path / "acme"
    run = perfcode("init", dest, "--company", "Acme", "--president", "Ada Lovelace", "--email", "ada@acme.example",
                   "--github", "ada-l", "--today", "2026-01-05", limit=64)  # fmt: skip
    _, err = run.communicate(timeout=120)
    assert (run.returncode, len(err.splitlines()), dest.exists()) == (2, 1, False), err
