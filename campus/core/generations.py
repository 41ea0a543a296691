"""Generations: a number per scope of data ("board:7", "names:3") that every write to the
scope moves on, so that a cache key holding the numbers of what it was built from can never be
read again once any of it changed — no key to find and delete.

`changed(scope)` is called by the models themselves (`core.models.ChangeTracking`): every write
through the ORM, whatever code makes it, moves its scopes on, as its app's table (`track`) says.
It does so at once (so that the writing transaction's own reads miss) and again once the
transaction commits (so that a page another request read from the database in between, still
without the write, is dropped too). A reader must therefore take the numbers *before* it reads
the database: a page built from older data then lands under numbers nobody asks for any more.

A number that is missing (never used, expired, or evicted) starts at the clock in nanoseconds,
never at a value an older key may still hold. Numbers expire after an hour: a scope per post
would otherwise keep a key forever for every post ever written. An expired number only costs
the pages built on it a miss. Pages built on these numbers are only correct if every
process sees the same cache: `shared()` says whether that is so (Redis, and answering).
"""

import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction


def enabled() -> bool:
    """Whether pages are cached at all (`PAGE_CACHE_SECONDS`): writes track them only then."""
    return settings.PAGE_CACHE_SECONDS > 0


def shared() -> bool:
    """Whether cached pages may be read now: switched on, and not falling back to this process's
    own memory while Redis is down (other processes' writes would not reach it)."""
    return enabled() and not getattr(cache, "is_down", False)


LIFETIME_SECONDS = 3600


def _key(scope: str) -> str:
    return f"gen:{scope}"


def current(*scopes: str) -> tuple[int, ...]:
    """The numbers of `scopes`, in order."""
    numbers, _ = current_with(scopes)
    return numbers


def current_with(scopes: tuple[str, ...], *keys: str) -> tuple[tuple[int, ...], list[object]]:
    """The numbers of `scopes` and, read in the same round trip, the values at `keys` (None for
    a missing one, or a key that is ""): a cached value checks its numbers against them
    (core/pages.py)."""
    numbered = [_key(scope) for scope in scopes]
    found = cache.get_many([*numbered, *(key for key in keys if key)])
    for missing in (k for k in numbered if k not in found):
        cache.add(missing, time.time_ns(), timeout=LIFETIME_SECONDS)
        found[missing] = cache.get(missing)
    return tuple(found[k] for k in numbered), [found.get(key) if key else None for key in keys]


def _move_on(scopes: set[str]) -> None:
    for scope in scopes:
        try:
            cache.incr(_key(scope))
        except ValueError:  # missing: start afresh, above anything an older key may hold
            cache.add(_key(scope), time.time_ns(), timeout=LIFETIME_SECONDS)


def changed(*scopes: str) -> None:
    """Data of `scopes` was written (or is being written, in the current transaction)."""
    moved = set(scopes)
    if not moved or not enabled():
        return
    _move_on(moved)
    transaction.on_commit(lambda: _move_on(moved))


@dataclass(frozen=True)
class Tracked:
    """How writes to one model move the cache's scopes on: each written row's `fields` (names
    `values_list` takes; `post__board_id` reaches through a relation) go to `scopes`, which names
    every scope those rows show up in. A write to a `moving` field moves its rows' scopes on both
    where they were and where they land. With `watched`, only writes to those fields count, and
    a new row moves nothing (a new student has written nothing yet)."""

    fields: tuple[str, ...]
    scopes: Callable[[list[tuple]], Iterable[str]]
    moving: frozenset[str] = frozenset()
    watched: frozenset[str] | None = None

    @property
    def is_local(self) -> bool:
        """Whether a row object holds its own fields (no query to name its scopes)."""
        return not any("__" in name for name in self.fields)

    def counts(self, fields: Iterable[str] | None) -> bool:
        """Whether a write to `fields` (None: every field) may move a scope."""
        return self.watched is None or fields is None or bool(self.watched & set(fields))


_TRACKED: dict[Any, list[Tracked]] = {}


def track(table: Mapping[Any, Tracked]) -> None:
    """An app's table of which writes move which scopes, read by `core.models.ChangeTracking`
    (registered from the app's `ready()`, next to the reads that the scopes serve). Several
    apps may track one model: the boards its students' names, accounts each student's row."""
    for model, tracked in table.items():
        tables = _TRACKED.setdefault(model, [])
        if tracked not in tables:
            tables.append(tracked)


def tracking(model: type) -> list[Tracked]:
    """Every table that says which scopes a write to `model` moves."""
    try:
        return _TRACKED[model]
    except KeyError:
        raise RuntimeError(f"{model.__name__} tracks changes but no app's table names its scopes") from None
