import pytest
from django.test.utils import override_settings

from campus.boards.tests.factories import PostFactory
from campus.notifications.models import Notification

pytestmark = pytest.mark.django_db

NOTIFICATIONS = "/api/v1/notifications/"


def test_comment_reply_and_hot_notifications(make_user, board, django_capture_on_commit_callbacks):
    author, a, b = make_user(), make_user(nickname="댓글러"), make_user()
    post = PostFactory(board=board, author=author, title="내 글", is_anonymous=True)
    url = f"/api/v1/posts/{post.id}/comments/"
    with django_capture_on_commit_callbacks(execute=True):
        top = a.client.post(url, {"content": "첫 댓글", "is_anonymous": False}, format="json").json()
        b.client.post(url, {"content": "답글", "parent": top["id"]}, format="json")
        author.client.post(url, {"content": "내가 단 댓글"}, format="json")
        a.client.post(url, {"content": "내 댓글에 내가 답글", "parent": top["id"]}, format="json")
    mine = author.client.get(NOTIFICATIONS).json()["results"]
    assert [(n["kind"], n["message"]) for n in mine] == [
        ("comment", "내 글에 새 댓글이 달렸어요: 내 댓글에 내가 답글"),
        ("comment", "내 글에 새 댓글이 달렸어요: 답글"),
        ("comment", "내 글에 새 댓글이 달렸어요: 첫 댓글"),
    ]
    assert mine[-1]["target"] == {"post": post.id, "comment": top["id"]}
    assert all("댓글러" not in n["message"] for n in mine)
    theirs = a.client.get(NOTIFICATIONS).json()["results"]
    assert [(n["kind"], n["is_read"]) for n in theirs] == [("reply", False)]
    assert b.client.get(NOTIFICATIONS).json()["results"] == []


@override_settings(HOT_LIKE_THRESHOLD=2)
def test_hot_notification_once(make_user, board, django_capture_on_commit_callbacks):
    author = make_user()
    post = PostFactory(board=board, author=author)
    fans = [make_user() for _ in range(3)]
    with django_capture_on_commit_callbacks(execute=True):
        for fan in fans:
            fan.client.post(f"/api/v1/posts/{post.id}/like/")
    assert list(Notification.objects.filter(recipient=author).values_list("kind", "target")) == [
        ("hot", {"post": post.id})
    ]


def test_unread_count_and_mark_read(make_user):
    me, other = make_user(), make_user()
    mine = [
        Notification.objects.create(recipient=me, kind="comment", message=f"m{i}", target={})
        for i in range(3)
    ]
    theirs = Notification.objects.create(recipient=other, kind="comment", message="x", target={})
    assert me.client.get(f"{NOTIFICATIONS}unread-count/").json() == {"count": 3}
    res = me.client.post(f"{NOTIFICATIONS}read/", {"ids": [mine[0].id, theirs.id]}, format="json")
    assert res.status_code == 204
    assert me.client.get(f"{NOTIFICATIONS}unread-count/").json() == {"count": 2}
    theirs.refresh_from_db()
    assert theirs.read_at is None
    listed = me.client.get(NOTIFICATIONS).json()["results"]
    assert [(n["message"], n["is_read"]) for n in listed] == [("m2", False), ("m1", False), ("m0", True)]
    me.client.post(f"{NOTIFICATIONS}read/", {"all": True}, format="json")
    assert me.client.get(f"{NOTIFICATIONS}unread-count/").json() == {"count": 0}
    assert other.client.get(f"{NOTIFICATIONS}unread-count/").json() == {"count": 1}


@pytest.mark.parametrize(
    "body", [{}, {"ids": "abc"}, {"ids": ["x"]}, {"ids": [1], "all": True}, {"all": False}, {"ids": [-1]}]
)
def test_mark_read_bad_input(make_user, body):
    me = make_user()
    Notification.objects.create(recipient=me, kind="comment", message="m", target={})
    res = me.client.post(f"{NOTIFICATIONS}read/", body, format="json")
    assert res.status_code == 400
    assert Notification.objects.filter(read_at__isnull=True).count() == 1


def test_logged_out(api):
    assert api.get(NOTIFICATIONS).status_code == 401


def test_list_query_budget(make_user, django_assert_max_num_queries):
    me = make_user()
    Notification.objects.bulk_create(
        [Notification(recipient=me, kind="comment", message=f"m{i}", target={"post": i}) for i in range(40)]
    )
    with django_assert_max_num_queries(4):
        res = me.client.get(f"{NOTIFICATIONS}?page_size=40")
    assert len(res.json()["results"]) == 40


def test_a_rolled_back_cause_notifies_nobody_and_withdrawn_accounts_are_told_nothing(make_user):
    from django.db import transaction

    from campus.notifications.services import notify

    me, gone = make_user(), make_user(is_active=False)
    try:
        with transaction.atomic():
            notify(recipient_id=me.id, kind="hot", message="rolled back", target={})
            raise RuntimeError("the action failed")
    except RuntimeError:
        pass
    notify(recipient_id=gone.id, kind="hot", message="to nobody", target={})
    notify(recipient_id=me.id, kind="hot", message="kept", target={"post": 1})
    assert list(Notification.objects.values_list("recipient", "message")) == [(me.id, "kept")]
