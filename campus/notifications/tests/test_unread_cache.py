"""Every page's header shows the unread count: read from the cache, dropped by any write to the
student's notifications (a new one, one read, all read), whoever makes it."""

import pytest
from django.utils import timezone

from campus.notifications import selectors, services
from campus.notifications.models import Notification

pytestmark = pytest.mark.django_db


def add(person, n=1):
    Notification.objects.bulk_create(
        [Notification(recipient=person, kind=Notification.Kind.COMMENT, message="댓글") for _ in range(n)]
    )


def test_the_count_is_kept_until_a_notification_changes(user, make_user, django_assert_num_queries):
    other = make_user()
    add(user, 2)
    with django_assert_num_queries(1):
        assert selectors.notification_unread_count(viewer=user) == 2
    with django_assert_num_queries(0):
        assert selectors.notification_unread_count(viewer=user) == 2
    add(other)  # someone else's: my count stays cached
    with django_assert_num_queries(0):
        assert selectors.notification_unread_count(viewer=user) == 2
    Notification.objects.create(recipient=user, kind=Notification.Kind.HOT, message="HOT")
    assert selectors.notification_unread_count(viewer=user) == 3
    first = Notification.objects.filter(recipient=user).order_by("id").first()
    services.notification_mark_read(user=user, ids=[first.pk])
    assert selectors.notification_unread_count(viewer=user) == 2
    Notification.objects.filter(recipient=user).update(read_at=timezone.now())  # an admin, a shell
    assert selectors.notification_unread_count(viewer=user) == 0
    assert selectors.notification_unread_count(viewer=other) == 1


def test_the_header_badge_follows(client, user):
    client.force_login(user)
    assert "읽지 않은 알림" not in client.get("/me/").content.decode()
    add(user, 3)
    assert 'aria-label="읽지 않은 알림 3개"' in client.get("/me/").content.decode()
    client.post("/notifications/read/")
    assert "읽지 않은 알림" not in client.get("/me/").content.decode()
