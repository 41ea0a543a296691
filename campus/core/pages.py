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
viewer's own flags — the caller reads per request.
"""

import hashlib
import json
from collections.abc import Callable
from dataclasses import replace
from typing import Any, TypeVar, cast

from django.conf import settings
from django.core.cache import cache
from django.db.models import QuerySet

from campus.core import generations
from campus.core.pagination import Page, PageRequest, keyset_page

T = TypeVar("T")


def _same(value: Any) -> Any:
    return value


def cached(
    *, scopes: tuple[str, ...], parts: list, build: Callable[[], T], shared: Callable[[T], T] = _same
) -> tuple[T, str | None]:
    """(value, its key): from the cache when the same (`parts`: what was asked) was built since
    `scopes` last changed, else `build()`'s value as it is — and `shared(value)` is what is kept
    for the next one. The key is None where nothing is kept (Redis down or no Redis)."""
    if not generations.shared():
        return build(), None
    identity = json.dumps([scopes, parts], default=str, ensure_ascii=False)
    key = f"cached:{hashlib.sha256(identity.encode()).hexdigest()}"
    numbers, kept = generations.current_with(scopes, key)
    # Derived values (a page's rendered rows) are kept under `key` and these numbers.
    version = f"{key}:{hashlib.sha256(repr(numbers).encode()).hexdigest()[:16]}"
    if isinstance(kept, tuple) and kept[0] == numbers and generations.shared():
        return kept[1], version
    # A miss, or Redis failed during this request: what came back is then this process's own
    # memory, which other processes' writes never reached.
    value = build()
    if not generations.shared():
        return value, None
    cache.set(key, (numbers, shared(value)), settings.PAGE_CACHE_SECONDS)
    return value, version


def school_cached(
    *,
    viewer: Any,
    scopes: tuple[str, ...],
    parts: list,
    build: Callable[[], T],
    shared: Callable[[T], T] = _same,
) -> tuple[T, str | None]:
    """`cached` for what every student of the viewer's school sees alike: another student's
    value serves this one. Staff (who see what reports hid) always build."""
    if viewer.is_staff:
        return build(), None
    return cached(scopes=scopes, parts=[viewer.school_id, *parts], build=build, shared=shared)


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
) -> Page:
    """A page of a list alike for every student of the school: `shape` makes the rows of the
    page of `rows()` — or of the page `read()` reads itself (a search bounds its walk) — called
    on a miss only (building a queryset costs a hit more than the rest of its work); each kept
    row is `shared(row)`. An empty page is kept too (a search for a word nobody wrote is the
    slowest to answer); a caller that tells an empty list from a 404 asks after the page, cached
    or not."""

    def build() -> Page:
        found = read() if read is not None else keyset_page(cast(Callable[[], QuerySet], rows)(), page)
        return found.with_rows(shape(found.rows))

    found, key = school_cached(
        viewer=viewer, scopes=scopes, parts=[*parts, *page.identity()], build=build,
        shared=lambda built: built.with_rows([shared(row) for row in built.rows]),
    )  # fmt: skip
    return replace(found, cache_key=key)
