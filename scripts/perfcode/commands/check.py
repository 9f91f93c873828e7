"""``perfcode check``: schemas and cross-file rules over the whole repository."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from perfcode.cache import DocumentCache, index_blobs
from perfcode.check import check_repository, model_of, wanted
from perfcode.commands.common import code_list, repo_root, today_arg
from perfcode.errors import UsageError
from perfcode.findings import Finding
from perfcode.git.codeowners import committed, stale
from perfcode.git.roles import Actor, actor_by_email, find_actor
from perfcode.load import data_paths, load_all, suffix
from perfcode.locate import locate
from perfcode.model import Repository
from perfcode.report import REPORTERS
from perfcode.schema import Schemas

HELP = "validate every file against its schema and run the cross-file rules"
DESCRIPTION = """\
Validate every YAML file under org/, goals/ and reviews/ against its JSON Schema, then
run the cross-file rules (references, cascade, weights, phases, reviews). Prints one line
per finding: path:line:column: CODE message; hint. Exit status: 1 when there is an error
(or more warnings than --max-warnings allows), 0 when clean or with warnings only (they
inform, as in ESLint), 2 usage or configuration error. `perfcode rules` lists every code. A committed
.github/CODEOWNERS that is not the one generated from org/ is a finding (PC701).

With --base REF, also judge the change from REF to the working tree as a pull request by
--actor (a GitHub handle; by default the person whose email is `git config user.email`):
phase locks (PC711-PC713), who may change which field (PC721) and history (PC722). Roles,
phases and cycle status are read from REF, so a change cannot grant its own permissions.
A change to the checker itself (.github/workflows/, schemas/, scripts/, pyproject.toml,
requirements.txt) is a warning for the reviewer (PC731). CI runs it from the base branch's
code and workflow: perfcode check --base HEAD^1 --actor "$AUTHOR"; after a merge, the audit
workflow runs it again as of the merge day (docs/guides/threat-model.md).

Results are cached in git's own folder (.git/perfcode/, or $PERFCODE_CACHE_DIR; safe to
delete), where no commit can reach them: unchanged files are not parsed again, and with
nothing changed the last findings are reported at once.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=sorted(REPORTERS),
        default="text",
        help="output format (default: text; github for workflow annotations)",
    )
    parser.add_argument(
        "--select",
        type=code_list,
        default=[],
        metavar="CODES",
        help="only these comma-separated codes or prefixes, e.g. PC2,PC301",
    )
    parser.add_argument(
        "--ignore",
        type=code_list,
        default=[],
        metavar="CODES",
        help="leave out these comma-separated codes or prefixes",
    )
    warnings = parser.add_mutually_exclusive_group()
    warnings.add_argument(
        "--max-warnings",
        type=_count,
        default=None,
        metavar="N",
        help="exit 1 when there are more than N warnings (default: warnings never fail the check)",
    )
    warnings.add_argument("--strict", action="store_true", help="exit 1 on any warning (--max-warnings 0)")
    parser.add_argument(
        "--today",
        type=today_arg,
        default=None,
        metavar="YYYY-MM-DD",
        help="the date rules compare against (default: $PERFCODE_TODAY, else the system date)",
    )
    parser.add_argument(
        "--base",
        metavar="REF",
        help="judge the change from this commit to the working tree as a pull request",
    )
    parser.add_argument(
        "--actor",
        metavar="HANDLE",
        help="the GitHub handle of the change's author (default: the person with your git email)",
    )


def run(args: argparse.Namespace) -> int:
    root = repo_root(args.root)
    today = args.today or today_arg(None)
    if args.actor and not args.base:
        raise UsageError("--actor needs --base REF: the policy judges a change against its base")
    policy = pull_request(root, args.base, args.actor, today) if args.base else None

    def codeowners(repo: Repository) -> list[Finding]:
        return stale(root, repo)

    findings, files = check_repository(root, today, args.select, args.ignore, codeowners, committed(root))
    if policy is not None:
        findings = sorted([*findings, *(f for f in policy() if wanted(f.code, args.select, args.ignore))])
    sys.stdout.write(REPORTERS[args.format](findings, files))
    return exit_code(findings, 0 if args.strict else args.max_warnings)


def exit_code(findings: list[Finding], max_warnings: int | None) -> int:
    """1 for any error, or for more warnings than allowed; warnings alone inform (0)."""
    warnings = sum(f.severity == "warning" for f in findings)
    if len(findings) > warnings or (max_warnings is not None and warnings > max_warnings):
        return 1
    return 0


def _count(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of warnings (0 or more)")
    return int(text)


def pull_request(root: Path, ref: str, handle: str | None, today: str) -> Callable[[], list[Finding]]:
    """The policy findings of the change from ``ref`` to the working tree, by the actor.

    The policy reads the base (org/, the cycles and the changed files) and the working
    tree's side of the changed files only; the rest of the check is the whole check's.
    """
    from perfcode.git.checker import checker_changes
    from perfcode.git.policy import check_policy  # gitpython: imported only for --base
    from perfcode.git.repo import SUFFIXES, base_for_change, open_repo

    repo = open_repo(root)
    schemas = Schemas.load(root / "schemas")
    blobs = index_blobs(root)
    cache = DocumentCache.open(root, schemas.key) if blobs is not None else None
    base_sha = repo.resolve(ref)
    base = base_for_change(repo, root, base_sha, schemas, cache, blobs or {})
    if cache is not None:
        cache.save(prune=False)
    actor = (
        find_actor(base.repo, handle, today) if handle else _local_actor(base.repo, repo.user_email(), today)
    )
    paths = {rel for rel in data_paths(root) if suffix(rel) in SUFFIXES}

    def policy() -> list[Finding]:
        changed = sorted((base.changed or frozenset()) & paths)
        documents, failed = load_all(root, [root / rel for rel in changed])
        head, _ = model_of(schemas, documents, failed)
        found = check_policy(base, head, paths, actor, today, schemas.locks)
        return [*locate(found, {d.path: d.text for d in documents}), *checker_changes(root, base_sha)]

    return policy


def _local_actor(repo: Repository, email: str | None, today: str) -> Actor:
    actor = actor_by_email(repo, email, today) if email else None
    if actor is None:
        raise UsageError(
            f"no person in org/people has the email of `git config user.email` ({email or 'not set'}); "
            "pass --actor HANDLE"
        )
    return actor
