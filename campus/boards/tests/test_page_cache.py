"""The school cache under the community's reads (boards/feeds.py): it keeps what every student
of a school sees alike and nothing of a viewer's own, and every write — through the API, a
service, the admin's queryset or a shell — drops what it changed."""

import json

import pytest
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from campus.accounts.tests.factories import TEST_PASSWORD, UserFactory
from campus.boards import services
from campus.boards.models import Board, Post, PostImage
from campus.boards.tests.factories import BoardFactory, PostFactory
from campus.core.pagination import Page

pytestmark = pytest.mark.django_db


def feed(person, board, query="") -> list[dict]:
    res = person.client.get(f"/api/v1/boards/{board.id}/posts/{query}")
    assert res.status_code == 200, res.content
    return res.json()["results"]


@pytest.fixture
def community(board, make_user):
    author, reader = make_user(nickname="글쓴이닉"), make_user()
    named = PostFactory(board=board, author=author, is_anonymous=False, title="실명 글")
    anonymous = PostFactory(board=board, author=author, is_anonymous=True, title="익명 글")
    return author, reader, named, anonymous


def _recorded(monkeypatch, kept) -> list:
    """What the cache is asked to keep under keys that `kept(key)` picks, as it was written."""
    values = []
    real_set = cache.set

    def recording_set(key, value, *args, **kwargs):
        if kept(key):
            values.append(value[1])  # (its generations, the value)
        return real_set(key, value, *args, **kwargs)

    monkeypatch.setattr(cache, "set", recording_set)
    return values


@pytest.fixture
def stored(monkeypatch):
    """Every page written to the cache, as it was written (not its HTML, nor a viewer's own)."""
    return _recorded(
        monkeypatch, lambda key: key.startswith("cached:") and ":html:" not in key and ":own:" not in key
    )


@pytest.fixture
def stored_own(monkeypatch):
    """Every viewer's own flags written beside a page, with the key they were kept under."""
    return _recorded(monkeypatch, lambda key: ":own:" in key)


def test_the_next_reader_gets_the_cached_page_with_their_own_flags(
    community, board, django_assert_num_queries, stored
):
    author, reader, named, anonymous = community
    services.post_like(post=named, user=reader)
    services.post_scrap(post=anonymous, user=reader)
    first = feed(reader, board)  # fills the cache
    assert len(stored) == 1
    with django_assert_num_queries(2):  # the viewer, their flags: no post query
        theirs = feed(author, board)
    assert [row["id"] for row in theirs] == [anonymous.id, named.id]
    assert [(r["is_mine"], r["is_liked"], r["is_scrapped"]) for r in theirs] == [(True, False, False)] * 2
    assert [(r["is_mine"], r["is_liked"], r["is_scrapped"]) for r in first] == [
        (False, False, True),
        (False, True, False),
    ]
    again = feed(reader, board)  # from the cache too, with the reader's own flags
    assert again == first
    assert len(stored) == 1
    shared = lambda rows: [{k: v for k, v in row.items() if not k.startswith("is_")} for row in rows]  # noqa: E731
    assert shared(theirs) == shared(first)
    assert list(theirs[0]) == list(first[0])  # same fields in the same order


def test_the_cache_keeps_no_anonymous_author_and_nobody_s_flags(community, board, stored):
    author, reader, named, anonymous = community
    services.post_like(post=anonymous, user=reader)
    feed(reader, board)
    # The API keeps its rows as the JSON it writes (id, text), without the viewer's own fields.
    kept = " ".join(text.decode() for page in stored for _, text in page.rows)
    [row_anonymous, row_named] = [json.loads(text) for _, text in stored[0].rows]
    assert row_anonymous["author"] == {"nickname": "익명", "is_anonymous": True, "is_post_author": True}
    assert kept.count(str(author.id)) == 1  # in the named post's author only
    assert row_named["author"]["id"] == str(author.id)
    assert (
        [pk for pk, _ in stored[0].rows] == [row_anonymous["id"], row_named["id"]] == [anonymous.id, named.id]
    )
    assert not any(f in kept for f in ("is_mine", "is_liked", "is_scrapped"))


def test_staff_read_the_database_and_leave_the_cache_alone(community, board, make_user, stored):
    author, reader, named, anonymous = community
    Post.objects.filter(pk=named.pk).update(hidden_at=timezone.now())  # hidden by reports
    staff = make_user(is_staff=True)
    assert [row["id"] for row in feed(staff, board)] == [anonymous.id, named.id]
    assert stored == []
    assert [row["id"] for row in feed(reader, board)] == [anonymous.id]
    assert [row["id"] for row in feed(staff, board)] == [anonymous.id, named.id]


def test_another_school_never_gets_the_cached_page(community, board, other_school, make_user):
    author, reader, named, anonymous = community
    feed(reader, board)
    stranger = make_user(school=other_school)
    assert stranger.client.get(f"/api/v1/boards/{board.id}/posts/").status_code == 404
    assert stranger.client.get("/api/v1/posts/hot/").json()["results"] == []


def test_pages_are_kept_per_query_and_cursor(community, board, make_user):
    author, reader, named, anonymous = community
    assert [row["id"] for row in feed(reader, board, "?search=실명")] == [named.id]
    assert [row["id"] for row in feed(reader, board, "?page_size=1")] == [anonymous.id]
    first = reader.client.get(f"/api/v1/boards/{board.id}/posts/?page_size=1").json()
    second = reader.client.get(first["next"])
    assert [row["id"] for row in second.json()["results"]] == [named.id]
    assert second.json()["next"] is None and second.json()["previous"] is not None
    cached = reader.client.get(f"/api/v1/boards/{board.id}/posts/?page_size=1").json()  # from the cache
    assert cached["next"].startswith("http://testserver/api/v1/boards/") and cached["previous"] is None


def _edit_title(author, reader, post, board):
    assert author.client.patch(f"/api/v1/posts/{post.id}/", {"title": "고친 제목"}).status_code == 200
    return lambda rows: rows[1]["title"] == "고친 제목"


def _new_post(author, reader, post, board):
    res = author.client.post(f"/api/v1/boards/{board.id}/posts/", {"title": "새 글", "content": "내용"})
    assert res.status_code == 201
    return lambda rows: [row["title"] for row in rows] == ["새 글", "익명 글", "실명 글"]


def _delete(author, reader, post, board):
    assert author.client.delete(f"/api/v1/posts/{post.id}/").status_code == 204
    return lambda rows: [row["title"] for row in rows] == ["익명 글"]


def _like(author, reader, post, board):
    assert reader.client.post(f"/api/v1/posts/{post.id}/like/").status_code == 200
    return lambda rows: (rows[1]["like_count"], rows[1]["is_liked"]) == (1, True)


def _scrap(author, reader, post, board):
    assert reader.client.post(f"/api/v1/posts/{post.id}/scrap/").status_code == 200
    return lambda rows: (rows[1]["scrap_count"], rows[1]["is_scrapped"]) == (1, True)


def _comment_and_delete_it(author, reader, post, board):
    comment = reader.client.post(f"/api/v1/posts/{post.id}/comments/", {"content": "댓글"}).json()
    assert feed(reader, board)[1]["comment_count"] == 1
    assert reader.client.delete(f"/api/v1/comments/{comment['id']}/").status_code == 204
    return lambda rows: rows[1]["comment_count"] == 0


def _hidden_by_reports(author, reader, post, board, settings):
    settings.REPORT_HIDE_THRESHOLD = 1
    services.post_report(post=post, reporter=reader, reason="욕설")
    return lambda rows: [row["title"] for row in rows] == ["익명 글"]


def _hidden_and_shown_again(author, reader, post, board):
    services.moderation_set_hidden(target=post, hidden=True)
    assert [row["title"] for row in feed(reader, board)] == ["익명 글"]
    services.moderation_set_hidden(target=post, hidden=False)
    return lambda rows: [row["title"] for row in rows] == ["익명 글", "실명 글"]


def _board_renamed(author, reader, post, board):
    services.board_update(board=board, user=UserFactory(school=board.school, is_staff=True), name="새 이름")
    return lambda rows: {row["board"]["name"] for row in rows} == {"새 이름"}


def _nickname_changed(author, reader, post, board):
    assert author.client.patch("/api/v1/me/", {"nickname": "새닉네임"}).status_code == 200
    return lambda rows: (rows[0]["author"]["nickname"], rows[1]["author"]["nickname"]) == ("익명", "새닉네임")


def _withdrawn(author, reader, post, board):
    res = author.client.delete("/api/v1/me/", {"password": TEST_PASSWORD})
    assert res.status_code == 204
    return lambda rows: rows[1]["author"]["nickname"] == "(탈퇴한 사용자)"


def _shell_update(author, reader, post, board):
    Post.objects.filter(pk=post.pk).update(title="셸에서 고침", like_count=7)
    return lambda rows: (rows[1]["title"], rows[1]["like_count"]) == ("셸에서 고침", 7)


def _moved_to_another_board(author, reader, post, board):
    elsewhere = BoardFactory(school=board.school, name="다른 게시판")
    assert feed(reader, elsewhere) == []
    Post.objects.filter(pk=post.pk).update(board=elsewhere)
    assert [row["title"] for row in feed(reader, elsewhere)] == ["실명 글"]
    return lambda rows: [row["title"] for row in rows] == ["익명 글"]


def _admin_save(author, reader, post, board):
    post.is_question = True
    post.save()
    return lambda rows: rows[1]["is_question"] is True


def _image_added(author, reader, post, board):
    PostImage.objects.create(post=post, image="posts/x/cat.png", width=4, height=3)
    return lambda rows: [len(row["images"]) for row in rows] == [0, 1]


WRITES = [
    _edit_title, _new_post, _delete, _like, _scrap, _comment_and_delete_it, _hidden_by_reports,
    _hidden_and_shown_again, _board_renamed, _nickname_changed, _withdrawn, _shell_update,
    _moved_to_another_board, _admin_save, _image_added,
]  # fmt: skip


@pytest.mark.parametrize("write", WRITES, ids=[w.__name__.strip("_") for w in WRITES])
def test_every_write_drops_the_pages_it_changed(community, board, make_user, settings, write, stored):
    author, reader, named, anonymous = community
    before = feed(reader, board)
    assert [row["title"] for row in before] == ["익명 글", "실명 글"]
    kwargs = {"settings": settings} if "settings" in write.__code__.co_varnames else {}
    expected = write(author, reader, named, board, **kwargs)
    assert expected(feed(reader, board))
    assert expected(feed(reader, board))  # and the page cached again is the new one


def test_a_deleted_board_is_gone_with_its_cached_pages(community, board):
    author, reader, named, anonymous = community
    feed(reader, board)
    Board.objects.filter(pk=board.pk).update(is_deleted=True)
    assert reader.client.get(f"/api/v1/boards/{board.id}/posts/").status_code == 404


def test_school_wide_lists_follow_writes_on_any_board(community, board, make_user, settings):
    author, reader, named, anonymous = community
    settings.HOT_LIKE_THRESHOLD = 1
    elsewhere = BoardFactory(school=board.school, name="다른 게시판")
    other = PostFactory(board=elsewhere, author=author, title="학식 맛집")
    assert reader.client.get("/api/v1/posts/hot/").json()["results"] == []
    found = reader.client.get("/api/v1/posts/?search=학식").json()["results"]
    assert [row["id"] for row in found] == [other.id]
    services.post_like(post=other, user=reader)  # HOT now
    hot = reader.client.get("/api/v1/posts/hot/").json()["results"]
    assert [(row["id"], row["is_liked"], row["like_count"]) for row in hot] == [(other.id, True, 1)]
    PostFactory(board=board, author=author, title="학식 별로")
    assert len(reader.client.get("/api/v1/posts/?search=학식").json()["results"]) == 2


def test_redis_failing_during_a_request_reads_the_database(community, board, monkeypatch):
    author, reader, named, anonymous = community
    feed(reader, board)
    Post.objects.filter(pk=named.pk).update(title="고친 제목")
    stale = {"rows": [{"id": named.id, "title": "예전 제목"}], "next": None, "previous": None}

    real_get = cache.get

    def failing_get(key, default=None, version=None):
        if not key.startswith("school-cached:"):
            return real_get(key, default, version)
        cache.is_down = True  # what ResilientRedisCache says after a timeout…
        return stale  # …and it answers from this process's own memory

    monkeypatch.setattr(cache, "is_down", False, raising=False)
    monkeypatch.setattr(cache, "get", failing_get)
    assert [row["title"] for row in feed(reader, board)] == ["익명 글", "고친 제목"]


def test_while_redis_is_down_pages_come_from_the_database(community, board, monkeypatch):
    author, reader, named, anonymous = community
    feed(reader, board)
    with connection.cursor() as cursor:  # a write the ORM does not see: only time drops it
        cursor.execute("UPDATE boards_post SET title = %s WHERE id = %s", ["SQL로 고침", named.id])
    assert feed(reader, board)[1]["title"] == "실명 글"
    monkeypatch.setattr(cache, "is_down", True, raising=False)  # as ResilientRedisCache says
    assert feed(reader, board)[1]["title"] == "SQL로 고침"


# --- a post's own page and its comments ---------------------------------------------------------


def detail(person, post) -> dict:
    res = person.client.get(f"/api/v1/posts/{post.id}/")
    assert res.status_code == 200, res.content
    return res.json()


def thread(person, post) -> list[dict]:
    res = person.client.get(f"/api/v1/posts/{post.id}/comments/")
    assert res.status_code == 200, res.content
    return res.json()


@pytest.fixture
def discussion(community, make_user):
    author, reader, named, anonymous = community
    third = make_user()
    top = services.comment_create(post=anonymous, author=third, content="익명 댓글", is_anonymous=True)
    services.comment_create(
        post=anonymous, author=author, content="글쓴이 답글", parent=top, is_anonymous=True
    )
    services.comment_create(post=anonymous, author=reader, content="실명 댓글", is_anonymous=False)
    return author, reader, third, anonymous


def test_a_post_and_its_comments_come_from_the_cache_with_the_viewer_s_own(
    discussion, django_assert_num_queries, stored
):
    author, reader, third, post = discussion
    services.post_like(post=post, user=reader)
    comment = post.comments.get(content="익명 댓글")
    services.comment_like(comment=comment, user=reader)
    first, first_thread = detail(third, post), thread(third, post)  # fills the cache
    with django_assert_num_queries(2):  # the viewer, their flags
        mine = detail(author, post)
    with django_assert_num_queries(2):
        readers = thread(reader, post)
    assert (mine["is_mine"], mine["is_liked"], first["is_mine"]) == (True, False, False)
    assert detail(reader, post)["is_liked"] is True
    assert {k: v for k, v in mine.items() if not k.startswith("is_")} == {
        k: v for k, v in first.items() if not k.startswith("is_")
    }
    assert [(c["content"], c["is_mine"], c["is_liked"]) for c in readers] == [
        ("익명 댓글", False, True),
        ("실명 댓글", True, False),
    ]
    assert [(c["author"]["nickname"], c["is_mine"]) for c in readers[0]["replies"]] == [
        ("익명(글쓴이)", False)
    ]
    assert [c["is_mine"] for c in first_thread] == [True, False]
    assert [c["is_mine"] for c in thread(author, post)[0]["replies"]] == [True]
    kept = json.dumps(stored, ensure_ascii=False, default=str)
    assert str(third.id) not in kept and str(author.id) not in kept  # anonymous: no ids kept
    assert str(reader.id) in kept  # the named comment's author


def test_each_viewer_s_own_flags_are_kept_beside_the_page_for_them_alone(
    community, board, django_assert_num_queries, stored_own
):
    author, reader, named, anonymous = community
    services.post_like(post=named, user=reader)
    feed(reader, board)  # fills the page and the reader's flags
    with django_assert_num_queries(
        0
    ):  # the viewer kept (accounts.students); page and flags in one round trip
        again = feed(reader, board)
    assert [(r["is_mine"], r["is_liked"]) for r in again] == [(False, False), (False, True)]
    with django_assert_num_queries(2):  # the author's own flags are not the reader's
        theirs = feed(author, board)
    assert [(r["is_mine"], r["is_liked"]) for r in theirs] == [(True, False), (True, False)]
    reader_kept, author_kept = stored_own
    assert reader_kept == {
        anonymous.id: {"is_mine": False, "is_liked": False, "is_scrapped": False},
        named.id: {"is_mine": False, "is_liked": True, "is_scrapped": False},
    }
    assert [own["is_mine"] for own in author_kept.values()] == [True, True]


def test_a_like_or_scrap_shows_at_once_where_the_viewer_s_flags_were_kept(discussion):
    author, reader, third, post = discussion
    comment = post.comments.get(content="익명 댓글")
    board = post.board
    reader_page = lambda: next(r for r in feed(reader, board) if r["id"] == post.id)  # noqa: E731
    reader_comment = lambda: next(c for c in thread(reader, post) if c["id"] == comment.id)  # noqa: E731
    for read in (reader_page, lambda: detail(reader, post)):
        assert (read()["is_liked"], read()["is_scrapped"]) == (False, False)  # kept, then read back
    assert reader_comment()["is_liked"] is False
    assert reader.client.post(f"/api/v1/posts/{post.id}/like/").status_code == 200
    assert reader.client.post(f"/api/v1/posts/{post.id}/scrap/").status_code == 200
    assert reader.client.post(f"/api/v1/comments/{comment.id}/like/").status_code == 200
    for read in (reader_page, lambda: detail(reader, post)):
        assert (read()["is_liked"], read()["is_scrapped"], read()["like_count"]) == (True, True, 1)
    assert (reader_comment()["is_liked"], reader_comment()["like_count"]) == (True, 1)
    assert detail(third, post)["is_liked"] is False  # another viewer's kept flags did not move
    assert reader.client.delete(f"/api/v1/posts/{post.id}/like/").status_code == 200
    assert reader.client.delete(f"/api/v1/comments/{comment.id}/like/").status_code == 200
    for read in (reader_page, lambda: detail(reader, post)):
        assert (read()["is_liked"], read()["is_scrapped"], read()["like_count"]) == (False, True, 0)
    assert (reader_comment()["is_liked"], reader_comment()["like_count"]) == (False, 0)


def test_a_removed_comment_is_nobody_s_from_the_cache_too(discussion):
    author, reader, third, post = discussion
    comment = post.comments.get(content="익명 댓글")
    services.comment_delete(comment=comment, user=third)
    thread(reader, post)
    [top, named] = thread(third, post)  # from the cache
    assert (top["content"], top["is_mine"], top["is_deleted"]) == ("삭제된 댓글입니다.", False, True)
    assert top["author"]["nickname"] == "(삭제)"


def test_staff_read_hidden_comments_from_the_database(discussion, make_user):
    author, reader, third, post = discussion
    comment = post.comments.get(content="실명 댓글")
    services.moderation_set_hidden(target=comment, hidden=True)
    assert [c["content"] for c in thread(reader, post)] == ["익명 댓글"]
    staff = make_user(is_staff=True)
    assert [c["content"] for c in thread(staff, post)] == ["익명 댓글", "실명 댓글"]
    assert [c["content"] for c in thread(reader, post)] == ["익명 댓글"]


def _comment_edited(author, reader, third, post):
    comment = post.comments.get(content="실명 댓글")
    assert reader.client.patch(f"/api/v1/comments/{comment.id}/", {"content": "고친 댓글"}).status_code == 200
    return lambda page, comments: [c["content"] for c in comments] == ["익명 댓글", "고친 댓글"]


def _comment_liked(author, reader, third, post):
    comment = post.comments.get(content="익명 댓글")
    assert reader.client.post(f"/api/v1/comments/{comment.id}/like/").status_code == 200
    return lambda page, comments: (
        (comments[0]["like_count"], comments[0]["is_liked"]) == (1, False)
    )  # not theirs


def _reply_added(author, reader, third, post):
    top = post.comments.get(content="실명 댓글")
    res = third.client.post(f"/api/v1/posts/{post.id}/comments/", {"content": "답", "parent": top.id})
    assert res.status_code == 201
    return lambda page, comments: (
        (page["comment_count"], [r["content"] for r in comments[1]["replies"]])
        == (
            4,
            ["답"],
        )
    )


def _post_liked(author, reader, third, post):
    services.post_like(post=post, user=third)
    return lambda page, comments: page["like_count"] == 1


def _board_renamed_for_posts(author, reader, third, post):
    Board.objects.filter(pk=post.board_id).update(name="새 이름")
    return lambda page, comments: page["board"]["name"] == "새 이름"


def _commenter_renamed(author, reader, third, post):
    assert reader.client.patch("/api/v1/me/", {"nickname": "바뀐닉"}).status_code == 200
    return lambda page, comments: comments[1]["author"]["nickname"] == "바뀐닉"


def _post_image_added(author, reader, third, post):
    PostImage.objects.create(post=post, image="posts/x/dog.png", width=4, height=3)
    return lambda page, comments: [image["width"] for image in page["images"]] == [4]


POST_WRITES = [
    _comment_edited, _comment_liked, _reply_added, _post_liked, _board_renamed_for_posts, _commenter_renamed,
    _post_image_added,
]  # fmt: skip


@pytest.mark.parametrize("write", POST_WRITES, ids=[w.__name__.strip("_") for w in POST_WRITES])
def test_every_write_drops_the_post_and_comments_it_changed(discussion, write):
    author, reader, third, post = discussion
    detail(third, post), thread(third, post)
    expected = write(author, reader, third, post)
    assert expected(detail(third, post), thread(third, post))
    assert expected(detail(third, post), thread(third, post))


@pytest.mark.parametrize("gone", ["post", "board", "hidden"])
def test_a_post_gone_is_a_404_whatever_was_cached(discussion, gone):
    author, reader, third, post = discussion
    detail(third, post), thread(third, post)
    if gone == "post":
        services.post_delete(post=post, user=author)
    elif gone == "board":
        Board.objects.filter(pk=post.board_id).update(is_deleted=True)
    else:
        services.moderation_set_hidden(target=post, hidden=True)
    assert third.client.get(f"/api/v1/posts/{post.id}/").status_code == 404
    assert third.client.get(f"/api/v1/posts/{post.id}/comments/").status_code == 404


def test_another_school_never_gets_a_cached_post(discussion, other_school, make_user):
    author, reader, third, post = discussion
    detail(third, post), thread(third, post)
    stranger = make_user(school=other_school)
    assert stranger.client.get(f"/api/v1/posts/{post.id}/").status_code == 404
    assert stranger.client.get(f"/api/v1/posts/{post.id}/comments/").status_code == 404


def test_a_write_to_many_posts_drops_every_post_page_of_their_school(discussion, monkeypatch):
    from campus.boards import feeds

    author, reader, third, post = discussion
    monkeypatch.setattr(feeds, "MANY_POSTS", 1)  # two posts are "many" here
    detail(third, post), thread(third, post)
    assert Post.objects.filter(board_id=post.board_id).update(title="일괄 수정") == 2
    assert detail(third, post)["title"] == "일괄 수정"
    assert [row["title"] for row in feed(third, post.board)] == ["일괄 수정", "일괄 수정"]


def test_an_empty_search_is_kept_until_a_post_holds_the_word(community, board, django_assert_num_queries):
    author, reader, named, anonymous = community
    assert reader.client.get("/api/v1/posts/?search=졸업요건").json()["results"] == []
    with django_assert_num_queries(0):  # the viewer kept; no search, no flags for no rows
        assert reader.client.get("/api/v1/posts/?search=졸업요건").json()["results"] == []
    post = PostFactory(board=board, author=author, title="졸업요건 질문")
    assert [row["id"] for row in reader.client.get("/api/v1/posts/?search=졸업요건").json()["results"]] == [
        post.id
    ]


def test_an_empty_page_cached_for_one_school_is_not_another_s(community, board, other_school, make_user):
    author, reader, named, anonymous = community
    stranger = make_user(school=other_school)
    assert stranger.client.get(f"/api/v1/boards/{board.id}/posts/").status_code == 404
    assert (
        stranger.client.get(f"/api/v1/boards/{board.id}/posts/").status_code == 404
    )  # cached empty: still 404
    assert [row["id"] for row in feed(reader, board)] == [anonymous.id, named.id]


def test_the_board_page_keeps_its_rows_and_the_viewer_s_favorite(client, community, board, make_user):
    author, reader, named, anonymous = community
    client.force_login(reader)
    first = client.get(f"/boards/{board.id}/").content.decode()
    assert "실명 글" in first and "익명 글" in first and 'aria-pressed="false"' in first
    client.post(f"/boards/{board.id}/favorite/", {"favorite": "1"})
    assert 'aria-pressed="true"' in client.get(f"/boards/{board.id}/").content.decode()
    other = make_user()
    client.force_login(other)
    theirs = client.get(f"/boards/{board.id}/").content.decode()
    assert 'aria-pressed="false"' in theirs  # my pin is mine
    services.post_delete(post=named, user=author)
    client.force_login(reader)
    again = client.get(f"/boards/{board.id}/").content.decode()
    assert "실명 글" not in again and "익명 글" in again  # the kept rows went with the write
    assert 'aria-pressed="true"' in again


def test_the_api_keeps_its_rows_as_the_json_it_writes_and_the_web_its_own(
    client, community, board, stored, django_assert_num_queries
):
    author, reader, named, anonymous = community
    first = feed(reader, board)
    client.force_login(reader)
    assert "실명 글" in client.get(f"/boards/{board.id}/").content.decode()
    api_page, web_page = [value for value in stored if isinstance(value, Page)]
    assert [type(row) for row in api_page.rows] == [tuple, tuple]
    assert [row["id"] for row in web_page.rows] == [pk for pk, _ in api_page.rows] == [anonymous.id, named.id]
    with django_assert_num_queries(2):  # the author (a first request), their flags; no post query
        theirs = feed(author, board)
    mine = lambda row: (row["is_mine"], row["is_liked"], row["is_scrapped"])  # noqa: E731
    assert [mine(row) for row in theirs] == [(True, False, False)] * 2
    assert [
        {k: v for k, v in row.items() if k not in ("is_mine", "is_liked", "is_scrapped")} for row in theirs
    ] == [{k: v for k, v in row.items() if k not in ("is_mine", "is_liked", "is_scrapped")} for row in first]
    assert first[1]["author"] == {
        "id": str(author.id),
        "nickname": "글쓴이닉",
        "is_anonymous": False,
        "is_post_author": True,
    }


def test_kept_json_rows_name_each_host_s_image_urls(settings, community, board, stored):
    author, reader, named, anonymous = community
    settings.ALLOWED_HOSTS = ["one.example", "two.example"]
    PostImage.objects.create(post=named, image="posts/x/photo.png", width=4, height=3, order=0)
    urls = {}
    for host in ("one.example", "two.example", "one.example"):
        rows = reader.client.get(f"/api/v1/boards/{board.id}/posts/", HTTP_HOST=host).json()["results"]
        urls.setdefault(host, []).append([image["url"] for row in rows for image in row["images"]])
    assert urls == {
        "one.example": [["http://one.example/media/posts/x/photo.png"]] * 2,
        "two.example": [["http://two.example/media/posts/x/photo.png"]],
    }
    assert len(stored) == 2  # a page kept per host, the third read from the first's


def test_an_indented_answer_reads_the_kept_rows_back(community, board):
    author, reader, named, anonymous = community
    plain = feed(reader, board)
    res = reader.client.get(f"/api/v1/boards/{board.id}/posts/", HTTP_ACCEPT="application/json; indent=4")
    assert res.status_code == 200
    assert b'\n    "results": [\n' in res.content
    assert json.loads(res.content)["results"] == plain
