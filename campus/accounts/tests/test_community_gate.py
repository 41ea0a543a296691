"""학교 인증's rule from outside: an unverified student of a `required` school sees no post,
comment or 쪽지 by any path — every community route of the API and the pages, and the
notifications that would carry their words — while the rest of Campus works for them."""

import pytest
from django.urls import reverse

from campus.accounts.models import School
from campus.accounts.services import user_verification_grant
from campus.accounts.tests.factories import UserFactory
from campus.boards import services as boards
from campus.boards.tests.factories import BoardFactory, PostFactory
from campus.core.tests.test_urls import named_routes, sample_kwargs
from campus.messaging import services as messaging
from campus.timetables.services import friends
from campus.timetables.tests.factories import LectureFactory
from conftest import client_for

COMMUNITY_API = ("/api/v1/boards/", "/api/v1/posts/", "/api/v1/comments/", "/api/v1/conversations/")
MY_COMMUNITY_LISTS = ("/api/v1/me/posts/", "/api/v1/me/comments/", "/api/v1/me/scraps/")
COMMUNITY_PAGE_NAMESPACES = ("boards:", "messaging:")


@pytest.fixture
def world(school):
    school.verification = School.Verification.REQUIRED
    school.save()
    member = user_verification_grant(user=UserFactory(school=school))
    outsider = UserFactory(school=school)
    board = BoardFactory(school=school, name="자유게시판")
    # The outsider wrote before the school required 학교 인증; members answered since.
    old_post = PostFactory(board=board, author=outsider, title="예전 글", content="예전 내용")
    boards.comment_create(post=old_post, author=member, content="비밀 댓글 내용")
    messaging.conversation_start(sender=member, post=old_post, content="비밀 쪽지 내용")
    friends.friend_request_send(sender=member, username=outsider.username)
    outsider.client = client_for(outsider)
    return {"member": member, "outsider": outsider, "board": board, "post": old_post}


def api_routes():
    for name, pattern in named_routes():
        if name.startswith("api:"):
            yield name, reverse(name, kwargs=sample_kwargs(name, pattern))


def test_every_community_endpoint_refuses_reads_and_writes(world):
    client = world["outsider"].client
    gated = [path for _, path in api_routes() if path.startswith(COMMUNITY_API + MY_COMMUNITY_LISTS)]
    assert len(gated) >= 20, gated
    for path in gated:
        for method in ("get", "post", "patch", "delete"):
            res = getattr(client, method)(path, {}, format="json")
            assert res.status_code == 403, (method, path, res.status_code)
            assert res.json()["code"] == "verification_required", (method, path)
    # Real ids, not only samples: the board, the post and its comments.
    for path in (f"/api/v1/boards/{world['board'].pk}/posts/", f"/api/v1/posts/{world['post'].pk}/comments/"):
        assert client.get(path).json()["code"] == "verification_required"


def test_the_rest_of_campus_works_unverified(world, school):
    client = world["outsider"].client
    lecture = LectureFactory(school=school)
    works = ["/api/v1/me/", "/api/v1/lectures/", f"/api/v1/lectures/{lecture.pk}/reviews/",
             "/api/v1/timetables/", "/api/v1/friends/", "/api/v1/me/grades/", "/api/v1/schools/"]  # fmt: skip
    for path in works:
        assert client.get(path).status_code == 200, path
    review = {"rating": 5, "content": "좋아요", "assignment": "none", "group_work": "none",
              "grading": "generous", "attendance": "none", "exams": 1}  # fmt: skip
    res = client.post(f"/api/v1/lectures/{lecture.pk}/reviews/", review, format="json")
    assert res.status_code == 403 and res.json()["code"] == "verification_required"


def test_notifications_keep_the_communitys_words_from_an_outsider(world):
    client = world["outsider"].client
    kinds = [item["kind"] for item in client.get("/api/v1/notifications/").json()["results"]]
    assert kinds == ["friend_request"]  # not the comment's, not the 쪽지's
    assert client.get("/api/v1/notifications/unread-count/").json()["count"] == 1
    user_verification_grant(user=world["outsider"])
    kinds = [item["kind"] for item in client.get("/api/v1/notifications/").json()["results"]]
    assert sorted(kinds) == ["comment", "friend_request", "message"]
    assert client.get("/api/v1/notifications/unread-count/").json()["count"] == 3


def test_verified_the_same_student_reads_the_community(world):
    client = world["outsider"].client
    user_verification_grant(user=world["outsider"])
    titles = [
        post["title"] for post in client.get(f"/api/v1/boards/{world['board'].pk}/posts/").json()["results"]
    ]
    assert titles == ["예전 글"]
    assert [c["content"] for c in client.get(f"/api/v1/posts/{world['post'].pk}/comments/").json()] == [
        "비밀 댓글 내용"
    ]


def test_an_optional_school_lets_an_unverified_student_in(world, school):
    school.verification = School.Verification.OPTIONAL
    school.save()
    res = world["outsider"].client.get(f"/api/v1/boards/{world['board'].pk}/posts/")
    assert res.status_code == 200 and res.json()["results"][0]["title"] == "예전 글"


def test_every_community_page_sends_an_outsider_to_verify(world, client, school):
    LectureFactory(school=school)  # a semester for the timetable
    client.force_login(world["outsider"])
    pages = [("web:home", "/")] + [
        (name, reverse(name, kwargs=sample_kwargs(name, pattern)))
        for name, pattern in named_routes()
        if name.startswith(COMMUNITY_PAGE_NAMESPACES)
    ]
    assert len(pages) >= 15
    for name, path in pages:
        for method in (client.get, client.post):
            res = method(path)
            assert (res.status_code, res.get("Location")) == (302, "/verify/"), (name, path, res.status_code)
    for path in (f"/boards/{world['board'].pk}/", f"/posts/{world['post'].pk}/", "/search/?q=예전"):
        res = client.get(path, follow=True)
        body = res.content.decode()
        assert res.redirect_chain == [("/verify/", 302)] and "학교 인증" in body
        assert "예전" not in body and "비밀" not in body
    for path in (
        "/timetable/",
        "/lectures/",
        "/friends/",
        "/calculator/",
        "/me/",
        "/notifications/",
        "/verify/",
    ):
        res = client.get(path)
        assert res.status_code == 200, path
        assert "비밀 댓글" not in res.content.decode() and "비밀 쪽지" not in res.content.decode()


def test_after_signup_in_a_required_school_the_student_lands_on_verify(school, client):
    school.verification = School.Verification.REQUIRED
    school.save()
    res = client.post("/signup/", {
        "school": school.pk, "username": "newcomer", "password": "a-Long-pass-2026", "email": "n@example.com",
        "nickname": "새내기", "admission_year": 2026,
    })  # fmt: skip
    assert (res.status_code, res["Location"]) == (302, "/verify/")
