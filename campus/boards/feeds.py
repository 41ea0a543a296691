"""The community as its readers see it — a board's feed, HOT, a search, BEST, "my" lists, a post,
its comments — as rows the API and the web pages both render, read through the school cache
(core/pages.py) where every student of the school sees the same.

A row is a plain dict of what a post or comment shows (`post_row`, `comment_row`): times as
datetimes, image URLs as the storage gives them; the API writes it as JSON, a template shows it.
What is the viewer's own (`is_mine`, `is_liked`, `is_scrapped`) is read by one query
(`selectors.viewers_own`) and kept per viewer beside the rows every student shares
(`core.pages.Own`), read back in the same round trip: a like or a scrap moves its post's counter,
and with it every scope the post is shown in. An anonymous post or comment is kept as it is
shown: 익명, no author id.

The scopes a value depends on — a list's board or school, a post's own scope (its row, its
comments), the school's boards (a post page names its board) and names — are moved on by every
write to the models in `CACHE_SCOPES` at the end of this module.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from campus.accounts.models import NAME_FIELDS, User
from campus.boards import selectors
from campus.boards.authors import comment_is_mine, comment_shown, post_author
from campus.boards.models import Board, Comment, FavoriteBoard, Post, PostImage
from campus.core.generations import Tracked
from campus.core.pages import Own, cached, school_cached, school_cached_page
from campus.core.pagination import Page, PageRequest, keyset_page
from campus.core.search import index_candidates, looks_common, search_is_indexed, walk_floor

Row = dict[str, Any]


# --- scopes: what a cached value shows, each moved on by the writes that change it -------------


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


def favorites_scope(user_id: Any) -> str:
    """A student's pinned boards (즐겨찾기)."""
    return f"favorites:{user_id}"


POST_VIEWER_FIELDS = ("is_mine", "is_liked", "is_scrapped")
COMMENT_VIEWER_FIELDS = ("is_mine", "is_liked")


# --- rows -------------------------------------------------------------------------------------


def post_row(post: Post) -> Row:
    """What every reader of the school sees of a post (`selectors.post_list_for` with its
    `image_list`), the viewer's own fields blank."""
    return {
        "id": post.id,
        "board": {"id": post.board_id, "name": post.board.name, "anonymity": post.board.anonymity},
        "title": post.title,
        "content": post.content,
        "is_anonymous": post.is_anonymous,
        "is_question": post.is_question,
        "author": post_author(post),
        "like_count": post.like_count,
        "comment_count": post.comment_count,
        "scrap_count": post.scrap_count,
        "is_hot": post.hot_at is not None,
        "images": [
            {"id": image.id, "url": image.image.url, "width": image.width, "height": image.height}
            for image in post.image_list
        ],
        "created_at": post.created_at,
        "updated_at": post.updated_at,
        **dict.fromkeys(POST_VIEWER_FIELDS, False),
    }


def post_viewer_fields(*, author_id: Any, viewer: User, is_liked: bool, is_scrapped: bool) -> Row:
    return {"is_mine": author_id == viewer.id, "is_liked": bool(is_liked), "is_scrapped": bool(is_scrapped)}


def post_flags(ids: list[int], viewer: User) -> dict[int, Row]:
    """The viewer's own fields of each of these posts: one query for the page."""
    flags = selectors.viewers_own(Post, ids, viewer)
    return {
        pk: post_viewer_fields(author_id=author_id, viewer=viewer, is_liked=liked, is_scrapped=scrapped)
        for pk, (author_id, liked, scrapped) in flags.items()
    }


def with_own(rows: list[Row], own: dict[int, Row]) -> list[Row]:
    return [{**row, **own[row["id"]]} for row in rows]


@dataclass(frozen=True)
class RowForm:
    """The form in which a post list's rows are kept in the school cache and handed out: `make`
    turns a row (`post_row`) into what every student sees alike, `row_id` reads its post's id
    back, `merge` adds the viewer's own fields. `name` sets apart the pages kept in one form from
    those kept in another. `ROWS` keeps the rows as they are (the web pages render them); the
    API keeps them as the JSON it writes (`boards.api.serializers.json_rows`), so that a hit neither
    unpickles nor shapes them again."""

    name: str
    make: Callable[[Row], Any]
    row_id: Callable[[Any], int]
    merge: Callable[[Any, Row], Any]


ROWS = RowForm(
    "rows", make=lambda row: row, row_id=lambda row: row["id"], merge=lambda row, own: {**row, **own}
)


def posts_own(viewer: User, form: RowForm = ROWS) -> Own[list]:
    """The viewer's own fields of a page of post rows, kept beside the page (`core.pages.Own`)."""
    return Own(
        viewer.pk, read=lambda rows: post_flags([form.row_id(row) for row in rows], viewer),
        merge=lambda rows, own: [form.merge(row, own[form.row_id(row)]) for row in rows],
    )  # fmt: skip


def post_rows_of(posts: list[Post]) -> list[Row]:
    return [post_row(post) for post in selectors.attach_images(posts)]


def comment_row(comment: Comment, post: Post, viewer: User) -> Row:
    """A comment as the viewer may see it (`comment_shown`: a removed one keeps no trace of who
    wrote it), with its replies (`.reply_list`), the viewer's like blank."""
    shown = comment_shown(comment, post, viewer)
    return {
        "id": comment.id,
        "post": comment.post_id,
        "parent": comment.parent_id,
        "content": shown["content"],
        "is_anonymous": comment.is_anonymous,
        "author": shown["author"],
        "is_mine": False,
        "like_count": comment.like_count,
        "is_liked": False,
        "is_deleted": shown["removed"],
        "created_at": comment.created_at,
        "replies": [comment_row(reply, post, viewer) for reply in getattr(comment, "reply_list", [])],
    }


def comment_row_for(comment: Comment, *, post: Post, viewer: User) -> Row:
    """The row of a comment its author just wrote or changed: theirs, and not liked (nobody may
    like their own comment), so no query."""
    row = comment_row(comment, post, viewer)
    mine = comment_is_mine(removed=row["is_deleted"], author_id=comment.author_id, viewer=viewer)
    return {**row, "is_mine": mine, "replies": []}


def comment_flags(tree: list[Row], viewer: User) -> dict[int, Row]:
    """The viewer's own fields of each comment of a tree, replies included: one query."""
    comments = [*tree, *(reply for top in tree for reply in top["replies"])]
    flags = selectors.viewers_own(Comment, [c["id"] for c in comments], viewer)
    own = {}
    for row in comments:
        author_id, liked = flags[row["id"]]
        mine = comment_is_mine(removed=row["is_deleted"], author_id=author_id, viewer=viewer)
        own[row["id"]] = {"is_mine": mine, "is_liked": liked}
    return own


def with_comment_own(tree: list[Row], own: dict[int, Row]) -> list[Row]:
    return [{**top, **own[top["id"]], "replies": with_own(top["replies"], own)} for top in tree]


def comments_own(viewer: User) -> Own[list[Row]]:
    """The viewer's own fields of a comment tree, kept beside the tree (`core.pages.Own`)."""
    return Own(viewer.pk, read=lambda tree: comment_flags(tree, viewer), merge=with_comment_own)


# --- lists ------------------------------------------------------------------------------------


def _school_page(
    *,
    viewer: User,
    page: PageRequest,
    scope: str,
    parts: list,
    posts: Callable[[], QuerySet[Post]],
    own: bool,
    search: str = "",
    board_id: int | None = None,
    unsearched: Callable[[], Page] | None = None,
    form: RowForm = ROWS,
) -> Page:
    """A page of a post list every student of the school sees alike, through the school cache,
    its rows in `form`; with `own`, each with the viewer's own fields (a list that shows none
    skips the query).
    With `search`, only the posts that have the words, bounded per request (`_search_page`);
    without, the page of `posts()` — or `unsearched()`'s, a list that reads it its own way."""
    scopes = (scope, names_scope(viewer.school_id))
    where = {"school_id": viewer.school_id, **({"board_id": board_id} if board_id is not None else {})}

    def read() -> Page:
        if unsearched is not None and not search:
            return unsearched()
        return _search_page(viewer, posts, search, page, where)

    return school_cached_page(
        viewer=viewer, page=page, scopes=scopes, parts=["posts", form.name, *parts], read=read,
        shape=lambda posts: [form.make(row) for row in post_rows_of(posts)],
        own=posts_own(viewer, form) if own else None,
    )  # fmt: skip


def _search_page(
    viewer: User, posts: Callable[[], QuerySet[Post]], search: str, page: PageRequest, where: dict[str, int]
) -> Page:
    """The page of `posts()` that have the words of `search` (all of them without any). On
    PostgreSQL its cost is bounded whatever the words (core/search.py): rare words are read from
    the gram index by id (`where`: the list's school and board), common ones walk at most
    `WALK` posts newest first."""
    if not search:
        return keyset_page(posts(), page)
    if not search_is_indexed(Post.objects.all()):
        return keyset_page(selectors.post_search(posts=posts(), query=search), page)
    ids = None if looks_common(Post, search, **where) else index_candidates(Post, search, **where)
    if ids == []:
        return Page()  # no post of the scope has the words (the commonest search: a typo, a name)
    if ids is not None:
        return keyset_page(selectors.post_search(posts=posts().filter(pk__in=ids), query=search), page)
    after = page.position[0] if page.position is not None else None
    floor = walk_floor(Post, after=after, backwards=page.backwards, **where)
    return selectors.post_search_walk(
        viewer=viewer, search=search, page=page, floor=floor, board_id=where.get("board_id")
    )


def board_feed(
    *,
    viewer: User,
    board_id: int,
    page: PageRequest,
    search: str = "",
    own: bool = True,
    form: RowForm = ROWS,
) -> Page:
    """A board's posts, newest first (with `search`, those that have the words). An empty page
    does not tell an empty board from one the viewer may not see: ask `board_get_for` then."""
    return _school_page(
        viewer=viewer, page=page, scope=board_scope(board_id), parts=["board", board_id, search],
        posts=lambda: selectors.board_posts_for(viewer=viewer, board_id=board_id), own=own, search=search,
        board_id=board_id,
        unsearched=lambda: selectors.board_page(viewer=viewer, board_id=board_id, page=page), form=form,
    )  # fmt: skip


def school_search(
    *,
    viewer: User,
    page: PageRequest,
    search: str,
    board_id: int | None = None,
    own: bool = True,
    form: RowForm = ROWS,
) -> Page:
    """The school's posts that have the words (every post without any), newest first; `board_id`
    narrows it to one board."""

    def posts() -> QuerySet[Post]:
        found = selectors.post_list_for(viewer=viewer)
        return found.filter(board_id=board_id) if board_id is not None else found

    return _school_page(
        viewer=viewer, page=page, scope=school_scope(viewer.school_id),
        parts=["search", search, board_id], posts=posts, own=own, search=search, board_id=board_id,
        form=form,
    )  # fmt: skip


def hot_feed(*, viewer: User, page: PageRequest, form: RowForm = ROWS) -> Page:
    return _school_page(
        viewer=viewer, page=page, scope=school_scope(viewer.school_id), parts=["hot"],
        posts=lambda: selectors.post_hot_list_for(viewer=viewer), own=True, form=form,
    )  # fmt: skip


def own_page(posts: QuerySet[Post], *, viewer: User, page: PageRequest, form: RowForm = ROWS) -> Page:
    """A page of a list that is the viewer's own (내 글, 내 스크랩) or moves with the clock
    (BEST): always from the database, its rows in `form` with the viewer's own fields (one query)."""
    found = keyset_page(posts, page)
    return found.with_rows(
        posts_own(viewer, form).applied([form.make(row) for row in post_rows_of(found.rows)])
    )


# --- one board, one post ---


def board_shown(*, viewer: User, pk: int) -> Row:
    """A board as its page shows it (404 unless the viewer may see it): what every student sees
    alike from the school cache, and whether it is the viewer's favorite (one query)."""

    read: dict[str, bool] = {}  # the favorite, when the board was read from the database with it

    def build() -> Row:
        board = selectors.board_get_for(viewer=viewer, pk=pk)
        read["is_favorite"] = board.is_favorite
        return {
            "id": board.id, "name": board.name, "category": board.category,
            "description": board.description, "anonymity": board.anonymity,
        }  # fmt: skip

    scopes = (board_scope(pk), boards_scope(viewer.school_id))
    row, _ = school_cached(viewer=viewer, scopes=scopes, parts=["board", pk], build=build)
    favorite = read["is_favorite"] if read else pk in favorite_board_ids(viewer=viewer)
    return {**row, "is_favorite": favorite}


def favorite_board_ids(*, viewer: User) -> list[int]:
    """The boards the viewer pinned, kept until they pin or unpin one."""
    ids, _ = cached(
        scopes=(favorites_scope(viewer.pk),), parts=["favorites"],
        build=lambda: selectors.favorite_board_ids(viewer=viewer),
    )  # fmt: skip
    return ids


# --- one post ---------------------------------------------------------------------------------


def _post_scopes(viewer: User, pk: int) -> tuple[str, ...]:
    """A post's page and comments show the post and its board's name."""
    return post_scope(pk), boards_scope(viewer.school_id), names_scope(viewer.school_id)


def post_detail(*, viewer: User, pk: int) -> Row:
    """A post as its page shows it (404 unless the viewer may read it)."""

    def build() -> Row:
        return post_rows_of([selectors.post_row_get_for(viewer=viewer, pk=pk)])[0]

    own = Own[Row](
        viewer.pk, read=lambda row: post_flags([row["id"]], viewer),
        merge=lambda row, mine: with_own([row], mine)[0],
    )  # fmt: skip
    scopes = _post_scopes(viewer, pk)
    row, _ = school_cached(viewer=viewer, scopes=scopes, parts=["post", pk], build=build, own=own)
    return row


def post_row_for(post: Post, *, viewer: User) -> Row:
    """The row of a post just written (from `selectors.post_get_for`), with the viewer's fields."""
    return {**post_row(post), **post_viewer_fields(
        author_id=post.author_id, viewer=viewer, is_liked=post.is_liked, is_scrapped=post.is_scrapped
    )}  # fmt: skip


def comment_tree(*, viewer: User, pk: int) -> list[Row]:
    """A post's comments, oldest first, replies under their comment (404 unless the viewer may
    read the post)."""

    def build() -> list[Row]:
        post = selectors.post_thread_get_for(viewer=viewer, pk=pk)
        tops = selectors.comment_tree_for(viewer=viewer, post=post)
        return [comment_row(top, post, viewer) for top in tops]

    scopes = _post_scopes(viewer, pk)
    tree, _ = school_cached(
        viewer=viewer, scopes=scopes, parts=["comments", pk], build=build, own=comments_own(viewer)
    )  # fmt: skip
    return tree


# --- which writes move which scopes -------------------------------------------------------------

# Past this many posts in one write (a bulk import, an admin action), their schools' post pages
# are moved on together (`boards_scope`, in every post page's key) rather than one by one.
MANY_POSTS = 100


def _posts_moved(rows: list[tuple]) -> set[str]:
    """Posts (id, school, board): their own page and comments, their board's and school's lists."""
    scopes = set()
    for pk, school_id, board_id in rows:
        scopes |= {board_scope(board_id), school_scope(school_id)}
        scopes.add(boards_scope(school_id) if len(rows) > MANY_POSTS else post_scope(pk))
    return scopes


def _boards_moved(rows: list[tuple]) -> set[str]:
    """Boards (school, id): their lists, their school's, and every post page of the school (a
    board's name, or its deletion)."""
    return {
        scope
        for school_id, board_id in rows
        for scope in (board_scope(board_id), school_scope(school_id), boards_scope(school_id))
    }


CACHE_SCOPES = {
    Board: Tracked(("school_id", "pk"), _boards_moved, moving=frozenset({"school", "school_id"})),
    Post: Tracked(
        ("pk", "school_id", "board_id"), _posts_moved,
        moving=frozenset({"school", "school_id", "board", "board_id"}),
    ),
    PostImage: Tracked(
        ("post_id", "post__school_id", "post__board_id"), _posts_moved, moving=frozenset({"post", "post_id"})
    ),
    Comment: Tracked(
        ("post_id",), lambda rows: {post_scope(pk) for (pk,) in rows}, moving=frozenset({"post", "post_id"})
    ),
    FavoriteBoard: Tracked(("user_id",), lambda rows: {favorites_scope(user_id) for (user_id,) in rows}),
    User: Tracked(
        ("school_id",), lambda rows: {names_scope(school_id) for (school_id,) in rows},
        watched=NAME_FIELDS,
    ),
}  # fmt: skip
