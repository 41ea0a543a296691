"""The community's reads that every student of a school sees alike — a board's feed, HOT, a
search, a post, its comments — served through the school cache (core/pages.py).

What is kept is the shared part: rows as `PostOutput` and `CommentTreeOutput` shape them, with
what is the viewer's own (`is_mine`, `is_liked`, `is_scrapped`) blanked, read back per request
by the query that reads them for rows from the database too (`selectors.viewers_own`); and a
page's edges (its
links are built per request). An anonymous post or comment is kept as it is shown: 익명, no
author id. On a miss the rows just built are answered as they are.

The scopes a value depends on are moved on by the models on every write (boards/models.py):
a list's board or school, a post's own scope (its row, its comments), the school's boards (a
post page names its board) and names.
"""

from rest_framework.response import Response

from campus.boards import selectors
from campus.boards.api.serializers import VIEWER_FIELDS, CommentTreeOutput, PostOutput, post_viewer_fields
from campus.boards.authors import comment_is_mine
from campus.boards.models import Comment, Post
from campus.core import generations
from campus.core.pages import school_cached, school_cached_page
from campus.core.pagination import CursorPagination

COMMENT_VIEWER_FIELDS = ("is_mine", "is_liked")  # what of a comment row is its viewer's own


def _shared(row: dict, fields=VIEWER_FIELDS) -> dict:
    """The row without its viewer's own fields (placeholders keep each field in its place)."""
    return {**row, **dict.fromkeys(fields, False)}


def _with_post_flags(rows: list[dict], viewer) -> list[dict]:
    flags = selectors.viewers_own(Post, [row["id"] for row in rows], viewer)
    results = []
    for row in rows:
        author_id, liked, scrapped = flags[row["id"]]
        own = post_viewer_fields(author_id=author_id, viewer=viewer, is_liked=liked, is_scrapped=scrapped)
        results.append({**row, **own})
    return results


def post_page(view, posts, *, pagination_class=CursorPagination, scope: str | None = None, query=None):
    """One page of `posts` (a function that makes the queryset) as `PostOutput` rows. A list
    every student of the school sees alike names its `scope`, and the validated `query` that
    picked it."""
    request = view.request

    def shape(rows):
        return PostOutput(
            selectors.post_rows(rows, viewer=request.user), many=True, context={"request": request}
        ).data

    if scope is None:  # the viewer's own list (BEST moves with the clock): always the database
        paginator = pagination_class()
        return paginator.get_paginated_response(
            shape(paginator.paginate_queryset(posts(), request, view=view))
        )
    return school_cached_page(
        view, Post, posts, shape, pagination_class=pagination_class, scopes=(scope,),
        parts=["posts", query or {}], shared=_shared,
        personal=lambda rows: _with_post_flags(rows, request.user),
    )  # fmt: skip


def _post_scopes(request, pk) -> tuple[str, ...]:
    """A post's page and comments show the post and its board's name."""
    return generations.post_scope(int(pk)), generations.boards_scope(request.user.school_id)


def post_detail(request, pk) -> Response:
    """A post as `PostOutput` shows it (404 unless the viewer may read it)."""

    def build():
        post = selectors.post_get_for(viewer=request.user, pk=pk)
        return PostOutput(post, context={"request": request}).data

    row, cached = school_cached(
        request, scopes=_post_scopes(request, pk), parts=["post", pk], build=build, shared=_shared
    )
    return Response(_with_post_flags([row], request.user)[0] if cached else row)


def _shared_tree(tree: list[dict]) -> list[dict]:
    return [
        {
            **_shared(top, COMMENT_VIEWER_FIELDS),
            "replies": [_shared(r, COMMENT_VIEWER_FIELDS) for r in top["replies"]],
        }
        for top in tree
    ]


def _with_comment_flags(tree: list[dict], viewer) -> list[dict]:
    comments = [*tree, *(reply for top in tree for reply in top["replies"])]
    flags = selectors.viewers_own(Comment, [c["id"] for c in comments], viewer)

    def with_flags(row: dict) -> dict:
        author_id, liked = flags[row["id"]]
        mine = comment_is_mine(removed=row["is_deleted"], author_id=author_id, viewer=viewer)
        return {**row, "is_mine": mine, "is_liked": liked}

    return [{**with_flags(top), "replies": [with_flags(r) for r in top["replies"]]} for top in tree]


def comment_tree(request, pk) -> Response:
    """A post's comments as `CommentTreeOutput` shows them (404 unless the viewer may read it)."""

    def build():
        post = selectors.post_thread_get_for(viewer=request.user, pk=pk)
        tree = selectors.comment_tree_for(viewer=request.user, post=post)
        return CommentTreeOutput(tree, many=True, context={"request": request, "post": post}).data

    tree, cached = school_cached(
        request, scopes=_post_scopes(request, pk), parts=["comments", pk], build=build, shared=_shared_tree
    )
    return Response(_with_comment_flags(tree, request.user) if cached else tree)
