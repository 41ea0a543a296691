"""What every student of a school sees alike, kept in the cache (Redis) until what it shows
changes (docs/decisions.md, "Speed"): a board's feed, HOT, a search, a post, its comments, the
lecture catalog; and a student's own few values every page shows (the unread count, pinned
boards). Selectors read through it (`boards/feeds.py`, the catalog), so that the API and the
web pages are served the same cached rows.

A value is kept with the generations (core.generations) of everything it shows, read *before*
it was built, and read back in the same round trip as those numbers are now: a write moves one
of them on and the next request misses, without anything here deleting a key. The viewer's
school is in a school value's key, so it never crosses schools, and the scoped query of a
request that misses answers for the viewer's own school only. Staff see what reports hid, so
they always build; so does a process whose Redis is down. What a value leaves out — the
viewer's own flags — is kept per viewer beside it (`Own`), under the same numbers.
"""

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, Generic, TypeVar, cast

from django.conf import settings
from django.core.cache import cache
from django.db.models import QuerySet

from campus.core import generations
from campus.core.pagination import Page, PageRequest, keyset_page

T = TypeVar("T")


def _same(value: Any) -> Any:
    return value


@dataclass(frozen=True)
class Own(Generic[T]):
    """What one viewer sees of a value every student of the school shares — their likes and
    scraps of a page's posts: `read(value)` reads it (a query), `merge(value, own)` is the value
    as the viewer sees it. It is kept per viewer beside the value and read in the same round
    trip, under the same numbers, so it may only show what moves one of the value's scopes on
    when it changes (a like moves its post's counter, and so the post's board and school)."""

    viewer_id: Any
    read: Callable[[T], Any]
    merge: Callable[[T, Any], T]

    def applied(self, value: T) -> T:
        return self.merge(value, self.read(value))


def _is_current(kept: object, numbers: tuple[int, ...]) -> bool:
    # Redis may fail during this request: what came back is then this process's own memory,
    # which other processes' writes never reached.
    return isinstance(kept, tuple) and kept[0] == numbers and generations.shared()


def cached(
    *,
    scopes: tuple[str, ...],
    parts: list,
    build: Callable[[], T],
    shared: Callable[[T], T] = _same,
    own: Own[T] | None = None,
) -> tuple[T, str | None]:
    """(value, its key): from the cache when the same (`parts`: what was asked) was built since
    `scopes` last changed, else `build()`'s value as it is — and `shared(value)` is what is kept
    for the next one. With `own`, the value as its viewer sees it. The key is None where nothing
    is kept (Redis down or no Redis)."""
    if not generations.shared():
        value = build()
        return (own.applied(value) if own else value), None
    identity = json.dumps([scopes, parts], default=str, ensure_ascii=False)
    key = f"cached:{hashlib.sha256(identity.encode()).hexdigest()}"
    own_key = f"{key}:own:{own.viewer_id}" if own else ""
    numbers, (kept, kept_own) = generations.current_with(scopes, key, own_key)
    # Derived values (a page's rendered rows) are kept under `key` and these numbers.
    version = f"{key}:{hashlib.sha256(repr(numbers).encode()).hexdigest()[:16]}"
    if _is_current(kept, numbers):
        value = cast(tuple, kept)[1]
    else:
        value = build()
        if not generations.shared():
            return (own.applied(value) if own else value), None
        cache.set(key, (numbers, shared(value)), settings.PAGE_CACHE_SECONDS)
    if own is None:
        return value, version
    if _is_current(kept_own, numbers):
        return own.merge(value, cast(tuple, kept_own)[1]), version
    mine = own.read(value)
    cache.set(own_key, (numbers, mine), settings.PAGE_CACHE_SECONDS)
    return own.merge(value, mine), version


def school_cached(
    *,
    viewer: Any,
    scopes: tuple[str, ...],
    parts: list,
    build: Callable[[], T],
    shared: Callable[[T], T] = _same,
    own: Own[T] | None = None,
) -> tuple[T, str | None]:
    """`cached` for what every student of the viewer's school sees alike: another student's
    value serves this one. Staff (who see what reports hid) always build."""
    if viewer.is_staff:
        value = build()
        return (own.applied(value) if own else value), None
    return cached(scopes=scopes, parts=[viewer.school_id, *parts], build=build, shared=shared, own=own)


def school_cached_page(
    *,
    viewer: Any,
    page: PageRequest,
    scopes: tuple[str, ...],
    parts: list,
    rows: Callable[[], QuerySet] | None = None,
    read: Callable[[], Page] | None = None,
    shape: Callable[[list], list],
    shared: Callable[[Any], Any] = _same,
    own: Own[list] | None = None,
) -> Page:
    """A page of a list alike for every student of the school: `shape` makes the rows of the
    page of `rows()` — or of the page `read()` reads itself (a search bounds its walk) — called
    on a miss only (building a queryset costs a hit more than the rest of its work); each kept
    row is `shared(row)`; with `own`, the rows as the viewer sees them. An empty page is kept
    too (a search for a word nobody wrote is the slowest to answer); a caller that tells an
    empty list from a 404 asks after the page, cached or not."""

    def build() -> Page:
        found = read() if read is not None else keyset_page(cast(Callable[[], QuerySet], rows)(), page)
        return found.with_rows(shape(found.rows))

    own_rows = None
    if own is not None:
        rows_own = own
        own_rows = Own[Page](
            rows_own.viewer_id, read=lambda found: rows_own.read(found.rows),
            merge=lambda found, mine: found.with_rows(rows_own.merge(found.rows, mine)),
        )  # fmt: skip
    found, key = school_cached(
        viewer=viewer, scopes=scopes, parts=[*parts, *page.identity()], build=build,
        shared=lambda built: built.with_rows([shared(row) for row in built.rows]), own=own_rows,
    )  # fmt: skip
    return replace(found, cache_key=key)
