"""The shell's pages through Django's test client: landing, sign-up, login, logout, home."""

import re

import pytest
from django.test import Client

from campus.accounts.models import User
from campus.accounts.tests.factories import SchoolFactory, UserFactory
from campus.boards.models import FavoriteBoard, Post
from campus.boards.tests.factories import BoardFactory, PostFactory

pytestmark = pytest.mark.django_db
PASSWORD = "a-Long-pass-123"


def text(res) -> str:
    return res.content.decode()


def test_landing_page_for_a_visitor(client):
    res = client.get("/")
    page = text(res)
    assert res.status_code == 200
    assert '<html lang="ko">' in page and page.count("<h1>") == 1
    for link in ('href="/signup/">회원가입', 'href="/login/">로그인', 'href="/api/docs/">API 문서'):
        assert link in page
    assert "로그아웃" not in page


def signup_body(school, **changes):
    body = {"school": school.id, "username": "newbie_01", "password": PASSWORD, "email": "newbie@example.com",
            "nickname": "새내기", "admission_year": 2025}  # fmt: skip
    return {**body, **changes}


def test_signup_logs_in_and_lands_home(client, school):
    res = client.post("/signup/", signup_body(school))
    assert (res.status_code, res["Location"]) == (302, "/")
    user = User.objects.get(username="newbie_01")
    assert (user.school_id, user.nickname, user.admission_year) == (school.id, "새내기", 2025)
    home = client.get("/")
    assert school.name in text(home) and "로그아웃" in text(home)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"password": "12345678"}, "password", "비밀번호"),
        ({"username": "x"}, "username", "아이디는 영문"),
        ({"admission_year": 2999}, "admission_year", ""),
        ({"nickname": "닉\u202e네임"}, "nickname", "보이지 않는 문자"),
    ],
)
def test_a_refused_signup_keeps_the_input_and_writes_nothing(client, school, changes, field, message):
    before = User.objects.count()
    res = client.post("/signup/", signup_body(school, **changes))
    page = text(res)
    assert res.status_code == 400
    assert User.objects.count() == before
    assert 'value="newbie@example.com"' in page  # what was typed stays
    errors = re.search(rf'<div class="error" id="id_{field}-error">(.*?)</div>', page).group(1)
    assert message in errors


def test_signup_with_a_taken_username_says_so_next_to_the_field(client, school):
    UserFactory(school=school, username="newbie_01")
    res = client.post("/signup/", signup_body(school))
    assert res.status_code == 400
    assert '<div class="error" id="id_username-error"><p>이미 사용 중인 아이디입니다.</p></div>' in text(res)


def test_login_answers_wrong_password_and_unknown_user_alike_and_locks(client, user):
    user.set_password(PASSWORD)
    user.save()
    wrong = text(client.post("/login/", {"username": user.username, "password": "nope-nope-1"}))
    unknown = text(client.post("/login/", {"username": "nobody_here", "password": "nope-nope-1"}))
    message = "아이디 또는 비밀번호가 올바르지 않습니다."
    assert message in wrong and message in unknown
    for _ in range(4):
        client.post("/login/", {"username": user.username, "password": "nope-nope-1"})
    locked = client.post("/login/", {"username": user.username, "password": PASSWORD})
    assert locked.status_code == 400
    assert "로그인 시도가 너무 많습니다" in text(locked)
    assert "_auth_user_id" not in client.session


def test_login_returns_to_next_but_never_off_site(user):
    user.set_password(PASSWORD)
    user.save()
    for target, expected in (
        ("/boards/3/", "/boards/3/"),
        ("https://evil.example/", "/"),
        ("//evil.example", "/"),
    ):
        client = Client()
        res = client.post(f"/login/?next={target}", {"username": user.username, "password": PASSWORD,
                                                     "next": target})  # fmt: skip
        assert (res.status_code, res["Location"]) == (302, expected)


def test_logout_is_a_post(client, user):
    client.force_login(user)
    assert client.get("/logout/").status_code == 405
    assert client.post("/logout/").status_code == 302
    assert "로그아웃" not in text(client.get("/"))


def test_home_shows_my_school_favorites_first_and_nothing_of_another_school(
    client, user, django_assert_max_num_queries
):
    first = BoardFactory(school=user.school, name="자유게시판")
    favorite = BoardFactory(school=user.school, name="정보게시판")
    FavoriteBoard.objects.create(user=user, board=favorite)
    PostFactory(board=first, title="오늘 학식", is_anonymous=True)
    hot = PostFactory(board=first, title="핫한 글")
    Post.objects.filter(pk=hot.pk).update(like_count=12, hot_at=hot.created_at)
    elsewhere = BoardFactory(school=SchoolFactory(), name="남의게시판")
    PostFactory(board=elsewhere, title="남의 학교 글")
    client.force_login(user)
    with django_assert_max_num_queries(8):  # session, user, school, boards, latest, HOT, BEST, badge
        page = text(client.get("/"))
    assert f"<h1>{user.school.name}</h1>" in page
    assert page.index("정보게시판") < page.index("자유게시판")
    assert "오늘 학식" in page and "핫한 글" in page
    assert "남의게시판" not in page and "남의 학교 글" not in page
    assert 'id="hot-heading">HOT 게시물' in page and 'id="best-heading">BEST 게시물' in page
    assert '<label for="home-search">검색</label>' in page
