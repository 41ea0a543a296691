from typing import Any

from django.db.models import QuerySet

from campus.accounts.models import User
from campus.core.generations import Tracked
from campus.core.pages import cached
from campus.notifications.models import Notification


def notification_list_for(*, viewer: User) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=viewer).order_by("-id")


def notices_scope(user_id: Any) -> str:
    """A student's notifications (the header's unread count)."""
    return f"notices:{user_id}"


def notification_unread_count(*, viewer: User) -> int:
    """Every page's header shows it: kept in the cache until one of the viewer's notifications is
    written or read (`CACHE_SCOPES`)."""
    count, _ = cached(
        scopes=(notices_scope(viewer.pk),), parts=["unread"],
        build=lambda: Notification.objects.filter(recipient=viewer, read_at__isnull=True).count(),
    )  # fmt: skip
    return count


CACHE_SCOPES = {Notification: Tracked(("recipient_id",), lambda rows: {notices_scope(r) for (r,) in rows})}
