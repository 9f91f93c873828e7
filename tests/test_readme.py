"""The README's examples run (issue 15): every ```sh block of README.md and of the README
that `perfcode init` writes runs in bash as a reader would run it, one block after the
other in one terminal (a block starts in the folder where the one before ended), stopping
at the first command that fails. A block right after `<!-- notest -->` is left out (the
habit of sqlite-utils and cibuildwheel, whose documentation is tested the same way).

The day is pinned by PERFCODE_TODAY: the example company's day, or for the blocks of a
cycle a day of the phase they belong to. Between blocks the test does what people do by
hand or through pull requests: write assessments, record the final ratings, merge.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from support import REPO, TODAY

NOTEST = "<!-- notest -->"
VENV_BIN = Path(sys.executable).parent
Prepare = Callable[[Path], None]


@dataclass(frozen=True)
class Block:
    """A ```sh block: where it is and its text."""

    source: str
    line: int
    text: str

    def __str__(self) -> str:
        return f"{self.source}:{self.line}"


def sh_blocks(text: str, source: str) -> list[Block]:
    """The ```sh blocks of a Markdown text, without those marked notest."""
    lines = text.splitlines()
    blocks = []
    start = None
    for number, line in enumerate(lines):
        if start is None and line.strip() == "```sh":
            start = number
        elif start is not None and line.strip() == "```":
            before = next((kept.strip() for kept in reversed(lines[:start]) if kept.strip()), "")
            if before != NOTEST:
                blocks.append(Block(source, start + 1, "\n".join(lines[start + 1 : number])))
            start = None
    return blocks


def test_blocks_are_found_and_notest_ones_left_out() -> None:
    text = "```sh\na\n```\n\n<!-- notest -->\n```sh\nb\n```\n```python\nc\n```\n```sh\nd\n```\n"
    assert [(b.line, b.text) for b in sh_blocks(text, "x")] == [(1, "a"), (12, "d")]


@dataclass
class Reader:
    """A terminal: the folder it is in, its environment, and what it ran."""

    cwd: Path
    env: dict[str, str]
    state: Path

    def run(self, block: Block, today: str) -> None:
        script = f"set -euo pipefail\ntrap 'pwd > \"{self.state}\"' EXIT\n{block.text}\n"
        done = subprocess.run(
            ["bash", "-c", script],
            cwd=self.cwd,
            env={**self.env, "PERFCODE_TODAY": today},
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, f"{block} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
        self.cwd = Path(self.state.read_text(encoding="utf-8").strip())


def reader(tmp_path: Path, cwd: Path) -> Reader:
    config = tmp_path / "gitconfig"
    config.write_text(
        "[user]\n\tname = Aiko Tanaka\n\temail = aiko.tanaka@corvane.example\n[init]\n\tdefaultBranch = main\n",
        encoding="utf-8",
    )
    env = {
        "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "HOME": str(tmp_path),
        "GIT_CONFIG_GLOBAL": str(config),
        "GIT_CONFIG_NOSYSTEM": "1",
        "NO_MKDOCS_2_WARNING": "1",
        "LANG": "C.UTF-8",
        # The reader's editor saves the file as it opened it.
        "EDITOR": "true",
    }
    return Reader(cwd, env, tmp_path / "pwd")


def git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True)
    return done.stdout.strip()


def cli(root: Path, *args: str) -> str:
    done = subprocess.run(
        [str(VENV_BIN / "perfcode"), "--root", str(root), *args], capture_output=True, text=True, check=True
    )
    return done.stdout


def commit(root: Path, message: str) -> None:
    """Merged: what people did by hand, committed (as a pull request would be)."""
    git(root, "add", "--all")
    git(root, "-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "--quiet", "-m", message)


def the_repository(dest: Path) -> Path:
    """The repository as it is in the work tree, committed on main: the README's company."""
    ignored = shutil.ignore_patterns(
        ".git", ".venv", "site", "__pycache__", ".*_cache", ".hypothesis", "artifacts"
    )
    shutil.copytree(REPO, dest, ignore=ignored, symlinks=True)
    git(dest, "init", "--quiet", "--initial-branch=main")
    commit(dest, "The example")
    return dest


@dataclass(frozen=True)
class Step:
    """The day a block runs on and what people do before it."""

    today: str
    before: Prepare | None = None


def steps_of(blocks: list[Block], plan: Mapping[str, Step]) -> Iterator[tuple[Block, Step]]:
    """Each block with the step of the first marker it contains (else the example's day)."""
    for block in blocks:
        marker = next((m for m in plan if m in block.text), None)
        yield block, plan[marker] if marker else Step(TODAY)


H1_CLASSES = {
    "cara-diaz": ("ownership", "collaboration", "craft", "leading-people"),
    "fay-gold": ("ownership", "collaboration", "craft"),
}
PROFESSIONAL = ("customer-focus", "ownership", "collaboration", "craft")
EXECUTIVE = ("customer-focus", "ownership", "collaboration", "leading-people")
MILESTONE = """\
owner: {person}
goals:
  - id: deliver
    title: Deliver the half year's plan
    weight: 100
    local: {{reason: Agreed with the manager}}
    key_results:
      - {{id: deliver, metric: Delivered, curve: milestone, actual: true, weight: 100}}
"""


def assessed(text: str, competencies: tuple[str, ...], day: str) -> str:
    """Every drafted assessment of a review filled in: a rating, the manager's competencies."""

    def filled(match: re.Match[str]) -> str:
        rated = "".join(f"      - {{id: {c}, rating: 3}}\n" for c in competencies)
        extra = f"    competencies:\n{rated}" if match[2] in ("manager", "committee") else ""
        return f'{match[0]}    submitted: "{day}"\n    rating: 3\n{extra}'

    return re.sub(r"  - reviewer: (\S+)\n    relationship: (\S+)\n", filled, text)


def rated(root: Path, cycle: str, day: str, feedback: str) -> None:
    """The committee's final ratings (the computed ones) and the feedback of everyone but
    those who have theirs already."""
    scores = json.loads(cli(root, "score", "--cycle", cycle, "--format", "json", "--today", day))
    for result in scores["people"]:
        path = root / f"reviews/{cycle}/{result['person']}.yaml"
        text = path.read_text(encoding="utf-8")
        text += f"final_rating: {result['computed_rating']}\n"
        if "feedback:" not in text:
            text += feedback
        path.write_text(text, encoding="utf-8")


def complete_the_half_year(acme: Path) -> None:
    """Everyone's goals, actuals and assessments, the final ratings and the feedback, merged."""
    for person in ("cara-diaz", "eve-fox", "gil-hart", "fay-gold"):
        (acme / f"goals/2026-H1/people/{person}.yaml").write_text(
            MILESTONE.format(person=person), encoding="utf-8"
        )
    cli(acme, "actual", "firmware", "connected-gauge", "connected-gauge", "950", "--today", "2026-06-25")
    for path in (acme / "reviews/2026-H1").glob("*.yaml"):
        competencies = H1_CLASSES.get(path.stem, PROFESSIONAL)
        path.write_text(
            assessed(path.read_text(encoding="utf-8"), competencies, "2026-06-26"), encoding="utf-8"
        )
    rated(acme, "2026-H1", "2026-07-02", 'feedback: {meeting: "2026-07-20", acknowledged: "2026-07-22"}\n')
    commit(acme, "Goals, assessments, ratings and feedback of 2026-H1")


def appeal_decided_after_the_close(acme: Path) -> None:
    path = acme / "reviews/2026-H1/dan-evans.yaml"
    appeal = (
        'appeal: {filed: "2026-07-25", grounds: The last plant went live on 29 June., decision: amended,'
        ' decided: "2026-09-01", rating: 4}\n'
    )
    path.write_text(path.read_text(encoding="utf-8") + appeal, encoding="utf-8")


README_STEPS = {
    "perfcode init ../acme": Step("2026-01-05"),
    "perfcode cycle open 2026-H1            #": Step("2026-01-05"),
    "perfcode checkin dan-evans": Step("2026-03-10"),
    "perfcode nominate dan-evans": Step("2026-06-20"),
    "perfcode feedback dan-evans meeting": Step("2026-07-20"),
    "perfcode cycle close 2026-H1": Step("2026-08-12", complete_the_half_year),
    "perfcode cycle amend 2026-H1": Step("2026-09-02", appeal_decided_after_the_close),
}


def test_every_example_of_the_readme_runs(tmp_path: Path) -> None:
    blocks = sh_blocks((REPO / "README.md").read_text(encoding="utf-8"), "README.md")
    assert len(blocks) >= 8
    terminal = reader(tmp_path, the_repository(tmp_path / "perfcode"))
    for block, step in steps_of(blocks, README_STEPS):
        if step.before is not None:
            step.before(terminal.cwd)
        terminal.run(block, step.today)
    acme = tmp_path / "acme"
    assert git(acme, "tag", "--list") == "perf/2026-H1"
    assert cli(acme, "check", "--today", "2026-09-02").endswith("files checked: no findings\n")


HRIS = """\
id,name,email,github,unit,position,manager,class
ada-lovelace,Ada Lovelace,ada@acme.example,ada-l,acme-gauges,president,,executive
bob-brown,Bob Brown,bob@acme.example,bobb,engineering,department-head,ada-lovelace,executive
dan-evans,Dan Evans,dan@acme.example,,engineering,technician,bob-brown,operator
"""


def the_hris_export(acme: Path) -> None:
    (acme / "hris-export.csv").write_text(HRIS, encoding="utf-8")


def complete_the_year(acme: Path) -> None:
    """Planning done, the year's actuals, reviews (the committee's assessment too), ratings."""
    filled = "        threshold: 4\n        target: 8\n        stretch: 12\n        actual: 9\n        weight: 100\n"
    for person in ("ada-lovelace", "bob-brown"):
        path = acme / f"goals/2026/people/{person}.yaml"
        text = path.read_text(encoding="utf-8").replace(
            "        weight: 100  # to fill in: threshold, target, stretch\n", filled
        )
        path.write_text(
            text.replace(
                "    weight: 40\n    perspective: internal-process",
                "    weight: 100\n    perspective: internal-process",
            ),
            encoding="utf-8",
        )
    for owner, goal in (("ada-lovelace", "new-customers"), ("company", "growth")):
        cli(acme, "actual", owner, goal, goal, "9", "--today", "2026-12-20")
    cli(acme, "cycle", "open", "2026", "--today", "2026-12-20")
    for person in ("ada-lovelace", "bob-brown"):
        path = acme / f"reviews/2026/{person}.yaml"
        text = path.read_text(encoding="utf-8") + "  - reviewer: ada-lovelace\n    relationship: committee\n"
        path.write_text(assessed(text, EXECUTIVE, "2026-12-28"), encoding="utf-8")
    rated(acme, "2026", "2027-01-10", 'feedback: {meeting: "2027-01-20", acknowledged: "2027-01-22"}\n')
    commit(acme, "The year 2026")


INIT_README_STEPS = {
    "import people hris-export.csv --dry-run": Step("2026-01-05", the_hris_export),
    "perfcode cycle open 2026 ": Step("2026-01-10"),
    "perfcode cycle close 2026": Step("2027-02-20", complete_the_year),
}


def test_every_example_of_the_readme_that_init_writes_runs(tmp_path: Path) -> None:
    terminal = reader(tmp_path, tmp_path)
    init = Block("test", 0, "perfcode init acme --company 'Acme Gauges' --president 'Ada Lovelace' "
                 "--email ada@acme.example --github ada-l --board acme-board-chair")  # fmt: skip
    terminal.run(init, "2026-01-05")
    acme = tmp_path / "acme"
    (acme / ".venv/bin").mkdir(parents=True)
    (acme / ".venv/bin/perfcode").symlink_to(VENV_BIN / "perfcode")  # what `make demo` installs
    terminal.cwd = acme
    blocks = sh_blocks((acme / "README.md").read_text(encoding="utf-8"), "README.md of init")
    assert len(blocks) == 3
    for block, step in steps_of(blocks, INIT_README_STEPS):
        if step.before is not None:
            step.before(terminal.cwd)
        terminal.run(block, step.today)
    assert git(acme, "tag", "--list") == "perf/2026"
