from typing import Any

from django.db.models import QuerySet

from campus.accounts.models import User
from campus.core.generations import Tracked
from campus.core.pages import cached
from campus.notifications.models import Notification

# What a notification of these kinds says (a comment's words, a 쪽지's) is the community's: a
# student who may not read the community (학교 인증) is not shown them until verified.
COMMUNITY_KINDS = (
    Notification.Kind.COMMENT, Notification.Kind.REPLY, Notification.Kind.MESSAGE, Notification.Kind.HOT,
)  # fmt: skip


def _shown_to(viewer: User) -> QuerySet[Notification]:
    notifications = Notification.objects.filter(recipient=viewer)
    if not viewer.is_community_member:
        notifications = notifications.exclude(kind__in=COMMUNITY_KINDS)
    return notifications


def notification_list_for(*, viewer: User) -> QuerySet[Notification]:
    return _shown_to(viewer).order_by("-id")


def notices_scope(user_id: Any) -> str:
    """A student's notifications (the header's unread count)."""
    return f"notices:{user_id}"


def notification_unread_count(*, viewer: User) -> int:
    """Every page's header shows it: kept in the cache until one of the viewer's notifications is
    written or read (`CACHE_SCOPES`)."""
    count, _ = cached(
        scopes=(notices_scope(viewer.pk),), parts=["unread", viewer.is_community_member],
        build=lambda: _shown_to(viewer).filter(read_at__isnull=True).count(),
    )  # fmt: skip
    return count


CACHE_SCOPES = {Notification: Tracked(("recipient_id",), lambda rows: {notices_scope(r) for (r,) in rows})}
