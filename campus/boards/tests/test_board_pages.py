"""The board page through Django's test client: rows, 더 보기, writing, 즐겨찾기, who sees what."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from PIL import Image

from campus.accounts.tests.factories import SchoolFactory
from campus.boards.models import Board, FavoriteBoard, Post
from campus.boards.tests.factories import BoardFactory, PostFactory
from campus.core.tests.helpers import page_html

pytestmark = pytest.mark.django_db


@pytest.fixture
def student(make_user, client):
    me = make_user()
    client.force_login(me)
    return me


def row_titles(html: str) -> list[str]:
    return re.findall(r'<strong class="post-title">(?:<span class="tag">질문</span> )?([^<]+)</strong>', html)


def test_board_lists_posts_newest_first_with_more(client, student, board, django_assert_max_num_queries):
    Post.objects.bulk_create(
        [
            Post(board=board, school=board.school, author=student, title=f"글 {n:02d}", content="c")
            for n in range(25)
        ]
    )
    with django_assert_max_num_queries(8):
        html = page_html(client, f"/boards/{board.id}/")
    assert f"<h1>{board.name}</h1>" in html
    assert row_titles(html) == [f"글 {n:02d}" for n in range(24, 4, -1)]
    more = re.search(r'<a class="button" href="([^"]+)" hx-get="[^"]+"[^>]*>더 보기</a>', html)
    next_url = more.group(1).replace("&amp;", "&")
    fragment = page_html(client, next_url, HTTP_HX_REQUEST="true")
    assert "<html" not in fragment  # only the rows, swapped in place
    assert row_titles(fragment) == [f"글 {n:02d}" for n in range(4, -1, -1)]
    assert "더 보기" not in fragment
    assert row_titles(page_html(client, next_url)) == [
        f"글 {n:02d}" for n in range(4, -1, -1)
    ]  # without JavaScript too


def test_anonymous_authors_leave_no_trace_in_the_page(client, student, board, make_user):
    writer = make_user(username="secret_writer", nickname="비밀작가")
    PostFactory(board=board, author=writer, is_anonymous=True, title="익명 고민")
    html = page_html(client, f"/boards/{board.id}/")
    assert "익명 고민" in html and "<span>익명</span>" in html
    for trace in (writer.username, writer.nickname, str(writer.id), writer.id.hex):
        assert trace not in html


def test_another_schools_board_is_a_404_page(client, student):
    elsewhere = BoardFactory(school=SchoolFactory())
    res = client.get(f"/boards/{elsewhere.id}/")
    assert res.status_code == 404
    assert "페이지를 찾을 수 없습니다" in res.content.decode()
    assert client.get("/boards/99999999999999999999/").status_code == 404


def test_logged_out_visitors_go_to_login_and_htmx_gets_a_client_redirect(board):
    from django.test import Client

    visitor = Client()
    res = visitor.get(f"/boards/{board.id}/")
    assert (res.status_code, res["Location"]) == (302, f"/login/?next=%2Fboards%2F{board.id}%2F")
    res = visitor.get(
        f"/boards/{board.id}/",
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL=f"http://testserver/boards/{board.id}/",
    )
    assert (res.status_code, res["HX-Redirect"]) == (200, f"/login/?next=%2Fboards%2F{board.id}%2F")


def jpeg() -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (8, 6), "green").save(out, "JPEG")
    return SimpleUploadedFile("a.jpg", out.getvalue(), content_type="image/jpeg")


def test_writing_a_post_with_a_photo(client, student, board):
    body = {"title": "사진 있는 글", "content": "첫 줄\r\n둘째 줄", "is_anonymous": "on", "images": [jpeg()]}
    res = client.post(f"/boards/{board.id}/", body)
    post = Post.objects.get()
    assert (res.status_code, res["Location"]) == (302, f"/posts/{post.id}/")
    assert (post.title, post.content, post.is_anonymous, post.author_id) == (
        "사진 있는 글",
        "첫 줄\n둘째 줄",
        True,
        student.id,
    )
    assert post.images.count() == 1


def test_a_refused_post_keeps_the_input_and_writes_nothing(client, student, board):
    res = client.post(f"/boards/{board.id}/", {"title": "", "content": "남겨 둘 내용"})
    html = res.content.decode()
    assert res.status_code == 400
    assert "남겨 둘 내용" in html and 'id="id_title-error"' in html
    bad = SimpleUploadedFile("x.png", b"not an image", content_type="image/png")
    res = client.post(f"/boards/{board.id}/", {"title": "t", "content": "c", "images": [bad]})
    assert res.status_code == 400 and "올바른 이미지 파일이 아닙니다." in res.content.decode()
    assert Post.objects.count() == 0


def test_the_boards_anonymity_policy_shapes_the_form(client, student, school):
    always = BoardFactory(school=school, anonymity=Board.Anonymity.ALWAYS, name="비밀게시판")
    never = BoardFactory(school=school, anonymity=Board.Anonymity.NEVER, name="실명게시판")
    html = page_html(client, f"/boards/{always.id}/")
    checkbox = re.search(r'<input type="checkbox" name="is_anonymous"[^>]*>', html).group(0)
    assert "checked" in checkbox and "disabled" in checkbox
    assert 'name="is_anonymous"' not in page_html(client, f"/boards/{never.id}/")
    client.post(
        f"/boards/{always.id}/", {"title": "t", "content": "c"}
    )  # unchecked is ignored: always anonymous
    client.post(f"/boards/{never.id}/", {"title": "t", "content": "c", "is_anonymous": "on"})
    assert dict(Post.objects.values_list("board_id", "is_anonymous")) == {always.id: True, never.id: False}


def test_favorite_toggles_in_place(client, student, board):
    res = client.post(f"/boards/{board.id}/favorite/", {"favorite": "1"}, HTTP_HX_REQUEST="true")
    assert 'aria-pressed="true"' in res.content.decode() and "<html" not in res.content.decode()
    assert FavoriteBoard.objects.filter(user=student, board=board).exists()
    res = client.post(f"/boards/{board.id}/favorite/", {"favorite": "0"})
    assert (res.status_code, res["Location"]) == (302, f"/boards/{board.id}/")
    assert not FavoriteBoard.objects.filter(user=student, board=board).exists()
    assert client.get(f"/boards/{board.id}/favorite/").status_code == 405


def test_search_finds_my_schools_posts_only(client, student, board, django_assert_max_num_queries):
    for n in range(25):
        PostFactory(board=board, title=f"기말 {n}")
    # Session, user, posts, badge (constant in rows); on PostgreSQL the gram index is asked first,
    # in a transaction of its own (savepoint, SET LOCAL, the probe, release: core/search.py).
    with django_assert_max_num_queries(5 + (4 if connection.vendor == "postgresql" else 0)):
        assert len(row_titles(page_html(client, "/search/?q=기말"))) == 20
    PostFactory(board=board, title="중간고사 범위", content="7장까지")
    PostFactory(board=board, title="학식", content="시험기간 메뉴")
    PostFactory(board=BoardFactory(school=SchoolFactory()), title="남의 중간고사")
    html = page_html(client, "/search/?q=중간고사")
    assert row_titles(html) == ["중간고사 범위"]
    assert 'value="중간고사"' in html
    assert row_titles(page_html(client, "/search/?q=시험")) == ["학식"]
    assert "찾는 글이 없습니다." in page_html(client, "/search/?q=없는말")
    assert row_titles(page_html(client, "/search/")) == []
    assert client.get("/search/?q=%00").status_code == 400
    # Any length is taken and its first 100 characters searched, as the API's SearchField does.
    long_query = "  중간고사" + " 범위" * 60
    html = page_html(client, f"/search/?q={long_query}")
    assert row_titles(html) == ["중간고사 범위"]
    assert f'value="{long_query.strip()[:100]}"' in html
