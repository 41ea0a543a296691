from django.db.models import QuerySet

from campus.accounts.models import User
from campus.notifications.models import Notification


def notification_list_for(*, viewer: User) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=viewer).order_by("-id")


def notification_unread_count(*, viewer: User) -> int:
    return Notification.objects.filter(recipient=viewer, read_at__isnull=True).count()
