"""The 알림 page: newest first, the header badge, opening one (a POST) reads it, 모두 읽음."""

import pytest

from campus.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_notifications_page_badge_open_and_read_all(client, user, django_assert_max_num_queries):
    notify = Notification.objects.create
    older = notify(
        recipient=user,
        kind="comment",
        message="내 글에 새 댓글이 달렸어요: 좋아요",
        target={"post": 7, "comment": 9},
    )
    newer = notify(
        recipient=user, kind="message", message="새 쪽지가 도착했어요: 안녕", target={"conversation": 3}
    )
    client.force_login(user)
    with django_assert_max_num_queries(5):
        page = client.get("/notifications/").content.decode()
    assert page.index("새 쪽지가 도착했어요") < page.index("내 글에 새 댓글이 달렸어요")
    assert 'aria-label="읽지 않은 알림 2개">2</span>' in page
    # Each links to its target, and with htmx POSTs to be read first.
    assert f'<a href="/posts/7/#comment-9" hx-post="/notifications/{older.id}/">' in page
    # A GET goes to the target and reads nothing: a prefetch or a crawler changes no state.
    res = client.get(f"/notifications/{older.id}/")
    assert (res.status_code, res["Location"]) == (302, "/posts/7/#comment-9")
    older.refresh_from_db()
    assert older.read_at is None
    # The POST reads it: a plain one redirects, htmx's gets a client redirect.
    res = client.post(f"/notifications/{older.id}/")
    assert (res.status_code, res["Location"]) == (302, "/posts/7/#comment-9")
    res = client.post(f"/notifications/{newer.id}/", headers={"HX-Request": "true"})
    assert (res.status_code, res["HX-Redirect"]) == (200, "/messages/3/")
    assert not Notification.objects.filter(recipient=user, read_at__isnull=True).exists()
    Notification.objects.create(recipient=user, kind="hot", message="HOT", target={"post": 7})
    client.post("/notifications/read/")
    assert not Notification.objects.filter(recipient=user, read_at__isnull=True).exists()
    assert "읽지 않은 알림" not in client.get("/notifications/").content.decode()


def test_someone_elses_notification_is_a_404(client, user, make_user):
    theirs = Notification.objects.create(recipient=make_user(), kind="hot", message="HOT", target={"post": 1})
    client.force_login(user)
    assert client.get(f"/notifications/{theirs.id}/").status_code == 404
    assert client.post(f"/notifications/{theirs.id}/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None
