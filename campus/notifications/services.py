"""Notifications are written by the services of other apps that cause them, inside the
transaction of what causes them (never from a model signal): a rolled-back action notifies
nobody, and a committed one has its notification committed with it. (They used to be written by
an `on_commit` hook: a process killed between the commit and the hook lost them, and the
client's retry was answered from the idempotency record, so nobody was told.)

    notify(recipient_id=post.author_id, kind=Notification.Kind.HOT, message=…, target=…)

A notification stores no actor, and its message never names one, so an anonymous comment
or 쪽지 stays anonymous here too.
"""

from uuid import UUID

from django.db import transaction
from django.utils import timezone

from campus.accounts.models import User
from campus.notifications.models import Notification

SNIPPET = 40


def snippet(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SNIPPET else f"{text[:SNIPPET]}…"


def notify(*, recipient_id: UUID, kind: str, message: str, target: dict) -> None:
    # A withdrawn (inactive) account is told nothing.
    if User.objects.filter(pk=recipient_id, is_active=True).exists():
        Notification.objects.create(
            recipient_id=recipient_id, kind=kind, message=message[:200], target=target
        )


@transaction.atomic
def notification_mark_read(*, user: User, ids: list[int] | None = None, everything: bool = False) -> int:
    """Marks the user's own notifications read; ids of other people's notifications do nothing."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if not everything:
        unread = unread.filter(pk__in=ids or [])
    return unread.update(read_at=timezone.now())
