"""Notifications as the other apps' services write them: after the cause commits, never for a
rolled-back one or a withdrawn recipient, and marked read only by their recipient."""

import pytest
from django.db import transaction

from campus.notifications import services
from campus.notifications.models import Notification

pytestmark = pytest.mark.django_db(transaction=True)


def notify(recipient, message="새 댓글이 달렸어요", **target):
    services.notify(
        recipient_id=recipient.pk,
        kind=Notification.Kind.COMMENT,
        message=message,
        target=target or {"post": 1},
    )


def test_written_in_the_transaction_of_its_cause(user):
    # Not from an on_commit hook: a process killed right after the commit would lose it.
    with transaction.atomic():
        notify(user)
        assert Notification.objects.filter(recipient=user).count() == 1
    [written] = Notification.objects.all()
    assert (written.recipient_id, written.kind, written.target, written.read_at) == (
        user.pk, Notification.Kind.COMMENT, {"post": 1}, None,
    )  # fmt: skip


def test_a_rolled_back_cause_notifies_nobody(user):
    def cause_that_fails():
        with transaction.atomic():
            notify(user)
            raise RuntimeError

    with pytest.raises(RuntimeError):
        cause_that_fails()
    assert not Notification.objects.exists()


def test_a_withdrawn_recipient_is_told_nothing_and_long_messages_are_cut(user, make_user):
    gone = make_user(is_active=False)
    notify(gone)
    notify(user, message="가" * 500)
    assert [(n.recipient_id, len(n.message)) for n in Notification.objects.all()] == [(user.pk, 200)]


def test_only_the_recipient_marks_their_own_read(user, make_user):
    other = make_user()
    for person in (user, user, other):
        notify(person)
    mine = list(Notification.objects.filter(recipient=user).order_by("id").values_list("pk", flat=True))
    theirs = Notification.objects.get(recipient=other).pk
    assert services.notification_mark_read(user=user, ids=[mine[0], theirs]) == 1
    assert services.notification_mark_read(user=other, everything=True) == 1
    assert services.notification_mark_read(user=user, everything=True) == 1
    read = dict(Notification.objects.values_list("pk", "read_at"))
    assert all(read[pk] is not None for pk in [*mine, theirs])


def test_a_snippet_folds_whitespace_and_cuts_at_forty():
    assert services.snippet("  줄바꿈\n\n있는   글 ") == "줄바꿈 있는 글"
    assert services.snippet("가" * 41) == "가" * 40 + "…"
