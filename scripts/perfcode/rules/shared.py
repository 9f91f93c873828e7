"""Values derived from a model once and shared: by the rules, the scores and CODEOWNERS.

Several rules need the same index (every goal reference resolved, every participant
scored, the CODEOWNERS routing), and ``perfcode score`` scores the model the check just
built. :func:`per_model` computes such a value on first use and keeps it for as long as
the model lives. The model is a frozen dataclass holding dicts, so it cannot be a
dictionary key: each model is recognised by identity, through a weak reference that
drops its values when the model goes.
"""

from __future__ import annotations

import dataclasses
import functools
import weakref
from collections.abc import Callable, Hashable
from typing import Concatenate, ParamSpec, TypeVar

from perfcode.model import Repository

P = ParamSpec("P")
T = TypeVar("T")


def per_model(function: Callable[Concatenate[Repository, P], T]) -> Callable[Concatenate[Repository, P], T]:
    """``function(repo, *args)`` computed once per model and arguments (which must be hashable)."""
    models: list[tuple[weakref.ref[Repository], dict[Hashable, T]]] = []

    def forget(gone: weakref.ref[Repository]) -> None:
        models[:] = [(ref, values) for ref, values in models if ref is not gone]

    def values_of(repo: Repository) -> dict[Hashable, T]:
        for ref, values in models:
            if ref() is repo:
                return values
        values = {}
        models.append((weakref.ref(repo, forget), values))
        return values

    @functools.wraps(function)
    def cached(repo: Repository, /, *args: P.args, **kwargs: P.kwargs) -> T:
        values = values_of(repo)
        key = (args, tuple(sorted(kwargs.items())))
        if key not in values:
            values[key] = function(repo, *args, **kwargs)
        return values[key]

    return cached


@per_model
def as_of(repo: Repository, day: str) -> Repository:
    """The model with everyone as they were on ``day`` (unit, position, manager, class):
    the organisation a cycle's reviews are judged against."""
    people = {ident: person.on(day) for ident, person in repo.people.items()}
    return dataclasses.replace(repo, people=people)
