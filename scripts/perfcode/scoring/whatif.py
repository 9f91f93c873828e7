"""What if: a closed cycle scored again under today's framework, its record untouched.

The committee sees what a framework change would have given before adopting it:
``perfcode score --cycle 2026-H1 --what-if``. The model is rebuilt from the live files and
the closed cycle's own files (its record left out, so nothing seals it); the other closed
cycles keep their records, so the rating history still reads them.
"""

from __future__ import annotations

from collections.abc import Iterator

from perfcode.build import build
from perfcode.load import Document
from perfcode.model import Repository
from perfcode.records import SealedCycle, in_sealed, person_record_path, record_path
from perfcode.schema import kind_of


def unsealed(repo: Repository, cycle: str) -> Repository:
    """The model with ``cycle`` open again (from its files), every other record kept."""
    documents = [*_live(repo), *_files(repo.sealed[cycle])]
    for other in repo.sealed.values():
        if other.id != cycle:
            documents += _records(other)
    return build(documents, repo.broken)


def _live(repo: Repository) -> Iterator[tuple[str, Document]]:
    for path, data in repo.files.items():
        kind = kind_of(path)
        if kind is not None and in_sealed(path, repo.sealed) is None:
            yield kind, Document(path, "", data)


def _files(sealed: SealedCycle) -> Iterator[tuple[str, Document]]:
    for path, data in sealed.documents.items():
        kind = kind_of(path)
        if kind is not None:
            yield kind, Document(path, "", data)


def _records(sealed: SealedCycle) -> Iterator[tuple[str, Document]]:
    yield "record", Document(record_path(sealed.id), "", sealed.record)
    for person, data in sealed.people.items():
        yield "person-record", Document(person_record_path(sealed.id, person), "", data)
    yield from _files(sealed)
