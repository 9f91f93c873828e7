"""`perfcode diff`: escaping of everything taken from YAML, GitHub's size limits, JSON."""

from __future__ import annotations

import json

import pytest
from git_support import Company, perfcode

from perfcode.git.diff import FileReport, Report, ScoreChange
from perfcode.git.markdown import Code, code_span, markdown
from perfcode.git.summary import to_markdown

SAM = "goals/2026-H2/people/sam-stone.yaml"
HOSTILE = "Upsell | <img src=x onerror=alert(1)> [win](javascript:alert(1)) @everyone #1 ``x``"


def test_every_value_from_yaml_is_a_code_span(
    company_repo: Company, capsys: pytest.CaptureFixture[str]
) -> None:
    company_repo.replace(SAM, "title: Upsell my ten largest accounts", f"title: '{HOSTILE}'")
    company_repo.commit("A new title", "sam-stone")
    code, out, _ = perfcode(capsys, company_repo.root, "diff", "HEAD^1", "HEAD", "--today", "2026-11-24")

    assert (code, out) == (
        0,
        "## What this change means\n"
        "\n"
        f"From `{company_repo.sha('HEAD^1')[:12]}` to `{company_repo.sha('HEAD')[:12]}`: 1 data file changed.\n"
        "\n"
        "### Goals\n"
        "\n"
        "**`goals/2026-H2/people/sam-stone.yaml`** (changed)\n"
        "\n"
        "- `goals[upsell-accounts].title` `Upsell my ten largest accounts` -> "
        "``` Upsell | <img src=x onerror=alert(1)> [win](javascript:alert(1)) @everyone #1 ``x`` ```\n"
        "\n"
        "### Notes\n"
        "\n"
        "- no score or rating moves in `2026-H2`\n",
    )
    code, out, _ = perfcode(capsys, company_repo.root, "diff", "HEAD^1", "HEAD", "--format", "json")
    assert json.loads(out)["files"] == [
        {
            "path": SAM,
            "kind": "person-goals",
            "status": "changed",
            "changes": [
                {
                    "field": "goals[upsell-accounts].title",
                    "change": "changed",
                    "old": "Upsell my ten largest accounts",
                    "new": HOSTILE,
                    "text": f"goals[upsell-accounts].title Upsell my ten largest accounts -> {HOSTILE}",
                }
            ],
            "problem": None,
        }
    ]


@pytest.mark.parametrize(
    ("text", "table", "span"),
    [
        ("sam-stone", False, "`sam-stone`"),
        ("a|b", True, "`a\\|b`"),
        ("a|b", False, "`a|b`"),
        ("one `tick`", False, "`` one `tick` ``"),
        ("`", False, "`` ` ``"),
        ("two\nlines\r\u2028here", False, "`two lines  here`"),
        ("<b>bold</b>", False, "`<b>bold</b>`"),
        ("  ", False, "(empty)"),
    ],
)
def test_code_span_shows_the_text_and_nothing_else(text: str, table: bool, span: str) -> None:
    assert code_span(text, table) == span


def test_markdown_writes_our_words_as_they_are_and_values_as_code() -> None:
    assert markdown(("goal ", Code("g|1"), " weight ", "60")) == "goal `g|1` weight 60"
    assert markdown(("who ", Code("g|1")), table=True) == "who `g\\|1`"


def report(files: int) -> Report:
    lines = tuple((Code(f"goal-{i}"), " weight 60 -> 70") for i in range(3))
    reports = tuple(
        FileReport(f"goals/2026-H2/people/p{i}.yaml", "person-goals", "changed", lines, ())
        for i in range(files)
    )
    score = ScoreChange("2026-H2", "person", "p0", "goals score", "0.5000", "0.6000", True)
    return Report("base", "head", reports, (score,), ())


def test_a_large_diff_is_summarised_to_fit_the_limit() -> None:
    full = to_markdown(report(2))
    assert full == (
        "## What this change means\n\n"
        "From `base` to `head`: 2 data files changed.\n\n"
        "### Goals\n\n"
        "**`goals/2026-H2/people/p0.yaml`** (changed)\n\n"
        "- `goal-0` weight 60 -> 70\n- `goal-1` weight 60 -> 70\n- `goal-2` weight 60 -> 70\n\n"
        "**`goals/2026-H2/people/p1.yaml`** (changed)\n\n"
        "- `goal-0` weight 60 -> 70\n- `goal-1` weight 60 -> 70\n- `goal-2` weight 60 -> 70\n\n"
        "### Effect on scores\n\n"
        "| cycle | who | measure | before | after |\n"
        "| --- | --- | --- | ---: | ---: |\n"
        "| `2026-H2` | person `p0` | goals score (projected) | 0.5000 | 0.6000 |\n"
    )
    assert to_markdown(report(2), len(full) - 1) == (
        "## What this change means\n\n"
        "From `base` to `head`: 2 data files changed.\n\n"
        "### Goals\n\n"
        "- `goals/2026-H2/people/p0.yaml` (changed): 0 changes\n"
        "- `goals/2026-H2/people/p1.yaml` (changed): 0 changes\n\n"
        "### Effect on scores\n\n"
        "| cycle | who | measure | before | after |\n"
        "| --- | --- | --- | ---: | ---: |\n"
        "| `2026-H2` | person `p0` | goals score (projected) | 0.5000 | 0.6000 |\n\n"
        "_Summarised to fit GitHub's limits: run `perfcode diff BASE HEAD` for every change._\n"
    )


def test_a_huge_diff_is_cut_at_the_comment_limit() -> None:
    text = to_markdown(report(5000))
    assert 65_536 - 100 < len(text) <= 65_536
    assert text.endswith(
        ".yaml` (changed): 0 changes\n\n_Cut at GitHub's limits: run `perfcode diff BASE HEAD` for everything._\n"
    )
