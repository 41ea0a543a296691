"""내 정보 through Django's test client: profile with the API's rules, my lists, a password
change that keeps this session only, withdrawal with the password; and editing a post."""

import re

import pytest

from campus.accounts.tests.factories import TEST_PASSWORD
from campus.boards.models import Comment, Post, Scrap
from campus.boards.tests.factories import PostFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def student(make_user, client):
    me = make_user(username="me_myself", nickname="나야나", email="me@example.com")
    client.force_login(me)
    return me


def test_profile_keeps_the_apis_rules(client, student, make_user, django_assert_max_num_queries):
    make_user(nickname="먼저쓴이", email="taken@example.com")
    with django_assert_max_num_queries(5):
        html = client.get("/me/").content.decode()
    assert 'value="나야나"' in html and "me_myself" in html
    for links in ("/me/posts/", "/me/comments/", "/me/scraps/"):
        assert f'href="{links}"' in html
    res = client.post("/me/profile/", {"nickname": "먼저쓴이", "email": "TAKEN@example.com"})
    body = res.content.decode()
    assert res.status_code == 400 and "이미 사용 중인 닉네임입니다." in body and 'value="먼저쓴이"' in body
    assert '<a href="/me/">내 정보</a>' in body
    res = client.post(
        "/me/profile/", {"nickname": "새이름", "email": "new@example.com", "password": TEST_PASSWORD}
    )
    student.refresh_from_db()
    assert res.status_code == 302 and (student.nickname, student.email) == ("새이름", "new@example.com")


def test_password_change_keeps_this_session(client, student, make_user):
    res = client.post("/me/password/", {"old_password": "wrong", "new_password": "전혀 다른 새 비밀번호"})
    assert res.status_code == 400 and "현재 비밀번호가 올바르지 않습니다." in res.content.decode()
    res = client.post("/me/password/", {"old_password": TEST_PASSWORD, "new_password": "12345678"})
    assert res.status_code == 400 and "비밀번호가 전부 숫자로 되어 있습니다." in res.content.decode()
    student.refresh_from_db()
    assert student.check_password(TEST_PASSWORD)
    res = client.post(
        "/me/password/", {"old_password": TEST_PASSWORD, "new_password": "전혀 다른 새 비밀번호"}
    )
    assert res.status_code == 302
    assert client.get("/me/").status_code == 200  # still logged in here
    student.refresh_from_db()
    assert student.check_password("전혀 다른 새 비밀번호")


def test_withdraw_asks_for_the_password(client, student):
    res = client.post("/me/withdraw/", {"password": "wrong"})
    assert res.status_code == 400 and "비밀번호가 올바르지 않습니다." in res.content.decode()
    student.refresh_from_db()
    assert student.is_active
    res = client.post("/me/withdraw/", {"password": TEST_PASSWORD})
    student.refresh_from_db()
    assert res.status_code == 302 and not student.is_active
    assert client.get("/me/").status_code == 302  # logged out
    assert not client.login(username="me_myself", password=TEST_PASSWORD)


def test_my_lists(client, student, board, make_user, django_assert_max_num_queries):
    other = make_user()
    mine = PostFactory(board=board, author=student, title="내 글")
    theirs = PostFactory(board=board, author=other, title="남의 글")
    scrapped = PostFactory(board=board, author=other, title="스크랩한 글")
    Comment.objects.create(post=theirs, author=student, content="댓글")
    Scrap.objects.create(post=scrapped, user=student)
    titles = {}
    for kind in ("posts", "comments", "scraps"):
        with django_assert_max_num_queries(6):
            html = client.get(f"/me/{kind}/").content.decode()
        titles[kind] = re.findall(r'<strong class="post-title">([^<]+)</strong>', html)
    assert titles == {"posts": [mine.title], "comments": [theirs.title], "scraps": [scrapped.title]}


def test_post_edit_by_its_author_only(client, student, board, make_user):
    post = PostFactory(board=board, author=student, title="처음 제목", is_anonymous=True)
    html = client.get(f"/posts/{post.id}/").content.decode()
    assert f'href="/posts/{post.id}/edit/">수정</a>' in html
    assert 'value="처음 제목"' in client.get(f"/posts/{post.id}/edit/").content.decode()
    res = client.post(f"/posts/{post.id}/edit/", {"title": "", "content": "본문"})
    assert res.status_code == 400 and 'value="처음 제목"' not in res.content.decode()
    res = client.post(f"/posts/{post.id}/edit/", {"title": "고친 제목", "content": "고친 본문"})
    post.refresh_from_db()
    assert res.status_code == 302 and (post.title, post.content, post.is_anonymous) == (
        "고친 제목",
        "고친 본문",
        True,
    )

    theirs = PostFactory(board=board, author=make_user(), title="남의 글")
    assert "수정</a>" not in client.get(f"/posts/{theirs.id}/").content.decode()
    assert client.get(f"/posts/{theirs.id}/edit/").status_code == 404
    assert client.post(f"/posts/{theirs.id}/edit/", {"title": "x", "content": "y"}).status_code == 404
    assert Post.objects.get(pk=theirs.pk).title == "남의 글"
