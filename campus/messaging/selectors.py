"""쪽지 reads. Only the two participants ever get a conversation; anyone else gets a 404."""

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from campus.accounts.models import User
from campus.messaging.models import Conversation, Message


def _participating(viewer: User) -> Q:
    return Q(starter=viewer) | Q(recipient=viewer)


def conversation_get_for(*, viewer: User, pk: int) -> Conversation:
    conversations = Conversation.objects.filter(_participating(viewer)).select_related(
        "starter", "recipient", "origin_post__board"
    )
    return get_object_or_404(conversations, pk=pk)


def _shown_to(viewer: User) -> Q:
    """Messages the viewer may see: everything but what was withheld from them by their block."""
    return Q(withheld=False) | Q(sender=viewer)


def _unread_by(viewer: User) -> Q:
    return Q(read_at__isnull=True, withheld=False) & ~Q(sender=viewer)


def _with_summary(viewer: User) -> QuerySet[Conversation]:
    """My conversations annotated with my unread count and the id of the last message I may see."""
    unread = (
        Message.objects.filter(_unread_by(viewer), conversation=OuterRef("pk"))
        .values("conversation")
        .annotate(n=Count("pk"))
        .values("n")
    )
    last_id = (
        Message.objects.filter(_shown_to(viewer), conversation=OuterRef("pk"))
        .order_by("-id")
        .values("pk")[:1]
    )
    return (
        Conversation.objects.filter(_participating(viewer))
        .select_related("starter", "recipient", "origin_post__board")
        .annotate(
            unread_count=Coalesce(Subquery(unread, output_field=IntegerField()), Value(0)),
            last_message_id=Subquery(last_id),
        )
    )


def conversation_list_for(*, viewer: User) -> QuerySet[Conversation]:
    """My conversations that I have not hidden, most recent activity first (see the paginator)."""
    return _with_summary(viewer).filter(
        Q(starter=viewer, starter_hidden=False) | Q(recipient=viewer, recipient_hidden=False)
    )


def conversation_summary_get_for(*, viewer: User, pk: int) -> Conversation:
    """One of my conversations (hidden ones too) with its summary and last message."""
    conversation = get_object_or_404(_with_summary(viewer), pk=pk)
    return conversations_attach_last_messages([conversation])[0]


def conversations_attach_last_messages(conversations: list[Conversation]) -> list[Conversation]:
    """One query for the whole page, instead of one per conversation."""
    last_ids = {c.pk: getattr(c, "last_message_id", None) for c in conversations}  # _with_summary's
    by_id = Message.objects.in_bulk([pk for pk in last_ids.values() if pk])
    for conversation in conversations:
        last_id = last_ids[conversation.pk]
        conversation.last_message = by_id.get(last_id) if last_id else None
    return conversations


def message_list_for(*, viewer: User, conversation: Conversation) -> QuerySet[Message]:
    return Message.objects.filter(_shown_to(viewer), conversation=conversation).order_by("-id")


def message_unread_for(*, viewer: User, conversation: Conversation) -> QuerySet[Message]:
    return Message.objects.filter(_unread_by(viewer), conversation=conversation)
