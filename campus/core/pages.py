"""What every student of a school sees alike, kept in the cache (Redis) until what it shows
changes (docs/decisions.md, "Speed"): a board's feed, HOT, a search, a post, its comments, the
lecture catalog.

A value is kept under a key that holds the generations (core.generations) of everything it
shows, read *before* it is built: a write moves one of them on and the next request misses,
without anything here deleting a key. The viewer's school is in the key, so a value never
crosses schools, and the scoped query of a request that misses answers for the viewer's own
school only. Staff see what reports hid, so they always build; so does a process whose Redis is
down. What a value leaves out — the viewer's own flags — the caller reads per request.
"""

import hashlib
import json
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache

from campus.core import generations


def _same(value):
    return value


def school_cached(
    request, *, scopes: tuple[str, ...], parts: list, build: Callable, shared: Callable = _same
):
    """(value, whether it came from the cache) for this request: from the cache when another
    student of the school asked for the same (`parts`: what the request picked) since `scopes`
    last changed, else `build()`'s value as it is — and `shared(value)`, the part every student
    sees alike, is what is kept for the next one."""
    viewer = request.user
    if viewer.is_staff or not generations.shared():
        return build(), False
    numbers = generations.current(*scopes, generations.names_scope(viewer.school_id))
    # The host: a value may hold absolute URLs (images).
    identity = [viewer.school_id, scopes, numbers, parts, request.build_absolute_uri("/")]
    digest = hashlib.sha256(json.dumps(identity, default=str, ensure_ascii=False).encode()).hexdigest()
    key = f"school-cached:{digest}"
    kept = cache.get(key)
    if kept is not None and generations.shared():
        return kept, True
    # A miss, or Redis failed during this request: what came back is then this process's own
    # memory, which other processes' writes never reached.
    value = build()
    if generations.shared():
        cache.set(key, shared(value), settings.PAGE_CACHE_SECONDS)
    return value, False


def school_cached_page(
    view, model, make_queryset: Callable, shape: Callable, *, pagination_class, scopes: tuple[str, ...],
    parts: list, shared: Callable = _same, personal: Callable = _same,
):  # fmt: skip
    """A cursor page (`{"next", "previous", "results"}`) of a list of `model` alike for every
    student of the school. `shape(rows)` makes the results of a page of `make_queryset()` (called
    on a miss only: building a queryset costs a hit more than the rest of its work); a kept row is
    `shared(row)`, and a page from the cache is given back to its viewer by `personal(rows)`.
    The page's edges are kept, its links built for each request. An empty page is kept too (a
    search for a word nobody wrote is the slowest to answer); a view that tells an empty list
    from a 404 asks after the page, cached or not."""
    request = view.request
    paginator = pagination_class()

    def build() -> dict:
        rows = shape(paginator.paginate_queryset(make_queryset(), request, view=view))
        return {"rows": rows, "next": paginator.next_position, "previous": paginator.previous_position}

    position, backwards = paginator.decode_cursor(request, model)
    page_parts = [*parts, paginator.ordering, paginator.get_page_size(request), position, backwards]
    page, cached = school_cached(
        request, scopes=scopes, parts=page_parts, build=build,
        shared=lambda page: {**page, "rows": [shared(row) for row in page["rows"]]},
    )  # fmt: skip
    paginator.set_links(request, next_position=page["next"], previous_position=page["previous"])
    return paginator.get_paginated_response(personal(page["rows"]) if cached else page["rows"])
