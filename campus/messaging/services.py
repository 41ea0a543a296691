"""쪽지 writes: start a conversation from a post or comment, send, read, hide, block."""

from typing import cast

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from campus.accounts.models import User
from campus.boards.models import Comment, Post
from campus.core.errors import ApplicationError, ErrorCode
from campus.core.rates import rate_count
from campus.messaging.models import Conversation, Message
from campus.messaging.selectors import message_unread_for
from campus.notifications.models import Notification
from campus.notifications.services import notify, snippet

CANNOT_SEND = "이 상대에게는 쪽지를 보낼 수 없습니다."


def _count_send(sender: User) -> None:
    """Every 쪽지 counts against `MESSAGE_RATE`, from the API and the web pages alike."""
    rate_count(
        scope="message", ident=str(sender.pk), rate=settings.MESSAGE_RATE,
        message="쪽지를 너무 자주 보냈습니다. {wait}초 뒤에 다시 보내 주세요.",
    )  # fmt: skip


def _check_can_send(*, sender: User, recipient: User) -> None:
    if recipient.pk == sender.pk:
        raise ApplicationError("자기 자신에게는 쪽지를 보낼 수 없습니다.", code=ErrorCode.INVALID)
    if not recipient.is_active:
        raise ApplicationError("탈퇴한 사용자에게는 쪽지를 보낼 수 없습니다.", code=ErrorCode.INVALID)
    if recipient.school_id != sender.school_id:
        raise ApplicationError(CANNOT_SEND, code=ErrorCode.INVALID)


def _add_message(*, conversation: Conversation, sender: User, content: str) -> Message:
    """Blocks belong to the conversation. The blocker may not write into it; the blocked side
    writes as ever (same answer, same list order) but the blocker never sees, counts or is told."""
    if conversation.blocked_by(sender.pk):
        raise ApplicationError(
            "차단한 대화입니다. 차단을 해제해야 쪽지를 보낼 수 있습니다.",
            code=ErrorCode.PERMISSION_DENIED,
        )
    receiver_id = conversation.other_id(sender.pk)
    withheld = conversation.blocked_by(receiver_id)
    message = Message.objects.create(
        conversation=conversation, sender=sender, content=content, withheld=withheld
    )
    # A new message brings the conversation back: for the sender always, for the other side
    # only when it reaches them.
    unhide = {f"{conversation.side(sender.pk)}_hidden": False}
    if not withheld:
        unhide[f"{conversation.side(receiver_id)}_hidden"] = False
    Conversation.objects.filter(pk=conversation.pk).update(
        last_message_at=message.created_at, updated_at=timezone.now(), **unhide
    )
    if not withheld:
        notify(
            recipient_id=receiver_id,
            kind=Notification.Kind.MESSAGE,
            message=f"새 쪽지가 도착했어요: {snippet(content)}",
            target={"conversation": conversation.pk},
        )
    return message


@transaction.atomic
def conversation_start(
    *, sender: User, content: str, post: Post | None = None, comment: Comment | None = None
) -> tuple[Conversation, Message]:
    """Write to the author of `post` or `comment`. The same origin and pair reuse one conversation."""
    if (post is None) == (comment is None):
        raise ApplicationError("post와 comment 중 하나만 보내 주세요.", code=ErrorCode.INVALID)
    _count_send(sender)
    origin: Post | Comment = post if post is not None else cast(Comment, comment)
    origin_post = origin if isinstance(origin, Post) else origin.post
    author = origin.author
    _check_can_send(sender=sender, recipient=author)
    lookup = {"origin_post": origin_post, "origin_comment": comment, "starter": sender}
    conversation = Conversation.objects.select_for_update().filter(**lookup).first()
    if conversation is None:
        try:
            with transaction.atomic():
                conversation = Conversation.objects.create(
                    **lookup,
                    recipient=author,
                    is_anonymous=origin.is_anonymous,
                    last_message_at=timezone.now(),
                )
        except IntegrityError:  # a concurrent first message created it
            conversation = Conversation.objects.select_for_update().get(**lookup)
    message = _add_message(conversation=conversation, sender=sender, content=content)
    conversation.refresh_from_db()
    return conversation, message


@transaction.atomic
def message_send(*, conversation: Conversation, sender: User, content: str) -> Message:
    _count_send(sender)
    # Read the block flags under the row lock: a block made a moment ago must already hold.
    conversation = (
        Conversation.objects.select_for_update()
        .select_related("starter", "recipient")
        .get(pk=conversation.pk)
    )
    _check_can_send(sender=sender, recipient=conversation.other(sender.pk))
    return _add_message(conversation=conversation, sender=sender, content=content)


def conversation_mark_read(*, conversation: Conversation, reader: User) -> int:
    # One UPDATE is atomic by itself; no transaction (and its savepoint queries) needed.
    # Withheld messages are never marked read: the sender must not learn they were blocked.
    return message_unread_for(viewer=reader, conversation=conversation).update(read_at=timezone.now())


@transaction.atomic
def conversation_hide(*, conversation: Conversation, user: User) -> None:
    """Hidden for me only; the other side keeps it, and their next message brings it back."""
    field = "starter_hidden" if user.pk == conversation.starter_id else "recipient_hidden"
    Conversation.objects.filter(pk=conversation.pk).update(**{field: True})


def conversation_block_set(*, conversation: Conversation, user: User, blocked: bool) -> bool:
    """Block or unblock this conversation for `user` (idempotent). It touches no other
    conversation, so it can never tie an anonymous conversation to a person. Messages withheld
    while it was blocked stay withheld after an unblock."""
    field = f"{conversation.side(user.pk)}_blocked"
    Conversation.objects.filter(pk=conversation.pk).update(**{field: blocked})
    return blocked
