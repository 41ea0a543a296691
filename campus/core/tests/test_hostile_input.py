"""Input a hostile or careless client sends: each is a clear 4xx and changes nothing."""

import json
import logging
import unicodedata
from unittest import mock

import pytest
from rest_framework.test import APIClient

from campus.accounts.models import User
from campus.boards.models import Board, Comment, Post
from campus.boards.tests.factories import PostFactory
from campus.timetables.tests.factories import SemesterFactory

pytestmark = pytest.mark.django_db


def deep(levels: int, kind: str) -> str:
    return ("[" * levels + "]" * levels) if kind == "list" else ('{"a":' * levels + "1" + "}" * levels)


@pytest.mark.parametrize("levels", [33, 1_000, 50_000])
@pytest.mark.parametrize("kind", ["list", "object"])
def test_deeply_nested_json_is_a_400_at_the_parser(make_user, board, school, levels, kind):
    me = make_user()
    post = PostFactory(board=board)
    body = deep(levels, kind)
    for client, url in (
        (APIClient(), "/api/v1/auth/signup/"),
        (APIClient(), "/api/v1/auth/refresh/"),
        (me.client, f"/api/v1/boards/{board.id}/posts/"),
        (me.client, f"/api/v1/posts/{post.id}/comments/"),
        (me.client, "/api/v1/me/grades/"),
    ):
        res = client.post(url, body, content_type="application/json")
        assert res.status_code == 400, url
        assert res.json()["code"] == "parse_error"
        assert "중첩" in res.json()["detail"]
    assert (User.objects.count(), Post.objects.count(), Comment.objects.count()) == (2, 1, 0)


def test_json_nested_within_the_limit_is_still_read(make_user, board):
    me = make_user()
    res = me.client.post(
        f"/api/v1/boards/{board.id}/posts/",
        json.dumps({"title": "t", "content": "c", "extra": [[[[1]]]]}),
        content_type="application/json",
    )
    assert res.status_code == 201


@pytest.mark.parametrize("digit", ["²", "١", "٣", "１", "Ⅻ"])
def test_non_ascii_digits_in_ids_are_a_4xx(make_user, board, digit):
    me = make_user()
    PostFactory(board=board)
    SemesterFactory()
    res = me.client.get("/api/v1/posts/", {"board": digit})
    assert (res.status_code, list(res.json())) == (400, ["board"])
    for url in (f"/api/v1/posts/{digit}/", f"/api/v1/boards/{digit}/posts/", f"/api/v1/lectures/{digit}/"):
        assert me.client.get(url).status_code == 404
    for url in ("/api/v1/lectures/", "/api/v1/timetables/"):
        res = me.client.get(url, {"semester": digit})
        assert res.status_code == 400, url


NUL_URLS = [
    "/api/v1/schools/?search=%00",  # public
    "/api/v1/boards/?search=%00",
    "/api/v1/boards/?category=%00",
    "/api/v1/boards/{board}/posts/?search=%00",
    "/api/v1/posts/?search=%00",
    "/api/v1/posts/?search=a%00b&board={board}",
    "/api/v1/lectures/?search=%00",
    "/api/v1/posts/best/?period=%00",
    "/api/v1/posts/?x%00=1",
]


def test_a_nul_byte_anywhere_in_the_query_string_is_a_400(make_user, board):
    me = make_user()
    for url in NUL_URLS:
        res = me.client.get(url.format(board=board.id))
        assert res.status_code == 400, url
        assert res.json() == {"detail": "요청 주소에 허용되지 않는 문자(NUL)가 있습니다.", "code": "invalid"}
    assert me.client.get("/?q=%00").status_code == 400  # web paths too, as a page


@pytest.mark.parametrize("bad", ["\u0001", "\x7f", "\x85", "\u202e", "\u2066", "\u200f", "\n", "\u2028"])
def test_single_line_fields_refuse_control_and_bidi_characters(make_user, board, bad):
    me = make_user()
    cases = [
        ("/api/v1/boards/", {"name": f"게시{bad}판", "category": "general"}),
        (f"/api/v1/boards/{board.id}/posts/", {"title": f"제{bad}목", "content": "c"}),
        ("/api/v1/timetables/", {"semester": SemesterFactory().id, "name": f"시간{bad}표"}),
        (
            "/api/v1/me/grades/",
            {
                "year": 2025,
                "term": "1",
                "course_name": f"과{bad}목",
                "credits": 3,
                "grade": "A+",
                "is_major": False,
            },
        ),
    ]
    for url, body in cases:
        res = me.client.post(url, body, format="json")
        assert res.status_code == 400, (url, res.content)
        field = next(key for key, value in body.items() if isinstance(value, str) and bad in value)
        assert list(res.json()) == [field]
    res = me.client.patch("/api/v1/me/", {"nickname": f"닉{bad}네임"}, format="json")
    assert (res.status_code, list(res.json())) == (400, ["nickname"])
    signup = {"school": board.school_id, "username": "newbie1", "password": "a-Long-pass-123",
              "email": "n@example.com", "nickname": f"새{bad}내기", "admission_year": 2024}  # fmt: skip
    assert list(APIClient().post("/api/v1/auth/signup/", signup, format="json").json()) == ["nickname"]
    assert Board.objects.count() == 1 and Post.objects.count() == 0
    assert User.objects.count() == 1


def test_multi_line_fields_keep_newlines_and_tabs_and_refuse_other_controls(make_user, board):
    me = make_user()
    url = f"/api/v1/boards/{board.id}/posts/"
    res = me.client.post(url, {"title": "t", "content": "첫 줄\r\n둘째\t줄\r셋째"}, format="json")
    assert res.status_code == 201
    assert res.json()["content"] == "첫 줄\n둘째\t줄\n셋째"
    for bad in ("\x00", "\x07", "\x1b[31m", "\u202e", "\x9b"):
        res = me.client.post(url, {"title": "t", "content": f"본문{bad}"}, format="json")
        assert (res.status_code, list(res.json())) == (400, ["content"]), repr(bad)
    post_id = Post.objects.get().id
    res = me.client.post(f"/api/v1/posts/{post_id}/comments/", {"content": "a\u2066b"}, format="json")
    assert (res.status_code, list(res.json())) == (400, ["content"])
    assert Post.objects.count() == 1 and Comment.objects.count() == 0


def test_names_are_stored_in_nfc_so_lookalikes_cannot_both_exist(make_user, board):
    me = make_user()
    composed = "공지사항"
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    first = me.client.post("/api/v1/boards/", {"name": decomposed, "category": "general"}, format="json")
    assert first.status_code == 201
    assert first.json()["name"] == composed
    again = me.client.post("/api/v1/boards/", {"name": composed, "category": "general"}, format="json")
    assert (again.status_code, list(again.json())) == (400, ["name"])
    taken = me.nickname
    other = make_user()
    res = other.client.patch("/api/v1/me/", {"nickname": unicodedata.normalize("NFD", taken)}, format="json")
    assert (res.status_code, list(res.json())) == (400, ["nickname"])


def test_an_unexpected_api_error_is_json_and_logged_with_its_traceback(make_user, board, caplog):
    me = make_user()
    me.client.raise_request_exception = False
    with mock.patch("campus.boards.selectors.board_page", side_effect=RuntimeError("boom")):
        res = me.client.get(f"/api/v1/boards/{board.id}/posts/")
    assert res.status_code == 500
    assert res["Content-Type"] == "application/json"
    assert res.json() == {"detail": "서버에서 문제가 생겼습니다.", "code": "server_error"}
    logged = [r for r in caplog.records if r.levelno == logging.ERROR and r.exc_info]
    assert logged and "boom" in str(logged[0].exc_info[1])


def test_web_paths_get_korean_error_pages(client):
    res = client.get("/no-such-page/")
    assert res.status_code == 404
    assert "text/html" in res["Content-Type"]
    assert "페이지를 찾을 수 없습니다" in res.content.decode()
    assert '<html lang="ko">' in res.content.decode()
