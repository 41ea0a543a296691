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


def school_cached(request, *, scopes: tuple[str, ...], parts: list, build: Callable):
    """`build()`'s value for this request's school, from the cache when another student of the
    school asked for the same (`parts`: what the request picked) since `scopes` last changed.
    A value of None is not kept."""
    viewer = request.user
    if viewer.is_staff or not generations.shared():
        return build()
    numbers = generations.current(*scopes, generations.names_scope(viewer.school_id))
    # The host: a value may hold absolute URLs (images).
    identity = [viewer.school_id, scopes, numbers, parts, request.build_absolute_uri("/")]
    digest = hashlib.sha256(json.dumps(identity, default=str, ensure_ascii=False).encode()).hexdigest()
    key = f"school-cached:{digest}"
    value = cache.get(key)
    if value is None:
        value = build()
        if value is not None:
            cache.set(key, value, settings.PAGE_CACHE_SECONDS)
    return value
