from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from campus.core.labels import ANONYMOUS
from campus.core.models import TimestampedModel


class Conversation(TimestampedModel):
    """쪽지 between the person who started it and the author of the post or comment it came from."""

    starter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The post it came from (for a comment origin: that comment's post), kept for `origin`.
    origin_post = models.ForeignKey("boards.Post", on_delete=models.PROTECT, related_name="+")
    origin_comment = models.ForeignKey(
        "boards.Comment", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Fixed at the start: an anonymous origin keeps both sides 익명 for the whole conversation.
    is_anonymous = models.BooleanField()
    starter_hidden = models.BooleanField(default=False)
    recipient_hidden = models.BooleanField(default=False)
    # A block belongs to the conversation (the identity the blocker saw), never to the person
    # behind an anonymous label: see docs/decisions.md, "Blocking".
    starter_blocked = models.BooleanField(default=False)
    recipient_blocked = models.BooleanField(default=False)
    last_message_at = models.DateTimeField()
    # Set by the selectors that read it so (not columns): _with_summary, conversations_attach_last_messages.
    last_message: "Message | None"

    class Meta:
        verbose_name = "쪽지함"
        verbose_name_plural = "쪽지함"
        constraints = [
            models.UniqueConstraint(
                fields=["origin_post", "starter"],
                condition=Q(origin_comment__isnull=True),
                name="conversation_unique_per_post",
            ),
            models.UniqueConstraint(
                fields=["origin_comment", "starter"],
                condition=Q(origin_comment__isnull=False),
                name="conversation_unique_per_comment",
            ),
            models.CheckConstraint(
                condition=~Q(starter=models.F("recipient")), name="conversation_two_people"
            ),
        ]
        indexes = [
            models.Index(fields=["starter", "-last_message_at"], name="conversation_starter_idx"),
            models.Index(fields=["recipient", "-last_message_at"], name="conversation_recipient_idx"),
        ]

    def get_absolute_url(self) -> str:
        return reverse("messaging:thread", args=[self.pk])

    def other_id(self, user_id):
        return self.recipient_id if user_id == self.starter_id else self.starter_id

    def other(self, user_id):
        return self.recipient if user_id == self.starter_id else self.starter

    def side(self, user_id) -> str:
        return "starter" if user_id == self.starter_id else "recipient"

    def blocked_by(self, user_id) -> bool:
        return getattr(self, f"{self.side(user_id)}_blocked")

    def counterpart_name(self, viewer_id) -> str:
        """How the viewer sees the other side: "익명" for the whole conversation when it began
        at anonymous content, both ways; otherwise their nickname."""
        return ANONYMOUS if self.is_anonymous else self.other(viewer_id).display_name


class Message(TimestampedModel):
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="messages")
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    content = models.TextField()
    read_at = models.DateTimeField(null=True, blank=True)
    # Sent into a conversation the other side had blocked: kept for the sender, never shown,
    # counted or notified to the blocker, so the sender cannot tell they were blocked.
    withheld = models.BooleanField(default=False)

    class Meta:
        verbose_name = "쪽지"
        verbose_name_plural = "쪽지"
        indexes = [models.Index(fields=["conversation", "-id"], name="message_conversation_idx")]
