"""쪽지 writes: start a conversation from a post or comment, send, read, hide, block."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from campus.accounts.models import User
from campus.boards.models import Comment, Post
from campus.core.errors import ApplicationError, ErrorCode
from campus.messaging.models import Block, Conversation, Message
from campus.messaging.selectors import is_blocked_between
from campus.notifications.models import Notification
from campus.notifications.services import notify_after_commit, snippet

CANNOT_SEND = "이 상대에게는 쪽지를 보낼 수 없습니다."


def _check_can_send(*, sender: User, recipient: User) -> None:
    if recipient.pk == sender.pk:
        raise ApplicationError("자기 자신에게는 쪽지를 보낼 수 없습니다.", code=ErrorCode.INVALID)
    if not recipient.is_active:
        raise ApplicationError("탈퇴한 사용자에게는 쪽지를 보낼 수 없습니다.", code=ErrorCode.INVALID)
    if recipient.school_id != sender.school_id:
        raise ApplicationError(CANNOT_SEND, code=ErrorCode.INVALID)
    # Either side's block stops it; the refusal says nothing about who blocked whom.
    if is_blocked_between(a=sender, b=recipient):
        raise ApplicationError(CANNOT_SEND, code=ErrorCode.PERMISSION_DENIED, status=403)


def _add_message(*, conversation: Conversation, sender: User, content: str) -> Message:
    message = Message.objects.create(conversation=conversation, sender=sender, content=content)
    # A new message brings the conversation back for both sides.
    Conversation.objects.filter(pk=conversation.pk).update(
        last_message_at=message.created_at,
        starter_hidden=False,
        recipient_hidden=False,
        updated_at=timezone.now(),
    )
    notify_after_commit(
        recipient_id=conversation.other_id(sender.pk),
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
    origin_post = post if post is not None else comment.post
    author = post.author if post is not None else comment.author
    _check_can_send(sender=sender, recipient=author)
    lookup = {"origin_post": origin_post, "origin_comment": comment, "starter": sender}
    conversation = Conversation.objects.select_for_update().filter(**lookup).first()
    if conversation is None:
        try:
            with transaction.atomic():
                conversation = Conversation.objects.create(
                    **lookup,
                    recipient=author,
                    is_anonymous=(post or comment).is_anonymous,
                    last_message_at=timezone.now(),
                )
        except IntegrityError:  # a concurrent first message created it
            conversation = Conversation.objects.select_for_update().get(**lookup)
    message = _add_message(conversation=conversation, sender=sender, content=content)
    conversation.refresh_from_db()
    return conversation, message


@transaction.atomic
def message_send(*, conversation: Conversation, sender: User, content: str) -> Message:
    _check_can_send(sender=sender, recipient=conversation.other(sender.pk))
    return _add_message(conversation=conversation, sender=sender, content=content)


def conversation_mark_read(*, conversation: Conversation, reader: User) -> int:
    # One UPDATE is atomic by itself; no transaction (and its savepoint queries) needed.
    return (
        Message.objects.filter(conversation=conversation, read_at__isnull=True)
        .exclude(sender=reader)
        .update(read_at=timezone.now())
    )


@transaction.atomic
def conversation_hide(*, conversation: Conversation, user: User) -> None:
    """Hidden for me only; the other side keeps it, and their next message brings it back."""
    field = "starter_hidden" if user.pk == conversation.starter_id else "recipient_hidden"
    Conversation.objects.filter(pk=conversation.pk).update(**{field: True})


@transaction.atomic
def conversation_block(*, conversation: Conversation, user: User) -> None:
    Block.objects.get_or_create(blocker=user, blocked_id=conversation.other_id(user.pk))


@transaction.atomic
def conversation_unblock(*, conversation: Conversation, user: User) -> None:
    Block.objects.filter(blocker=user, blocked_id=conversation.other_id(user.pk)).delete()
