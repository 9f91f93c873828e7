"""A pull request's base is read only where the change needs it, and judges the same."""

from __future__ import annotations

from git_support import Company

from perfcode.cache import DocumentCache, index_blobs
from perfcode.check import run_check
from perfcode.git.policy import check_policy
from perfcode.git.repo import base_for_change, open_repo, snapshot_at
from perfcode.git.roles import find_actor
from perfcode.load import data_paths
from perfcode.schema import Schemas

SAM_GOALS = "goals/2026-H2/people/sam-stone.yaml"
SAM_REVIEW = "reviews/2026-H1/sam-stone.yaml"


def _change(company: Company) -> set[str]:
    """Edits of every sort: committed, staged, only in the work tree, new, deleted."""
    company.branch("change")
    company.replace(SAM_GOALS, "target: 100000", "target: 90000")
    company.commit("A committed edit", "sam-stone")
    company.repo.git.execute(["git", "rm", "-q", "--", SAM_REVIEW])
    company.write("goals/2026-H2/people/new-person.yaml", "owner: new-person\ngoals: []\n")
    company.replace("org/company.yaml", "name:", "name:  ")
    return {SAM_GOALS, SAM_REVIEW, "goals/2026-H2/people/new-person.yaml", "org/company.yaml"}


def test_the_changed_paths_are_exactly_what_differs(company_repo: Company) -> None:
    expected = _change(company_repo)
    root, repo = company_repo.root, open_repo(company_repo.root)
    schemas = Schemas.load(root / "schemas")
    base = base_for_change(repo, root, repo.resolve("main"), schemas, None, index_blobs(root) or {})
    assert base.changed == expected
    full = snapshot_at(repo, repo.resolve("main"), schemas)
    assert base.paths == full.paths
    # org/ and the cycles are always read (roles and phase locks); other unchanged files never
    read = {d.path for d in base.documents}
    always = {p for p in full.repo.files if p.startswith("org/") or p.endswith("/cycle.yaml")}
    assert read - expected == always - expected
    assert SAM_REVIEW in read and "goals/2026-H2/people/kim-kato.yaml" not in read


def test_the_partial_base_judges_as_the_whole_base_does(company_repo: Company) -> None:
    _change(company_repo)
    company_repo.replace(
        "goals/2026-H2/people/kim-kato.yaml", "title: Deliver over-the-air", "title: Ship over-the-air"
    )
    root, repo = company_repo.root, open_repo(company_repo.root)
    schemas = Schemas.load(root / "schemas")
    cache = DocumentCache.open(root, schemas.key)
    sha = repo.resolve("main")
    partial = base_for_change(repo, root, sha, schemas, cache, index_blobs(root) or {})
    full = snapshot_at(repo, sha, schemas)
    head = run_check(root, "2026-11-24").repo
    paths = set(data_paths(root))
    judged = {}
    for handle in ("sam-stone", "dana-diaz", "kim-kato"):
        actor = find_actor(full.repo, handle, "2026-11-24")
        judged[handle] = check_policy(partial, head, paths, actor, "2026-11-24", schemas.locks)
        assert judged[handle] == check_policy(full, head, paths, actor, "2026-11-24", schemas.locks)
    assert {f.path for f in judged["sam-stone"]} >= {"goals/2026-H2/people/kim-kato.yaml"}
    assert {f.path for f in judged["kim-kato"]} >= {SAM_GOALS}
