"""The GitHub workflows and pre-commit files: valid, and safe with untrusted pull requests."""

from __future__ import annotations

import re
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
    assert granted in (
        {},
        {"deploy": {"pages": "write", "id-token": "write"}},
        {"audit": {"contents": "read", "pull-requests": "read"}},
    )


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_workflow_references_a_secret_or_saves_a_cache(path: Path) -> None:
    """Only a push to main saves the checker's cache; a pull request's check only restores it."""
    text = path.read_text(encoding="utf-8")
    saves = "actions/cache/save" in text or "actions/cache@" in text
    assert ("secrets." in text, saves) == (False, path.name == "publish.yml")


def test_the_cache_goes_where_perfcode_keeps_it() -> None:
    check = {s.get("name"): s for s in steps(load(REPO / ".github" / "workflows" / "check.yml"))}
    publish = {s.get("name"): s for s in steps(load(REPO / ".github" / "workflows" / "publish.yml"))}
    restore = check["Restore the checker's cache saved on main"]
    save = publish["Save the checker's cache for pull requests"]
    assert (restore["uses"], restore["with"]["path"]) == ("actions/cache/restore@v5", "pr/.git/perfcode")
    assert (save["uses"], save["with"]["path"], save["if"]) == (
        "actions/cache/save@v5",
        ".git/perfcode",
        "${{ github.event_name == 'push' }}",
    )


PAGES = "${{ needs.build.outputs.site == 'public' || needs.build.outputs.site == 'private-pages' }}"


def test_publish_deploys_to_pages_only_when_the_policy_says_so() -> None:
    """Pages sites are public outside GitHub Enterprise Cloud: deploy only on an explicit policy."""
    workflow = load(REPO / ".github" / "workflows" / "publish.yml")
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert build["outputs"] == {"site": "${{ steps.policy.outputs.site }}"}
    by_name = {step.get("name", step.get("uses")): step for step in build["steps"]}
    policy = by_name["Read where the publication policy sends the site"]
    assert (policy["id"], policy["run"]) == (
        "policy",
        '.venv/bin/python -m perfcode.site.target >> "$GITHUB_OUTPUT"',
    )
    pages = by_name["Upload the site for GitHub Pages"]
    artifact = by_name["Keep the site as a downloadable artifact"]
    assert pages["uses"].startswith("actions/upload-pages-artifact@")
    assert pages["if"] == PAGES.replace("needs.build", "steps.policy")
    assert artifact["uses"].startswith("actions/upload-artifact@")
    assert artifact["if"] == (
        "${{ steps.policy.outputs.site != 'public' && steps.policy.outputs.site != 'private-pages' }}"
    )
    assert (artifact["with"]["name"], artifact["with"]["path"]) == ("site", "site")
    # The build order: the policy is read after the site is built, the uploads come last.
    names = [step.get("name") for step in build["steps"]]
    assert names[-3:] == [policy["name"], pages["name"], artifact["name"]]
    assert deploy["needs"] == "build" and deploy["if"] == PAGES
    assert [step["uses"] for step in deploy["steps"]] == ["actions/deploy-pages@v5"]


def test_check_runs_the_base_code_against_the_pull_request_files() -> None:
    workflow = load(REPO / ".github" / "workflows" / "check.yml")
    # The base's workflow file: a pull request cannot edit the workflow that judges it.
    assert list(workflow[True]) == ["pull_request_target"]  # YAML 1.1 reads the key `on` as true
    assert workflow["jobs"]["check"]["env"] == {"PYTHONSAFEPATH": "1"}
    by_name = {step.get("name", step.get("uses")): step for step in steps(workflow)}
    assert by_name["Check out the pull request's files"]["with"] == {
        "ref": "refs/pull/${{ github.event.pull_request.number }}/merge",
        "path": "pr",
        "fetch-depth": 2,
        "persist-credentials": False,
    }
    assert by_name["Check out the base branch's code"]["with"] == {
        "ref": "${{ github.event.pull_request.base.sha }}",
        "path": "base",
        "persist-credentials": False,
    }
    install = by_name["Install perfcode from the base branch's lock"]
    assert (install["working-directory"], install["run"].splitlines()) == (
        "base",
        [
            "python -m pip install --quiet --require-hashes --no-deps -r requirements.txt",
            "python -m pip install --quiet --no-deps --no-build-isolation .",
        ],
    )
    check = by_name["Check the pull request against its base"]
    assert check["env"] == {"AUTHOR": "${{ github.event.pull_request.user.login }}"}
    assert check["run"] == 'perfcode check --format github --base HEAD^1 --actor "$AUTHOR"'
    summary = by_name["Describe the change in the job summary"]["run"]
    assert summary == 'perfcode diff HEAD^1 HEAD >> "$GITHUB_STEP_SUMMARY"'


def test_every_push_to_main_is_audited_as_of_the_day_it_landed() -> None:
    workflow = load(REPO / ".github" / "workflows" / "audit.yml")
    assert workflow[True] == {"push": {"branches": ["main"]}}
    by_name = {step.get("name", step.get("uses")): step for step in steps(workflow)}
    assert by_name["Check out the code before the push"]["with"]["ref"] == "${{ github.event.before }}"
    install = by_name["Install perfcode from the lock before the push"]
    assert (install["working-directory"], install["run"].splitlines()) == (
        "base",
        [
            "python -m pip install --quiet --require-hashes --no-deps -r requirements.txt",
            "python -m pip install --quiet --no-deps --no-build-isolation .",
        ],
    )
    audit = by_name["Judge the pushed change as of the day it landed"]
    assert audit["env"] == {
        "BEFORE": "${{ github.event.before }}",
        "PUSHER": "${{ github.event.pusher.name }}",
        "GH_TOKEN": "${{ github.token }}",
    }
    lines = audit["run"].splitlines()
    assert "day=$(git log -1 --format=%cs HEAD)" in lines
    assert (
        'perfcode check --select PC7 --base "$BEFORE" --actor "${author:-$PUSHER}" --today "$day" > audit.txt'
        " || status=$?"
    ) in lines
    assert lines[-2:] == ["cat audit.txt", 'exit "$status"']


@pytest.mark.parametrize("path", [*WORKFLOWS, REPO / "Makefile"], ids=lambda p: p.name)
def test_every_install_is_hash_checked(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    installs = [line.strip() for line in lines if re.search(r"(pip|\$\(PIP\)) install", line)]
    unchecked = [line for line in installs if "--require-hashes" not in line and "--no-deps" not in line]
    assert unchecked == []
    assert all(
        "-r requirements.txt" in line or "$(LOCK)" in line for line in installs if "--require-hashes" in line
    )


def test_a_new_lock_is_tested_with_its_own_pull_request() -> None:
    workflow = load(REPO / ".github" / "workflows" / "deps.yml")
    assert workflow[True] == {"pull_request": {"paths": ["requirements.txt", "pyproject.toml"]}}
    assert steps(workflow)[-1]["run"] == "make test"
    assert "secrets." not in (REPO / ".github" / "workflows" / "deps.yml").read_text(encoding="utf-8")


def test_dependabot_updates_the_lock_and_the_actions() -> None:
    path = REPO / ".github" / "dependabot.yml"
    command = Path(sys.executable).with_name("check-jsonschema")
    result = subprocess.run(
        [str(command), "--builtin-schema", "vendor.dependabot", "--", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout.strip()) == (0, "ok -- validation done")
    assert [u["package-ecosystem"] for u in load(path)["updates"]] == ["pip", "github-actions"]


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
        "actions/upload-artifact": "v6",
        "actions/deploy-pages": "v5",
        "actions/cache/restore": "v5",
        "actions/cache/save": "v5",
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
