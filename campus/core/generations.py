"""Generations: a number per scope of data ("board:7", "names:3") that every write to the
scope moves on, so that a cache key holding the numbers of what it was built from can never be
read again once any of it changed — no key to find and delete.

`changed(scope)` is called by the models themselves (`Post.save`, `PostQuerySet.update`, …):
every write through the ORM, whatever code makes it, moves its scopes on. It does so at once
(so that the writing transaction's own reads miss) and again once the transaction commits (so
that a page another request read from the database in between, still without the write, is
dropped too). A reader must therefore take the numbers *before* it reads the database: a page
built from older data then lands under numbers nobody asks for any more.

A number that is missing (never used, expired, or evicted) starts at the clock in nanoseconds,
never at a value an older key may still hold. Numbers expire after an hour: a scope per post
would otherwise keep a key forever for every post ever written. An expired number only costs
the pages built on it a miss. Pages built on these numbers are only correct if every
process sees the same cache: `shared()` says whether that is so (Redis, and answering).
"""

import time

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
    keys = [_key(scope) for scope in scopes]
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, time.time_ns(), timeout=LIFETIME_SECONDS)
            found[key] = cache.get(key)
    return tuple(found[key] for key in keys)


def _move_on(scopes: set[str]) -> None:
    for scope in scopes:
        try:
            cache.incr(_key(scope))
        except ValueError:  # missing: start afresh, above anything an older key may hold
            cache.add(_key(scope), time.time_ns(), timeout=LIFETIME_SECONDS)


def changed(*scopes: str) -> None:
    """Data of `scopes` was written (or is being written, in the current transaction)."""
    scopes = set(scopes)
    if not scopes or not enabled():
        return
    _move_on(scopes)
    transaction.on_commit(lambda: _move_on(scopes))


# The scopes of the school cache's values (core/pages.py), moved on by the models.
def board_scope(board_id: int) -> str:
    """A board's posts as its lists show them (its name included)."""
    return f"board:{board_id}"


def school_scope(school_id: int) -> str:
    """Every post of a school, for the school-wide lists (HOT, search)."""
    return f"school:{school_id}"


def post_scope(post_id: int) -> str:
    """One post as its own page shows it, and its comments."""
    return f"post:{post_id}"


def boards_scope(school_id: int) -> str:
    """A school's boards, as every page of one of its posts names (or, deleted, hides) them."""
    return f"boards:{school_id}"


def names_scope(school_id: int) -> str:
    """How a school's students are named next to what they wrote (nickname, withdrawal)."""
    return f"names:{school_id}"


def catalog_scope(school_id: int) -> str:
    """A school's lecture catalog: lectures, their times, their courses' ratings."""
    return f"catalog:{school_id}"
