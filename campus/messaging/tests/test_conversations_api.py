import json

import pytest

from campus.boards.tests.factories import CommentFactory, PostFactory
from campus.messaging.models import Conversation, Message
from campus.notifications.models import Notification

pytestmark = pytest.mark.django_db

CONVERSATIONS = "/api/v1/conversations/"


def start(person, **body):
    return person.client.post(CONVERSATIONS, body, format="json")


def ids(res):
    return [item["id"] for item in res.json()["results"]]


@pytest.fixture
def pair(make_user, board):
    writer = make_user(username="writer_one", nickname="글쓴사람")
    reader = make_user(username="reader_two", nickname="읽은사람")
    return writer, reader


def test_start_from_named_post_shows_nicknames(pair, board, django_capture_on_commit_callbacks):
    writer, reader = pair
    post = PostFactory(board=board, author=writer, title="자전거 팝니다", is_anonymous=False)
    with django_capture_on_commit_callbacks(execute=True):
        res = start(reader, post=post.id, content="아직 있나요?")
    assert res.status_code == 201
    data = res.json()
    assert data["counterpart"] == {"nickname": "글쓴사람"}
    assert data["origin"]["board"] == board.name
    assert data["origin"]["post_title"] == "자전거 팝니다"
    assert data["last_message"]["content"] == "아직 있나요?"
    assert data["last_message"]["is_mine"] is True
    assert data["unread_count"] == 0
    theirs = writer.client.get(CONVERSATIONS).json()["results"]
    assert theirs[0]["counterpart"] == {"nickname": "읽은사람"}
    assert theirs[0]["unread_count"] == 1
    note = Notification.objects.get(recipient=writer)
    assert (note.kind, note.target) == ("message", {"conversation": data["id"]})
    assert "읽은사람" not in note.message


@pytest.mark.parametrize("origin", ["post", "comment"])
def test_anonymous_origin_keeps_both_sides_anonymous(pair, board, origin, django_capture_on_commit_callbacks):
    writer, reader = pair
    post = PostFactory(board=board, author=writer, is_anonymous=True)
    target = post if origin == "post" else CommentFactory(post=post, author=writer, is_anonymous=True)
    with django_capture_on_commit_callbacks(execute=True):
        res = start(reader, **{origin: target.id, "content": "안녕하세요"})
        conversation = res.json()["id"]
        writer.client.post(
            f"{CONVERSATIONS}{conversation}/messages/", {"content": "네 안녕하세요"}, format="json"
        )
    secrets = {
        writer: [str(writer.id), writer.username, writer.nickname],
        reader: [str(reader.id), reader.username, reader.nickname],
    }
    for me, other in ((reader, writer), (writer, reader)):
        responses = [
            me.client.get(CONVERSATIONS),
            me.client.get(f"{CONVERSATIONS}{conversation}/"),
            me.client.get(f"{CONVERSATIONS}{conversation}/messages/"),
            me.client.get("/api/v1/notifications/"),
            me.client.post(f"{CONVERSATIONS}{conversation}/messages/", {"content": ""}, format="json"),
        ]
        assert responses[0].json()["results"][0]["counterpart"] == {"nickname": "익명"}
        for response in responses:
            body = json.dumps(response.json(), ensure_ascii=False)
            for secret in secrets[other]:
                assert secret not in body
    assert Notification.objects.filter(kind="message").count() == 2


def test_second_start_from_same_origin_reuses_conversation(pair, board):
    writer, reader = pair
    post = PostFactory(board=board, author=writer)
    first = start(reader, post=post.id, content="1").json()["id"]
    second = start(reader, post=post.id, content="2")
    assert second.status_code == 201
    assert second.json()["id"] == first
    assert second.json()["last_message"]["content"] == "2"
    comment = CommentFactory(post=post, author=writer)
    other = start(reader, comment=comment.id, content="댓글에서").json()["id"]
    assert other != first
    assert Conversation.objects.count() == 2
    assert Message.objects.count() == 3


def test_messages_newest_first_and_marked_read(pair, board):
    writer, reader = pair
    post = PostFactory(board=board, author=writer)
    conversation = start(reader, post=post.id, content="첫째").json()["id"]
    url = f"{CONVERSATIONS}{conversation}/messages/"
    reader.client.post(url, {"content": "둘째"}, format="json")
    sent = writer.client.post(url, {"content": "답장"}, format="json")
    assert sent.status_code == 201
    assert sent.json()["is_mine"] is True
    assert reader.client.get(CONVERSATIONS).json()["results"][0]["unread_count"] == 1
    res = writer.client.get(url)
    assert [m["content"] for m in res.json()["results"]] == ["답장", "둘째", "첫째"]
    assert Message.objects.filter(sender=reader, read_at__isnull=True).count() == 0
    assert Message.objects.get(content="답장").read_at is None  # my own stay as they were
    assert writer.client.get(CONVERSATIONS).json()["results"][0]["unread_count"] == 0


def test_list_is_most_recent_activity_first(pair, board, make_user):
    writer, reader = pair
    a = start(reader, post=PostFactory(board=board, author=writer).id, content="a").json()["id"]
    b = start(reader, post=PostFactory(board=board, author=writer).id, content="b").json()["id"]
    assert ids(reader.client.get(CONVERSATIONS)) == [b, a]
    reader.client.post(f"{CONVERSATIONS}{a}/messages/", {"content": "again"}, format="json")
    assert ids(reader.client.get(CONVERSATIONS)) == [a, b]


def test_hide_is_for_me_only_and_new_message_brings_it_back(pair, board):
    writer, reader = pair
    conversation = start(reader, post=PostFactory(board=board, author=writer).id, content="hi").json()["id"]
    assert reader.client.delete(f"{CONVERSATIONS}{conversation}/").status_code == 204
    assert ids(reader.client.get(CONVERSATIONS)) == []
    hidden = reader.client.get(f"{CONVERSATIONS}{conversation}/")
    assert (hidden.status_code, hidden.json()["last_message"]["content"]) == (200, "hi")
    assert ids(writer.client.get(CONVERSATIONS)) == [conversation]
    writer.client.post(f"{CONVERSATIONS}{conversation}/messages/", {"content": "돌아와"}, format="json")
    assert ids(reader.client.get(CONVERSATIONS)) == [conversation]


def test_only_participants_see_a_conversation(pair, board, make_user):
    writer, reader = pair
    conversation = start(reader, post=PostFactory(board=board, author=writer).id, content="hi").json()["id"]
    outsider = make_user()
    for call in (
        lambda c: c.get(f"{CONVERSATIONS}{conversation}/"),
        lambda c: c.get(f"{CONVERSATIONS}{conversation}/messages/"),
        lambda c: c.post(f"{CONVERSATIONS}{conversation}/messages/", {"content": "끼어들기"}, format="json"),
        lambda c: c.delete(f"{CONVERSATIONS}{conversation}/"),
        lambda c: c.post(f"{CONVERSATIONS}{conversation}/block/"),
    ):
        assert call(outsider.client).status_code == 404
    assert Message.objects.count() == 1
    assert outsider.client.get(CONVERSATIONS).json()["results"] == []


@pytest.mark.parametrize(
    "body",
    [
        {"content": "x"},
        {"post": 1, "comment": 1, "content": "x"},
        {"post": "abc", "content": "x"},
        {"post": 1, "content": ""},
        {"post": 1, "content": "x" * 1001},
        {"post": 1, "content": ["x"]},
    ],
)
def test_bad_start_input_is_400(pair, board, body):
    writer, reader = pair
    PostFactory(board=board, author=writer)
    res = start(reader, **body)
    assert res.status_code == 400
    assert Conversation.objects.count() == 0


def test_refusals(pair, board, other_school, make_user):
    writer, reader = pair
    own = PostFactory(board=board, author=reader)
    res = start(reader, post=own.id, content="나에게")
    assert res.status_code == 400
    foreign = PostFactory(board__school=other_school)
    assert start(reader, post=foreign.id, content="x").status_code == 404
    deleted = PostFactory(board=board, author=writer, is_deleted=True)
    assert start(reader, post=deleted.id, content="x").status_code == 404
    hidden = PostFactory(board=board, author=writer, hidden_at="2026-01-01T00:00:00+09:00")
    assert start(reader, post=hidden.id, content="x").status_code == 404
    gone = make_user()
    gone_post = PostFactory(board=board, author=gone)
    gone.is_active = False
    gone.withdrawn_at = "2026-01-01T00:00:00+09:00"
    gone.save()
    assert start(reader, post=gone_post.id, content="x").status_code == 400
    assert Conversation.objects.count() == 0


def test_sending_is_throttled(pair, board, settings):
    writer, reader = pair
    settings.MESSAGE_RATE = "3/minute"
    conversation = start(reader, post=PostFactory(board=board, author=writer).id, content="0").json()["id"]
    answers = [
        reader.client.post(f"{CONVERSATIONS}{conversation}/messages/", {"content": str(i)}, format="json")
        for i in range(3)
    ]
    reading = reader.client.get(f"{CONVERSATIONS}{conversation}/messages/").status_code
    assert [answer.status_code for answer in answers] == [201, 201, 429]
    assert answers[2].json()["code"] == "throttled"
    assert 1 <= int(answers[2]["Retry-After"]) <= 60
    assert reading == 200
    assert Message.objects.count() == 3
    # The other side has a rate of its own.
    back = writer.client.post(f"{CONVERSATIONS}{conversation}/messages/", {"content": "re"}, format="json")
    assert back.status_code == 201


def test_query_budgets(pair, board, make_user, django_assert_max_num_queries):
    writer, reader = pair
    for _ in range(12):
        other = make_user()
        conversation = start(other, post=PostFactory(board=board, author=writer).id, content="hi").json()[
            "id"
        ]
        writer.client.post(f"{CONVERSATIONS}{conversation}/messages/", {"content": "re"}, format="json")
    with django_assert_max_num_queries(5):
        res = writer.client.get(f"{CONVERSATIONS}?page_size=50")
    assert len(res.json()["results"]) == 12
    assert all(c["last_message"]["content"] == "re" for c in res.json()["results"])
    with django_assert_max_num_queries(5):
        res = writer.client.get(f"{CONVERSATIONS}{conversation}/messages/?page_size=50")
    assert [m["content"] for m in res.json()["results"]] == ["re", "hi"]
