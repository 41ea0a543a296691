"""Pages of posts that every student of a school sees alike — a board's feed, HOT, a search —
kept in the cache (Redis) for `PAGE_CACHE_SECONDS`, so that the next student's request does
not build, plan and run the list's query again (docs/decisions.md, "Speed").

What is kept is the shared part of a page: its rows as `PostOutput` shapes them, minus what is
the viewer's own (`is_mine`, `is_liked`, `is_scrapped`: one query per request,
`selectors.viewer_post_flags`), and the positions of its edges (its links are built per
request). An anonymous post is kept as it is shown: 익명, no author id. Staff see posts hidden
by reports, so they always read the database; so does a process whose Redis is down.

The key holds the generations (core.generations) of what the page shows: its scope (a board,
or the whole school for school-wide lists) and the school's names. Every write to a post, a
board, an image or a student's name moves them on, from the models themselves; nothing here
deletes a key. The viewer's school is in the key too: a board id from another school is a miss
that the scoped query answers with nothing (an empty page is never kept).
"""

import hashlib
import json

from django.conf import settings
from django.core.cache import cache

from campus.boards import selectors
from campus.boards.api.serializers import VIEWER_FIELDS, PostOutput, post_viewer_fields
from campus.boards.models import Post
from campus.core import generations
from campus.core.pagination import CursorPagination, paginated_response


def _key(request, paginator: CursorPagination, scopes: tuple[str, ...], query: dict) -> str:
    """What makes the shared part of a page: the school, the generations read now, the list
    (its scope, ordering and validated query), the page asked for and the host (image URLs)."""
    viewer = request.user
    numbers = generations.current(*scopes, generations.names_scope(viewer.school_id))
    position, backwards = paginator.decode_cursor(request, Post)
    parts = [
        viewer.school_id, scopes, numbers, paginator.ordering, query,
        paginator.get_page_size(request), position, backwards, request.build_absolute_uri("/"),
    ]  # fmt: skip
    digest = hashlib.sha256(json.dumps(parts, default=str, ensure_ascii=False).encode()).hexdigest()
    return f"posts-page:{digest}"


def post_page(view, posts, *, pagination_class=CursorPagination, scope: str | None = None, query=None):
    """One page of `posts` (a queryset, or a function that makes it: building one costs a
    cached page more than the rest of its work) as `PostOutput` rows. A list every student of the
    school sees alike names its `scope`, and the validated `query` that picked it, to be served
    from the cache."""
    request = view.request
    context = {"request": request}
    if scope is None or request.user.is_staff or not generations.shared():
        return paginated_response(
            view, posts() if callable(posts) else posts, PostOutput, context=context,
            pagination_class=pagination_class, prepare=selectors.attach_images,
        )  # fmt: skip
    paginator = pagination_class()
    key = _key(request, paginator, (scope,), query or {})
    page = cache.get(key)
    if page is None:
        queryset = posts() if callable(posts) else posts
        rows = selectors.attach_images(paginator.paginate_queryset(queryset, request, view=view))
        results = PostOutput(rows, many=True, context=context).data
        if results:
            shared = [{**row, **dict.fromkeys(VIEWER_FIELDS, False)} for row in results]
            edges = {"next": paginator.next_position, "previous": paginator.previous_position}
            cache.set(key, {"rows": shared, **edges}, settings.PAGE_CACHE_SECONDS)
        return paginator.get_paginated_response(results)
    viewer = request.user
    flags = selectors.viewer_post_flags(viewer=viewer, post_ids=[row["id"] for row in page["rows"]])
    results = []
    for row in page["rows"]:
        author_id, liked, scrapped = flags[row["id"]]
        own = post_viewer_fields(author_id=author_id, viewer=viewer, is_liked=liked, is_scrapped=scrapped)
        results.append({**row, **own})  # the placeholders keep each field in its place
    paginator.set_links(request, next_position=page["next"], previous_position=page["previous"])
    return paginator.get_paginated_response(results)
