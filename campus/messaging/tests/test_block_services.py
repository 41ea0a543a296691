"""Blocks as services: one conversation's flag, messages withheld from the blocker only."""

import pytest

from campus.accounts.tests.factories import UserFactory
from campus.boards.tests.factories import PostFactory
from campus.core.errors import ApplicationError
from campus.messaging import selectors, services
from campus.messaging.models import Conversation

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_conversations():
    writer = UserFactory()
    reader = UserFactory(school=writer.school)
    anonymous = PostFactory(author=writer, is_anonymous=True)
    named = PostFactory(author=writer, is_anonymous=False, board=anonymous.board)
    first, _ = services.conversation_start(sender=reader, content="익명글", post=anonymous)
    second, _ = services.conversation_start(sender=reader, content="실명글", post=named)
    return writer, reader, first, second


def test_a_block_sets_only_the_blockers_flag_on_one_conversation(two_conversations):
    writer, reader, first, second = two_conversations
    assert services.conversation_block_set(conversation=second, user=writer, blocked=True) is True
    flags = dict(Conversation.objects.values_list("pk", "recipient_blocked"))
    assert flags == {first.pk: False, second.pk: True}
    assert not Conversation.objects.filter(starter_blocked=True).exists()
    second.refresh_from_db()
    assert (second.blocked_by(writer.pk), second.blocked_by(reader.pk)) == (True, False)


def test_messages_into_a_blocked_conversation_are_withheld_from_the_blocker_only(two_conversations):
    writer, reader, first, second = two_conversations
    services.conversation_block_set(conversation=first, user=writer, blocked=True)
    message = services.message_send(conversation=first, sender=reader, content="여보세요")
    assert message.withheld is True
    assert [m.content for m in selectors.message_list_for(viewer=reader, conversation=first)] == [
        "여보세요",
        "익명글",
    ]
    assert [m.content for m in selectors.message_list_for(viewer=writer, conversation=first)] == ["익명글"]
    assert services.conversation_mark_read(conversation=first, reader=writer) == 1  # only "익명글"
    message.refresh_from_db()
    assert message.read_at is None
    # The other conversation with the same person is untouched.
    assert services.message_send(conversation=second, sender=reader, content="이건 가요").withheld is False


def test_the_blocker_cannot_send_until_unblocking(two_conversations):
    writer, _, first, _ = two_conversations
    services.conversation_block_set(conversation=first, user=writer, blocked=True)
    with pytest.raises(ApplicationError) as refused:
        services.message_send(conversation=first, sender=writer, content="차단 중")
    assert (refused.value.status, refused.value.code) == (403, "permission_denied")
    services.conversation_block_set(conversation=first, user=writer, blocked=False)
    assert services.message_send(conversation=first, sender=writer, content="해제").withheld is False
