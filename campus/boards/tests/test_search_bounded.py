"""A search's cost is bounded whatever its words (core/search.py): rare words are read from the
gram index by id, common ones walk a bounded number of posts a request and link on from where
they stopped — and paging still finds every match, newest first, once."""

import pytest
from django.db import connection, connections

from campus.boards.models import Post
from campus.boards.selectors import post_list_for
from campus.boards.tests.factories import PostFactory
from campus.core import search

pytestmark = pytest.mark.django_db


def every_page(client, url: str, **query) -> tuple[list[int], int]:
    """The ids of every page of a list followed by `next`, and how many pages it took. (The
    query goes as data: a client sends it percent-encoded, as links carry it back.)"""
    ids, pages = [], 0
    body = client.get(url, query).json()
    while True:
        ids += [row["id"] for row in body["results"]]
        pages += 1
        if not body["next"]:
            return ids, pages
        body = client.get(body["next"]).json()


@pytest.fixture
def small_bounds(monkeypatch):
    monkeypatch.setattr(search, "RARE", 2)
    monkeypatch.setattr(search, "WALK", 5)


def test_a_common_word_found_only_in_old_posts_pages_through_every_match(small_bounds, board, make_user):
    me = make_user()
    old = [PostFactory(board=board, title=f"족보 {n}", content="옛날 글") for n in range(3)]
    PostFactory.create_batch(12, board=board, title="평범한 글", content="아무 말")
    ids, pages = every_page(me.client, "/api/v1/posts/", search="족보", page_size=2)
    assert ids == [post.id for post in reversed(old)]  # all of them, newest first, once
    if connection.vendor == "postgresql":
        # Three matches are "common" here (RARE 2): 15 posts walked 5 at a time, 3 requests at least.
        assert pages >= 3
    board_ids, _ = every_page(me.client, f"/api/v1/boards/{board.id}/posts/", search="족보", page_size=2)
    assert board_ids == ids


def test_a_rare_word_is_one_page_found_by_id(small_bounds, board, make_user):
    me = make_user()
    PostFactory.create_batch(12, board=board, title="평범한 글", content="아무 말")
    rare = PostFactory(board=board, title="졸업요건 정리", content="학점")
    PostFactory.create_batch(3, board=board, title="평범한 글", content="아무 말")
    assert every_page(me.client, "/api/v1/posts/", search="졸업요건") == ([rare.id], 1)
    assert every_page(me.client, "/api/v1/posts/", search="아무도안쓴말") == ([], 1)


def test_a_word_nobody_wrote_reads_the_gram_index_and_no_list(board, make_user):
    """The commonest search there is: on PostgreSQL the probe finds nothing and the page is
    answered empty without reading a post, a board or an author."""
    from django.test.utils import CaptureQueriesContext

    me = make_user()
    PostFactory.create_batch(5, board=board, title="수업 이야기", content="아무 말")
    with CaptureQueriesContext(connection) as captured:
        body = me.client.get("/api/v1/posts/", {"search": "아무도안쓴말"}).json()
    assert body == {"next": None, "previous": None, "results": []}
    read = [q["sql"] for q in captured.captured_queries if '"boards_post"' in q["sql"]]
    if connection.vendor == "postgresql":
        (probe,) = read
        assert "campus_search_keys" in probe and '"boards_board"' not in probe
    else:  # no index: the LIKEs scan the school's list
        assert len(read) == 1 and '"boards_board"' in read[0]


def test_a_missing_word_is_asked_of_the_gram_index_alone(board, make_user, monkeypatch):
    """Posts full of one common word, the planner's statistics fresh: a word nobody wrote is
    looked up in the gram index (a bitmap scan), never by walking the school's feed index."""
    me = make_user()
    Post.objects.bulk_create(
        Post(board=board, school_id=board.school_id, author=me, title=f"수업 {n}", content="수업 수업")
        for n in range(300)
    )
    scope = {"school_id": me.school_id}
    if connection.vendor != "postgresql":
        assert not search.search_is_indexed(post_list_for(viewer=me))  # no index: the LIKEs scan
        assert search.index_candidates(Post, "졸업요건", **scope) is None
        return
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE boards_post")
    search._statistics.clear()  # this process may have kept the table's grams from before
    assert search.looks_common(Post, "수업") and not search.looks_common(Post, "졸업요건")
    assert search.search_keys("수업 컴퓨터공학과졸업") == [
        "수업",
        "컴퓨터공학과",
        "퓨터공학과졸",
        "터공학과졸업",
    ]
    plan = search.index_probe_plan(Post, "졸업요건", **scope)
    assert "Bitmap Index Scan on post_search_grams_idx" in plan, plan
    assert "post_school_feed_idx" not in plan and "Seq Scan on boards_post" not in plan, plan
    assert search.index_candidates(Post, "졸업요건", **scope) == []
    monkeypatch.setattr(search, "RARE", 500)
    assert len(search.index_candidates(Post, "수업", **scope) or []) == 300  # up to RARE: read by id
    monkeypatch.setattr(search, "RARE", 100)
    assert search.index_candidates(Post, "수업", **scope) is None  # past RARE: common, walked


def test_a_word_common_in_a_big_school_is_walked_at_once_and_probed_in_a_small_one(
    board, make_user, other_school, monkeypatch
):
    """The statistics put 과탑 in a twentieth of the posts: in a school of 2,000 posts that is
    ~100 matches, past what the probe answers (it would only read the posting list before the
    walk), so the walk starts at once; in a school of 20 posts it is one match: probed."""
    from campus.boards.tests.factories import BoardFactory

    me = make_user()
    small = BoardFactory(school=other_school, name="작은학교게시판")
    stranger = make_user(school=other_school)
    Post.objects.bulk_create(
        [
            Post(
                board=board,
                school_id=board.school_id,
                author=me,
                title="과탑" if n % 20 == 0 else "수업",
                content="글",
            )
            for n in range(2000)
        ]
        + [Post(board=small, school_id=other_school.id, author=stranger, title="과탑 한 번", content="글")]
        + [
            Post(board=small, school_id=other_school.id, author=stranger, title="수업", content="글")
            for _ in range(19)
        ]
    )

    def each_school_finds_its_own() -> None:
        found = stranger.client.get("/api/v1/posts/", {"search": "과탑"}).json()["results"]
        assert [row["title"] for row in found] == ["과탑 한 번"]
        mine = me.client.get("/api/v1/posts/", {"search": "과탑", "page_size": 100}).json()["results"]
        assert len(mine) == 100 and {row["title"] for row in mine} == {"과탑"}

    if connection.vendor != "postgresql":  # no statistics, no probe: the LIKEs scan
        each_school_finds_its_own()
        return
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE boards_post")
    search._statistics.clear()
    search._scope_statistics.clear()
    monkeypatch.setattr(search, "COMMON", 0.5)  # only the scope's size can call it common here
    monkeypatch.setattr(search, "EXPECTED", 16)
    assert 0.02 < search._common_grams(Post)["과탑"] < 0.1
    assert 1500 < search._scope_rows(Post, {"school_id": me.school_id}) < 2500
    assert search._scope_rows(Post, {"school_id": other_school.id}) < 100
    assert search.looks_common(Post, "과탑", school_id=me.school_id)
    assert not search.looks_common(Post, "과탑", school_id=other_school.id)
    assert not search.looks_common(Post, "과탑")  # no scope: the share alone decides
    assert not search.looks_common(Post, "졸업요건", school_id=me.school_id)  # in no post: probed
    each_school_finds_its_own()  # whichever way it was read


# --- the walk: compiled, held to index scans, each post's school checked before its grams ----


@pytest.fixture
def walk_posts(board, make_user, other_school):
    """Posts with 수업 in two boards of the school (one hidden, one deleted) and in another
    school's board; a few with 시험 too."""
    from django.utils import timezone

    from campus.boards.tests.factories import BoardFactory

    author = make_user(nickname="쓴사람")
    other_board = BoardFactory(school=board.school, name="다른게시판")
    elsewhere = BoardFactory(school=other_school, name="남의게시판")
    posts = [
        PostFactory(
            board=other_board if n % 3 == 0 else board,
            author=author,
            title=f"수업 {n}" + (" 시험" if n % 4 == 0 else ""),
            content="잡담" if n % 5 else "MiXeD ΟΔΟΣ 대소문자",
        )
        for n in range(14)
    ]
    PostFactory.create_batch(2, board=elsewhere, title="수업 시험", content="남의 학교")
    Post.objects.filter(pk=posts[4].pk).update(hidden_at=timezone.now())
    Post.objects.filter(pk=posts[7].pk).update(is_deleted=True)
    return board, posts


def _walk_rows(page) -> list[tuple]:
    return [(p.pk, p.board.name, p.author.nickname, p.title, p.has_images) for p in page.rows]


def _orm_walk(viewer, search_words, page, floor, board_id=None):
    """The walk as the ORM builds it (`walked` over `post_search`): what the compiled one must match."""
    from campus.boards.selectors import post_search
    from campus.core.pagination import keyset_page

    posts = post_list_for(viewer=viewer)
    scope = {"school_id": viewer.school_id}
    if board_id is not None:
        posts, scope = posts.filter(board_id=board_id), {**scope, "board_id": board_id}
    found = post_search(posts=posts, query=search_words)
    return search.walked(found, lambda walk: keyset_page(walk, page, walk_to=floor), **scope)


@pytest.mark.parametrize("is_staff", [False, True])
def test_a_compiled_walk_is_the_orm_s_walk_on_every_page(walk_posts, make_user, is_staff):
    from campus.boards.selectors import post_search_walk
    from campus.core.pagination import PageRequest

    board, posts = walk_posts
    viewer = make_user(is_staff=is_staff)
    if connection.vendor != "postgresql":  # no walk: the LIKEs scan the school
        assert not search.search_is_indexed(post_list_for(viewer=viewer))
        return
    for words, board_id, floor in [
        ("수업", None, None),
        ("수업", None, posts[5].pk),  # the walk stops at its floor and links on from it
        ("수업 시험", None, None),
        ("mixed", board.pk, None),  # case-insensitive, one board
        ("ΟΔΟΣ", None, None),  # keys lower-cased by the database, as its grams were (not Python: οδος)
        ("없는말", None, None),
    ]:
        request, seen = PageRequest(("-id",), size=3), []
        while True:
            page = post_search_walk(viewer=viewer, search=words, page=request, floor=floor, board_id=board_id)
            expected = _orm_walk(viewer, words, request, floor, board_id)
            assert _walk_rows(page) == _walk_rows(expected), words
            assert (page.next_position, page.previous_position) == (
                expected.next_position,
                expected.previous_position,
            )
            seen += [post.pk for post in page.rows]
            if page.next_position is None or (floor is not None and page.next_position == [floor]):
                break
            request = PageRequest(("-id",), tuple(page.next_position), size=3)
        if words == "수업" and floor is None:
            shown = [p.pk for p in reversed(posts) if p is not posts[7] and (is_staff or p is not posts[4])]
            assert seen == shown  # this school's only, newest first, each once
            back = PageRequest(("-id",), tuple(page.previous_position), backwards=True, size=3)
            before = post_search_walk(viewer=viewer, search=words, page=back, floor=None)
            assert _walk_rows(before) == _walk_rows(_orm_walk(viewer, words, back, None))
            last = len(page.rows)  # the page before the last: the three before it
            assert [p.pk for p in before.rows] == shown[-last - 3 : -last]
        if floor is not None:
            assert seen and min(seen) >= floor  # never past the floor
        if words == "ΟΔΟΣ":
            assert seen == [posts[10].pk, posts[5].pk, posts[0].pk]


def test_a_walk_reads_an_index_in_order_checking_the_school_before_the_grams(walk_posts, make_user):
    """The plan of the walk as it runs (compiled, prepared, held by `on_a_walk`): an index read
    in order — no bitmap of the gram index, no table scan — whose filter compares the school
    before it takes the grams apart."""
    from django.test.utils import CaptureQueriesContext

    from campus.boards.selectors import post_search_walk
    from campus.core.pagination import PageRequest

    board, posts = walk_posts
    viewer = make_user()
    if connection.vendor != "postgresql":
        assert not search.search_is_indexed(post_list_for(viewer=viewer))
        return
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE boards_post")
    with CaptureQueriesContext(connection) as captured:
        page = post_search_walk(
            viewer=viewer, search="수업 시험", page=PageRequest(("-id",), size=20), floor=None
        )
    assert [p.title for p in page.rows] == ["수업 12 시험", "수업 8 시험", "수업 0 시험"]
    (walk,) = [q["sql"] for q in captured.captured_queries if "search_grams" in q["sql"]]

    def explain() -> str:
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN {walk}")
            return "\n".join(line for (line,) in cursor.fetchall())

    plan = search.on_a_walk(Post.objects.all(), explain)
    assert "Bitmap" not in plan and "Seq Scan on boards_post" not in plan, plan
    (checks,) = [line for line in plan.splitlines() if "search_grams @>" in line]
    assert "school_id = ANY" in checks, plan
    assert checks.index("school_id = ANY") < checks.index("search_grams @>"), plan


def test_a_walk_is_compiled_once_and_a_long_word_is_walked_by_the_orm(walk_posts, make_user, monkeypatch):
    """Words the grams decide alone (up to six characters) run the compiled walk; a longer one
    needs its `LIKE`, which the ORM builds — both find the same posts."""
    from campus.boards import selectors
    from campus.core.pagination import PageRequest

    board, posts = walk_posts
    viewer = make_user()
    if connection.vendor != "postgresql":
        assert not search.search_is_indexed(post_list_for(viewer=viewer))
        return
    first = PageRequest(("-id",), size=20)
    walk = selectors._post_walk_rows
    connections[walk.using].__dict__.pop(walk.attribute, None)  # nothing compiled yet on this connection
    made = []
    make = walk.make
    monkeypatch.setattr(walk, "make", lambda shape, **values: made.append(shape) or make(shape, **values))
    found = [
        [
            p.title
            for p in selectors.post_search_walk(viewer=viewer, search=words, page=first, floor=None).rows
        ]
        for words in ("수업", "시험", "수업 시험")  # one shape: compiled once, the words bound
    ]
    assert made == [(("-id",), False, 20, False)]
    assert found[1] == found[2] == ["수업 12 시험", "수업 8 시험", "수업 0 시험"]
    assert len(found[0]) == 12
    long = selectors.post_search_walk(viewer=viewer, search="대소문자", page=first, floor=None)
    longer = selectors.post_search_walk(viewer=viewer, search="mixed 대소문자", page=first, floor=None)
    assert made == [(("-id",), False, 20, False)]  # a long word: the ORM, not the compiled walk
    assert (
        [p.title for p in long.rows] == [p.title for p in longer.rows] == ["수업 10", "수업 5", "수업 0 시험"]
    )
