"""Community reads. Every queryset here is already scoped to the viewer's school and hides
what the viewer may not see, so a view cannot leak another school by forgetting a filter.

Trap: never `Post.objects.get(pk=…)` in a view — use `post_get_for` (scoped, 404 otherwise).
"""

from dataclasses import dataclass
from datetime import timedelta
from typing import Any, cast

from django.db import connection
from django.db.models import (
    Exists,
    OuterRef,
    QuerySet,
)
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from campus.accounts.models import User
from campus.boards.models import Board, Comment, CommentLike, FavoriteBoard, Post, PostImage, PostLike, Scrap
from campus.core.errors import ApplicationError
from campus.core.ids import id_or_404
from campus.core.pagination import Page, PageRequest, keyset_page, keyset_query, page_of
from campus.core.search import grams_decide, on_a_walk, search_words, text_search, walk_conditions, walked
from campus.core.statements import CompiledQuery

BEST_PERIODS = {"week": timedelta(days=7), "month": timedelta(days=30), "all": None}


def board_list_for(*, viewer: User) -> QuerySet[Board]:
    return (
        Board.objects.filter(school_id=viewer.school_id, is_deleted=False)
        .annotate(is_favorite=Exists(FavoriteBoard.objects.filter(board=OuterRef("pk"), user=viewer)))
        .order_by("id")
    )


def board_search(
    *, boards: QuerySet[Board], category: str = "", search: str = "", favorite: bool = False
) -> QuerySet[Board]:
    """Narrow a board list by category, a part of the name, and to favorites."""
    if category:
        boards = boards.filter(category=category)
    if search:
        boards = boards.filter(name__icontains=search)
    if favorite:
        boards = boards.filter(is_favorite=True)  # type: ignore[misc]  # board_list_for's annotation
    return boards


def board_get_for(*, viewer: User, pk: int) -> Board:
    return get_object_or_404(board_list_for(viewer=viewer), pk=pk)


def favorite_board_ids(*, viewer: User) -> list[int]:
    """The boards the viewer pinned (즐겨찾기)."""
    return list(FavoriteBoard.objects.filter(user=viewer).values_list("board_id", flat=True))


def _visible_posts(viewer: User) -> QuerySet[Post]:
    return Post.objects.visible_to(viewer).filter(school_id=viewer.school_id, board__is_deleted=False)


# What a post row shows (`PostOutput`, the board and search pages): a list loads these columns
# only — not the author's whole account, nor the board's settings.
POST_ROW_FIELDS = (
    "id", "board_id", "board__name", "board__anonymity", "author_id", "author__nickname",
    "author__withdrawn_at", "title", "content", "is_anonymous", "is_question", "like_count",
    "comment_count", "scrap_count", "hot_at", "created_at", "updated_at",
)  # fmt: skip


def _post_rows(viewer: User) -> QuerySet[Post]:
    return (
        _visible_posts(viewer)
        .select_related("board", "author")
        # Whether to read any images at all (`attach_images`): most pages have none.
        .annotate(has_images=Exists(PostImage.objects.filter(post=OuterRef("pk"))))
        .order_by("-id")
    )


def post_list_for(*, viewer: User) -> QuerySet[Post]:
    """Posts the viewer may read, with their board name and author: rows for `PostOutput` once
    a page of them has been through `post_rows`."""
    return _post_rows(viewer).only(*POST_ROW_FIELDS)


def board_posts_for(*, viewer: User, board_id: int) -> QuerySet[Post]:
    """A board's posts, newest first. Visible posts prove the board visible: when the page comes
    out empty, call `board_get_for` to tell an empty board from a 404."""
    return post_list_for(viewer=viewer).filter(board_id=board_id)


@dataclass(frozen=True)
class _Reader:
    """Who a compiled read is for, as `_visible_posts` asks it: their school (a stand-in id while
    it compiles) and whether they are staff (part of the read's shape)."""

    school_id: int
    is_staff: bool


def _reader(school_id: int, is_staff: bool) -> User:
    return cast(User, _Reader(school_id=school_id, is_staff=is_staff))


def _board_page_query(shape: tuple, *, school: int, board: int, **position: int) -> QuerySet[Post]:
    ordering, backwards, size, is_staff = shape
    page = PageRequest(ordering, tuple(position.values()) or None, backwards, size)
    return keyset_query(board_posts_for(viewer=_reader(school, is_staff), board_id=board), page)


_board_page_rows = CompiledQuery(_board_page_query)


def board_page(*, viewer: User, board_id: int, page: PageRequest) -> Page:
    """A page of `board_posts_for`, its query compiled once per shape (`core.statements`): the
    feed every student reads most, read from the database whenever Redis is not there."""
    position = page.position or ()
    if not all(isinstance(value, int) for value in position):  # an ordering other than ids'
        return keyset_page(board_posts_for(viewer=viewer, board_id=board_id), page)
    shape = (page.ordering, page.backwards, page.size, viewer.is_staff)
    values = {f"at{n}": value for n, value in enumerate(position)}
    rows = _board_page_rows(shape, school=viewer.school_id, board=board_id, **values)
    return page_of(rows, page)


def latest_posts_by_board(*, viewer: User, per_board: int = 4, window: int = 200) -> dict[int, list[Post]]:
    """The newest posts of the viewer's school grouped by board, at most `per_board` each, for the
    home page. One indexed query over the school's `window` newest posts, however many boards and
    posts the school has; a board quiet for that long shows none."""
    recent = (
        _visible_posts(viewer)
        .order_by("-id")
        .only("id", "board_id", "title", "created_at", "like_count", "comment_count")[:window]
    )
    by_board: dict[int, list[Post]] = {}
    for post in recent:
        posts = by_board.setdefault(post.board_id, [])
        if len(posts) < per_board:
            posts.append(post)
    return by_board


def post_get_for(*, viewer: User, pk: int) -> Post:
    """One post with every column (services act on it: the board's anonymity rule, the author),
    its `image_list` and the viewer's flags (`post_rows`)."""
    return post_rows([get_object_or_404(_post_rows(viewer), pk=pk)], viewer=viewer)[0]


def _one(rows: list) -> Any:
    if not rows:
        raise Http404
    return rows[0]


_post_row_by_id = CompiledQuery(
    lambda is_staff, *, school, pk: post_list_for(viewer=_reader(school, is_staff)).filter(pk=pk)
)


def post_row_get_for(*, viewer: User, pk: int) -> Post:
    """One post with what its row shows (`post_list_for`'s columns); 404 unless the viewer may
    read it. Compiled once (`core.statements`): every post page that misses the cache reads it."""
    return _one(_post_row_by_id(viewer.is_staff, school=viewer.school_id, pk=id_or_404(str(pk))))


def post_rows(posts: list[Post], *, viewer: User) -> list[Post]:
    """A page of posts made ready for `PostOutput`: their images and the viewer's flags."""
    return attach_viewer_flags(attach_images(posts), viewer=viewer)


def attach_images(posts: list[Post]) -> list[Post]:
    """Give each post of a page its `image_list`, in order: one query for the posts that have
    images, none when no post has (most pages). A plain list, not a prefetch: Django would build
    a queryset per post just to hold each post's images."""
    with_images = [post.pk for post in posts if getattr(post, "has_images", True)]  # _post_rows's
    by_post: dict[int, list[PostImage]] = {}
    if with_images:
        for image in PostImage.objects.filter(post_id__in=with_images).order_by("post_id", "order", "id"):
            by_post.setdefault(image.post_id, []).append(image)
    for post in posts:
        post.image_list = by_post.get(post.pk, [])
    return posts


# The viewer's own rows, by what a row shows of them: a like, a scrap.
VIEWERS_OWN = {
    Post: (("is_liked", PostLike), ("is_scrapped", Scrap)),
    Comment: (("is_liked", CommentLike),),
}


def viewers_own(model: type[Post | Comment], ids: list[int], viewer: User) -> dict[int, tuple[Any, ...]]:
    """(author_id, then whether the viewer has a row in each table of `VIEWERS_OWN[model]`) for
    each row of `model` in `ids`, in one query; a row gone since is no one's, with nothing of the
    viewer's. The one reader of a viewer's likes and scraps, for rows from the database
    (`attach_viewer_flags`) and rows from the cache (`boards.feeds`) alike.

    Written in SQL, as nothing else here is: it runs for every page, and the ORM took 0.9 ms to
    build and compile it (`FilteredRelation`s) against 0.2 ms to run it. Each table is joined on
    its unique (user, …) index, one probe per row; as an EXISTS subquery over a whole list,
    PostgreSQL hashed every like the viewer ever gave instead."""
    own = [table for _, table in VIEWERS_OWN[model]]
    rows = dict.fromkeys(ids, (None, *[False] * len(own)))
    if not ids:
        return rows
    me = User._meta.pk.get_db_prep_value(viewer.pk, connection)
    target = model._meta.model_name  # PostLike.post, Scrap.post, CommentLike.comment
    joins = "".join(
        f" LEFT JOIN {table._meta.db_table} own{n} ON own{n}.{target}_id = t.id AND own{n}.user_id = %s"
        for n, table in enumerate(own)
    )
    found = ", ".join(f"own{n}.id IS NOT NULL" for n in range(len(own)))
    marks = ", ".join(["%s"] * len(ids))
    author = model._meta.get_field("author")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT t.id, t.author_id, {found} FROM {model._meta.db_table} t{joins} WHERE t.id IN ({marks})",  # noqa: S608 (names from the models, values bound)
            [*[me] * len(own), *ids],
        )
        for pk, author_id, *has in cursor.fetchall():
            rows[pk] = (author.to_python(author_id), *map(bool, has))
    return rows


def attach_viewer_flags(rows: list, *, viewer: User) -> list:
    """Set on each post `is_liked` and `is_scrapped`, on each comment `is_liked`: one query."""
    if rows:
        model = type(rows[0])
        flags = viewers_own(model, [row.pk for row in rows], viewer)
        for row in rows:
            for (name, _), value in zip(VIEWERS_OWN[model], flags[row.pk][1:], strict=True):
                setattr(row, name, value)
    return rows


def post_search(*, posts: QuerySet[Post], query: str) -> QuerySet[Post]:
    """Posts with every word of `query` in the title or the content (`campus.core.search`)."""
    return text_search(posts, query, ["title", "content"])


def _post_walk_query(shape: tuple, *, school: int, words: str, **more: int) -> QuerySet[Post]:
    ordering, backwards, size, is_staff = shape
    board, floor = more.pop("board", None), more.pop("floor", None)
    scope = {"school_id": school, **({"board_id": board} if board is not None else {})}
    posts = _school_or_board_posts(_reader(school, is_staff), board)
    page = PageRequest(ordering, tuple(more.values()) or None, backwards, size)
    return keyset_query(posts.filter(*walk_conditions(words, **scope)), page, walk_to=floor)


def _school_or_board_posts(viewer: User, board_id: int | None) -> QuerySet[Post]:
    posts = post_list_for(viewer=viewer)
    return posts.filter(board_id=board_id) if board_id is not None else posts


_post_walk_rows = CompiledQuery(_post_walk_query)


def post_search_walk(
    *, viewer: User, search: str, page: PageRequest, floor: int | None, board_id: int | None = None
) -> Page:
    """A page of the viewer's school's (or board's) posts that have the words of `search`,
    walked newest first no further than `floor` (PostgreSQL; `core.search`: held to index scans,
    each post's school checked before its grams). Compiled once per shape (`core.statements`)
    when the grams decide alone — no word longer than the longest gram — and the page's
    position is ids; otherwise built by the ORM, with the `LIKE`s."""
    position = page.position or ()
    scope = {"school_id": viewer.school_id, **({"board_id": board_id} if board_id is not None else {})}
    if not grams_decide(search) or not all(isinstance(value, int) for value in position):
        found = post_search(posts=_school_or_board_posts(viewer, board_id), query=search)
        return walked(found, lambda walk: keyset_page(walk, page, walk_to=floor), **scope)
    shape = (page.ordering, page.backwards, page.size, viewer.is_staff)
    values: dict[str, Any] = {"school": viewer.school_id, "words": " ".join(search_words(search))}
    if board_id is not None:
        values["board"] = board_id
    if floor is not None:
        values["floor"] = floor
    values.update({f"at{n}": value for n, value in enumerate(position)})
    rows = on_a_walk(Post.objects.all(), lambda: _post_walk_rows(shape, **values))
    return page_of(rows, page, walk_to=floor)


HOT_ORDER = ("-hot_at", "-id")  # the latest to become HOT first
BEST_ORDER = ("-like_count", "-id")  # the most liked first


def post_hot_list_for(*, viewer: User) -> QuerySet[Post]:
    """HOT: posts that reached `HOT_LIKE_THRESHOLD` likes, in `HOT_ORDER` (the API pages by it)."""
    return post_list_for(viewer=viewer).filter(hot_at__isnull=False).order_by(*HOT_ORDER)


def post_best_list_for(*, viewer: User, period: str) -> QuerySet[Post]:
    """BEST: liked posts of the `period` (`BEST_PERIODS`), in `BEST_ORDER`."""
    posts = post_list_for(viewer=viewer).filter(like_count__gt=0)
    span = BEST_PERIODS[period]
    if span is not None:
        posts = posts.filter(created_at__gte=timezone.now() - span)
    return posts.order_by(*BEST_ORDER)


def my_posts(*, viewer: User) -> QuerySet[Post]:
    return post_list_for(viewer=viewer).filter(author=viewer)


def my_commented_posts(*, viewer: User) -> QuerySet[Post]:
    commented = Comment.objects.filter(post=OuterRef("pk"), author=viewer, is_deleted=False)
    return post_list_for(viewer=viewer).filter(Exists(commented))


def my_scrapped_posts(*, viewer: User) -> QuerySet[Post]:
    return post_list_for(viewer=viewer).filter(scraps__user=viewer)  # unique (user, post): one row each


_post_thread_by_id = CompiledQuery(
    lambda is_staff, *, school, pk: (
        _visible_posts(_reader(school, is_staff)).only("id", "author_id", "is_anonymous").filter(pk=pk)
    )
)


def post_thread_get_for(*, viewer: User, pk: int) -> Post:
    """A post the viewer may read, with only what its comment list reads of it (whether it is
    anonymous and who wrote it): no board, author or images to load. Compiled once."""
    return _one(_post_thread_by_id(viewer.is_staff, school=viewer.school_id, pk=id_or_404(str(pk))))


def comment_list_for(*, viewer: User, post: Post) -> QuerySet[Comment]:
    """All of a post's comments (deleted and hidden ones too: the tree needs them for shape)."""
    return Comment.objects.filter(post=post).select_related("author").order_by("id")


_comments_of_post = CompiledQuery(
    lambda shape, *, post: Comment.objects.filter(post_id=post).select_related("author").order_by("id")
)


def comment_tree_for(*, viewer: User, post: Post) -> list[Comment]:
    """Top-level comments oldest first, each with `.reply_list`. A removed comment stays only when
    it still has live replies, so that the thread keeps its shape; a removed reply disappears."""
    comments = _comments_of_post(None, post=post.pk)  # comment_list_for's, compiled once
    replies: dict[int, list[Comment]] = {}
    for comment in comments:
        if comment.parent_id is not None and comment.is_visible_to(viewer):
            replies.setdefault(comment.parent_id, []).append(comment)
    tree = []
    for comment in comments:
        if comment.parent_id is None:
            comment.reply_list = replies.get(comment.pk, [])
            if comment.is_visible_to(viewer) or comment.reply_list:
                tree.append(comment)
    return tree


def comment_parent_get(*, viewer: User, post: Post, pk: int) -> Comment:
    """The comment a reply answers: one of this post's comments, else a 400 on `parent`
    (the service then refuses deleted and hidden ones and attaches replies to the top level)."""
    parent = comment_list_for(viewer=viewer, post=post).filter(pk=pk).first()
    if parent is None:
        raise ApplicationError("이 글에 없는 댓글입니다.", field="parent")
    return parent


def comment_get_for(*, viewer: User, pk: int) -> Comment:
    """A live comment on a post the viewer may read."""
    comments = Comment.objects.visible_to(viewer).filter(post__in=_visible_posts(viewer).values("pk"))
    return get_object_or_404(comments.select_related("post", "author"), pk=pk)
