"""Paths from git are read from ``-z`` output: git quotes a path with a non-ASCII byte
otherwise, and a quoted ``"reviews/..."`` no longer starts with ``reviews/``."""

from __future__ import annotations

from git_support import Company

from perfcode.process.vcs import uncommitted
from perfcode.site.history import private, read_log

SAM = "goals/2026-H2/people/sam-stone.yaml"
NOTES = "reviews/2026-H1/notes-é.txt"


def test_the_change_log_keeps_the_subject_of_a_commit_touching_a_non_ascii_review_path(
    company_repo: Company,
) -> None:
    company_repo.replace(SAM, "target: 100000", "target: 90000")
    company_repo.write(NOTES, "what the manager thinks\n")
    company_repo.commit("Private words about Sam's rating")
    sha, _, _, subject, paths = read_log(company_repo.root)[0]  # type: ignore[index]
    assert (sha, subject, paths) == (
        company_repo.sha("HEAD"),
        "Private words about Sam's rating",
        [SAM, NOTES],
    )
    assert private(paths)


def test_uncommitted_lists_non_ascii_and_renamed_paths_as_they_are(company_repo: Company) -> None:
    company_repo.write(NOTES, "draft\n")
    company_repo.repo.git.execute(["git", "mv", SAM, "goals/2026-H2/people/sam-stoné.yaml"])
    company_repo.replace("org/people/sam-stone.yaml", "name: Sam Stone", "name: Sam Stoné")
    assert sorted(uncommitted(company_repo.root, ["org", "goals", "reviews"])) == [
        "goals/2026-H2/people/sam-stoné.yaml",
        "org/people/sam-stone.yaml",
        NOTES,
    ]
