"""Notifications are written by the services of other apps that cause them, after their
transaction commits (never from model signals):

    transaction.on_commit(partial(_notify_comment, comment_id=comment.pk))

A notification stores no actor, and its message never names one, so an anonymous comment
or 쪽지 stays anonymous here too.
"""

from django.db import transaction
from django.utils import timezone

from campus.accounts.models import User
from campus.notifications.models import Notification

SNIPPET = 40


def snippet(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SNIPPET else f"{text[:SNIPPET]}…"


def notification_create(*, recipient: User, kind: str, message: str, target: dict) -> Notification | None:
    if not recipient.is_active:
        return None
    return Notification.objects.create(recipient=recipient, kind=kind, message=message[:200], target=target)


@transaction.atomic
def notifications_mark_read(*, user: User, ids: list[int] | None = None, everything: bool = False) -> int:
    """Marks the user's own notifications read; ids of other people's notifications do nothing."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if not everything:
        unread = unread.filter(pk__in=ids or [])
    return unread.update(read_at=timezone.now())
