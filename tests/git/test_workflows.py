"""The GitHub workflows and pre-commit files: valid, and safe with untrusted pull requests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def steps(workflow: Any) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_each_workflow_matches_the_github_workflow_schema(path: Path) -> None:
    # check-jsonschema ships the schema (SchemaStore's github-workflow.json): no network.
    command = Path(sys.executable).with_name("check-jsonschema")
    result = subprocess.run(
        [str(command), "--builtin-schema", "vendor.github-workflows", "--", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout.strip()) == (0, "ok -- validation done")


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_expression_is_interpolated_into_a_script(path: Path) -> None:
    scripts = [step["run"] for step in steps(load(path)) if "run" in step]
    assert scripts
    assert [script for script in scripts if "${{" in script] == []


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_permissions_are_read_only_unless_a_job_deploys(path: Path) -> None:
    workflow = load(path)
    assert workflow["permissions"] == {"contents": "read"}
    granted = {
        name: job.get("permissions") for name, job in workflow["jobs"].items() if job.get("permissions")
    }
    assert granted in ({}, {"deploy": {"pages": "write", "id-token": "write"}})


def test_check_runs_the_base_code_against_the_pull_request_files() -> None:
    workflow = load(REPO / ".github" / "workflows" / "check.yml")
    assert list(workflow[True]) == ["pull_request"]  # YAML 1.1 reads the key `on` as true
    by_name = {step.get("name", step.get("uses")): step for step in steps(workflow)}
    assert by_name["Check out the base branch's code"]["with"] == {
        "ref": "${{ github.event.pull_request.base.sha }}",
        "path": "base",
        "persist-credentials": False,
    }
    assert by_name["Install perfcode from the base branch"]["run"] == "python -m pip install --quiet ./base"
    check = by_name["Check the pull request against its base"]
    assert check["env"] == {"AUTHOR": "${{ github.event.pull_request.user.login }}"}
    assert check["run"] == 'perfcode check --format github --base HEAD^1 --actor "$AUTHOR"'
    summary = by_name["Describe the change in the job summary"]["run"]
    assert summary == 'perfcode diff HEAD^1 HEAD >> "$GITHUB_STEP_SUMMARY"'


def test_actions_are_on_their_current_major_versions() -> None:
    used = {
        step["uses"].split("@")[0]: step["uses"].split("@")[1]
        for path in WORKFLOWS
        for step in steps(load(path))
        if "uses" in step
    }
    assert used == {
        "actions/checkout": "v7",
        "actions/setup-python": "v7",
        "actions/upload-pages-artifact": "v5",
        "actions/deploy-pages": "v5",
    }


def test_pre_commit_runs_perfcode_check_from_a_local_repo() -> None:
    config = load(REPO / ".pre-commit-config.yaml")
    assert [(repo["repo"], [hook["id"] for hook in repo["hooks"]]) for repo in config["repos"]] == [
        ("local", ["perfcode-codeowners", "perfcode-check"])
    ]
    hooks = load(REPO / ".pre-commit-hooks.yaml")
    assert [(hook["id"], hook["entry"], hook["language"]) for hook in hooks] == [
        ("perfcode-check", "perfcode check", "python"),
        ("perfcode-codeowners", "perfcode codeowners --write", "python"),
    ]
