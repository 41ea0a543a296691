from django.conf import settings
from django.db import models
from django.db.models import Q

from campus.core.models import ChangeTracking, ChangeTrackingQuerySet, TimestampedModel


class Notification(ChangeTracking, TimestampedModel):
    class Kind(models.TextChoices):
        COMMENT = "comment", "내 글에 댓글"
        REPLY = "reply", "내 댓글에 답글"
        MESSAGE = "message", "새 쪽지"
        HOT = "hot", "HOT 게시물"
        FRIEND_REQUEST = "friend_request", "친구 요청"
        FRIEND_ACCEPT = "friend_accept", "친구 수락"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # A sentence a client can show as-is. It never names an anonymous actor (no actor is stored).
    message = models.CharField(max_length=200)
    # What to open: {"post": id, "comment": id} or {"conversation": id} …
    target = models.JSONField(default=dict)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = ChangeTrackingQuerySet.as_manager()

    class Meta:
        verbose_name = "알림"
        verbose_name_plural = "알림"
        indexes = [
            models.Index(fields=["recipient", "-id"], name="notification_inbox_idx"),
            models.Index(
                fields=["recipient"], condition=Q(read_at__isnull=True), name="notification_unread_idx"
            ),
        ]
