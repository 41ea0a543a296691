"""Friends (친구): requests within one school, accepted or rejected by the receiver only."""

from uuid import UUID

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from campus.accounts.models import User
from campus.core.errors import ApplicationError, ErrorCode
from campus.notifications.models import Notification
from campus.notifications.services import notify
from campus.timetables.models import Friendship

NOT_FOUND = "사용자를 찾을 수 없습니다."


def _pair(a: UUID | str, b: UUID | str) -> Q:
    return Q(from_user_id=a, to_user_id=b) | Q(from_user_id=b, to_user_id=a)


def friend_request_send(*, sender: User, username: str) -> Friendship:
    # Another school's student, or a withdrawn one, is "not found" — no hint that they exist.
    receiver = User.objects.filter(
        username__iexact=username, school_id=sender.school_id, is_active=True
    ).first()
    if receiver is None:
        raise ApplicationError(NOT_FOUND, field="username", code=ErrorCode.NOT_FOUND)
    if receiver.pk == sender.pk:
        raise ApplicationError("자기 자신에게는 친구 요청을 보낼 수 없습니다.", field="username")
    existing = Friendship.objects.filter(_pair(sender.pk, receiver.pk)).first()
    if existing is not None:
        if existing.accepted_at is not None:
            message = "이미 친구입니다."
        elif existing.from_user_id == sender.pk:
            message = "이미 친구 요청을 보냈습니다."
        else:
            message = "상대가 이미 친구 요청을 보냈습니다. 받은 요청을 수락해 주세요."
        raise ApplicationError(message, code=ErrorCode.CONFLICT)
    try:
        with transaction.atomic():
            request = Friendship.objects.create(from_user=sender, to_user=receiver)
            notify(
                recipient_id=receiver.pk,
                kind=Notification.Kind.FRIEND_REQUEST,
                message=f"{sender.nickname}님이 친구 요청을 보냈어요.",
                target={"friend_request": request.pk},
            )
            return request
    except IntegrityError as error:  # the same pair, concurrently
        raise ApplicationError("이미 친구 요청이 있습니다.", code=ErrorCode.CONFLICT) from error


def _pending_for_receiver(*, receiver: User, pk: int) -> Friendship:
    request = (
        Friendship.objects.select_for_update()
        .filter(pk=pk, to_user=receiver, accepted_at__isnull=True)
        .first()
    )
    if request is None:
        raise ApplicationError("친구 요청을 찾을 수 없습니다.", code=ErrorCode.NOT_FOUND)
    return request


@transaction.atomic
def friend_request_accept(*, receiver: User, pk: int) -> Friendship:
    request = _pending_for_receiver(receiver=receiver, pk=pk)
    request.accepted_at = timezone.now()
    request.save(update_fields=["accepted_at", "updated_at"])
    notify(
        recipient_id=request.from_user_id,
        kind=Notification.Kind.FRIEND_ACCEPT,
        message=f"{receiver.nickname}님이 친구 요청을 수락했어요.",
        target={"friend_request": request.pk},
    )
    return request


@transaction.atomic
def friend_request_reject(*, receiver: User, pk: int) -> None:
    _pending_for_receiver(receiver=receiver, pk=pk).delete()


@transaction.atomic
def friend_request_cancel(*, sender: User, pk: int) -> None:
    deleted, _ = Friendship.objects.filter(pk=pk, from_user=sender, accepted_at__isnull=True).delete()
    if not deleted:
        raise ApplicationError("친구 요청을 찾을 수 없습니다.", code=ErrorCode.NOT_FOUND)


@transaction.atomic
def friend_remove(*, user: User, friend_id: UUID | str) -> None:
    deleted, _ = Friendship.objects.filter(_pair(user.pk, friend_id), accepted_at__isnull=False).delete()
    if not deleted:
        raise ApplicationError("친구가 아닙니다.", code=ErrorCode.NOT_FOUND)
