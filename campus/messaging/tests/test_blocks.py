"""Blocking belongs to the conversation. It must never tell anyone who wrote anonymous content,
and the blocked side must not be able to tell it was blocked (see docs/decisions.md)."""

import pytest

from campus.boards.tests.factories import CommentFactory, PostFactory
from campus.messaging.models import Message
from campus.notifications.models import Notification

pytestmark = pytest.mark.django_db

CONVERSATIONS = "/api/v1/conversations/"


def start(person, **body):
    return person.client.post(CONVERSATIONS, body, format="json")


def send(person, conversation_id, content):
    return person.client.post(
        f"{CONVERSATIONS}{conversation_id}/messages/", {"content": content}, format="json"
    )


def block(person, conversation_id):
    res = person.client.post(f"{CONVERSATIONS}{conversation_id}/block/")
    assert res.status_code == 200
    return res.json()


def summary(person, conversation_id):
    return person.client.get(f"{CONVERSATIONS}{conversation_id}/").json()


def shape(body: dict) -> dict:
    """A response with what differs between any two conversations (ids, times, titles) blanked."""
    volatile = {"id", "created_at", "updated_at", "read_at", "post", "comment", "post_title"}
    if isinstance(body, dict):
        return {key: (None if key in volatile else shape(value)) for key, value in body.items()}
    return body


@pytest.fixture
def people(make_user):
    a = make_user(username="alice_a", nickname="앨리스")
    b = make_user(username="bobby_b", nickname="밥")
    c = make_user(username="carol_c", nickname="캐럴")
    return a, b, c


def test_blocking_a_named_conversation_leaves_the_anonymous_one_with_the_same_person_alone(
    people, board, django_capture_on_commit_callbacks
):
    a, b, _ = people
    anonymous = start(
        a, post=PostFactory(board=board, author=b, is_anonymous=True).id, content="익명글 보고"
    ).json()
    named = start(
        a, post=PostFactory(board=board, author=b, is_anonymous=False).id, content="실명글 보고"
    ).json()
    assert block(a, named["id"]) == {"is_blocked": True}

    assert summary(a, named["id"])["is_blocked"] is True
    assert summary(a, anonymous["id"])["is_blocked"] is False
    listed = {item["id"]: item["is_blocked"] for item in a.client.get(CONVERSATIONS).json()["results"]}
    assert listed == {named["id"]: True, anonymous["id"]: False}
    with django_capture_on_commit_callbacks(execute=True):
        assert send(a, anonymous["id"], "계속 얘기해요").status_code == 201
        assert send(b, anonymous["id"], "네").status_code == 201
    assert [
        m["content"] for m in a.client.get(f"{CONVERSATIONS}{anonymous['id']}/messages/").json()["results"]
    ] == [
        "네",
        "계속 얘기해요",
        "익명글 보고",
    ]


@pytest.mark.parametrize("blocker", ["author", "other"])
@pytest.mark.parametrize("origin", ["post", "comment"])
def test_after_a_block_a_new_message_to_their_anonymous_content_answers_as_to_anyone_elses(
    people, board, blocker, origin, django_capture_on_commit_callbacks
):
    a, b, c = people
    # a and b block each other through a named conversation (either side blocking).
    named = start(a, post=PostFactory(board=board, author=b, is_anonymous=False).id, content="hi").json()
    block(b if blocker == "author" else a, named["id"])

    def anonymous_origin(author):
        post = PostFactory(board=board, author=author, is_anonymous=True, title="같은 제목")
        return post if origin == "post" else CommentFactory(post=post, author=author, is_anonymous=True)

    with django_capture_on_commit_callbacks(execute=True):
        to_b = start(a, **{origin: anonymous_origin(b).id, "content": "질문 있어요"})
        to_c = start(a, **{origin: anonymous_origin(c).id, "content": "질문 있어요"})
    assert (to_b.status_code, to_c.status_code) == (201, 201)
    assert shape(to_b.json()) == shape(to_c.json())
    # Both reach their recipient the same way: listed, unread, notified.
    for recipient, conversation in ((b, to_b.json()), (c, to_c.json())):
        mine = summary(recipient, conversation["id"])
        assert (mine["unread_count"], mine["last_message"]["content"], mine["is_blocked"]) == (
            1,
            "질문 있어요",
            False,
        )
        assert (
            Notification.objects.filter(
                recipient=recipient, target={"conversation": conversation["id"]}
            ).count()
            == 1
        )


def test_the_blocked_side_cannot_tell_and_the_blocker_never_receives(
    people, board, django_capture_on_commit_callbacks
):
    a, b, _ = people
    post = PostFactory(board=board, author=b, is_anonymous=True)
    with django_capture_on_commit_callbacks(execute=True):
        conversation = start(a, post=post.id, content="처음").json()["id"]
    before = {"a": summary(a, conversation), "b": summary(b, conversation)}
    b.client.get(f"{CONVERSATIONS}{conversation}/messages/")  # b reads "처음"
    block(b, conversation)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        sent = send(a, conversation, "왜 답이 없어요")
    assert sent.status_code == 201
    expected = {"id": None, "content": "왜 답이 없어요", "is_mine": True, "created_at": None, "read_at": None}
    assert shape(sent.json()) == expected
    assert callbacks == []  # no notification is written for the blocker

    # The sender's side looks exactly as if it had been delivered and not yet read.
    a_view = summary(a, conversation)
    assert (a_view["is_blocked"], a_view["last_message"]["content"], a_view["unread_count"]) == (
        False,
        "왜 답이 없어요",
        0,
    )
    assert a_view["counterpart"] == before["a"]["counterpart"] == {"nickname": "익명"}
    # The blocker sees nothing of it, even after opening the thread …
    b_messages = b.client.get(f"{CONVERSATIONS}{conversation}/messages/").json()["results"]
    assert [m["content"] for m in b_messages] == ["처음"]
    b_view = summary(b, conversation)
    assert (b_view["unread_count"], b_view["last_message"]["content"], b_view["is_blocked"]) == (
        0,
        "처음",
        True,
    )
    assert b.client.get("/api/v1/notifications/unread-count/").json()["count"] == 1  # only the first 쪽지
    assert Notification.objects.filter(recipient=b).count() == 1
    # … and so the message never shows as read to its sender.
    a_messages = a.client.get(f"{CONVERSATIONS}{conversation}/messages/").json()["results"]
    assert [(m["content"], m["read_at"] is None) for m in a_messages] == [
        ("왜 답이 없어요", True),
        ("처음", False),
    ]
    # Starting again from the same post lands in the same blocked conversation, just as quietly.
    again = start(a, post=post.id, content="다시")
    assert (again.status_code, again.json()["id"]) == (201, conversation)
    assert [
        m["content"] for m in b.client.get(f"{CONVERSATIONS}{conversation}/messages/").json()["results"]
    ] == ["처음"]
    assert Message.objects.filter(conversation_id=conversation, withheld=True).count() == 2


def test_the_blocker_may_not_write_into_what_they_blocked_until_they_unblock(people, board):
    a, b, _ = people
    conversation = start(a, post=PostFactory(board=board, author=b).id, content="hi").json()["id"]
    block(b, conversation)
    refused = send(b, conversation, "차단했지만")
    assert refused.status_code == 403
    assert refused.json()["code"] == "permission_denied"
    assert Message.objects.filter(conversation_id=conversation).count() == 1

    unblocked = b.client.delete(f"{CONVERSATIONS}{conversation}/block/")
    assert (unblocked.status_code, unblocked.json()) == (200, {"is_blocked": False})
    assert send(b, conversation, "풀었어요").status_code == 201
    assert send(a, conversation, "네").status_code == 201
    contents = [
        m["content"] for m in b.client.get(f"{CONVERSATIONS}{conversation}/messages/").json()["results"]
    ]
    assert contents == ["네", "풀었어요", "hi"]


def test_a_hidden_blocked_conversation_stays_hidden_for_the_blocker(people, board):
    a, b, _ = people
    conversation = start(a, post=PostFactory(board=board, author=b).id, content="hi").json()["id"]
    block(b, conversation)
    assert b.client.delete(f"{CONVERSATIONS}{conversation}/").status_code == 204
    assert a.client.delete(f"{CONVERSATIONS}{conversation}/").status_code == 204
    assert send(a, conversation, "돌아와").status_code == 201
    assert [c["id"] for c in a.client.get(CONVERSATIONS).json()["results"]] == [conversation]
    assert b.client.get(CONVERSATIONS).json()["results"] == []


def test_blocking_is_idempotent_and_only_for_participants(people, board, make_user):
    a, b, _ = people
    conversation = start(a, post=PostFactory(board=board, author=b).id, content="hi").json()["id"]
    assert block(b, conversation) == block(b, conversation) == {"is_blocked": True}
    outsider = make_user()
    assert outsider.client.post(f"{CONVERSATIONS}{conversation}/block/").status_code == 404
    assert outsider.client.delete(f"{CONVERSATIONS}{conversation}/block/").status_code == 404
    assert summary(a, conversation)["is_blocked"] is False
