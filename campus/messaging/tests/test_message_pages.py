"""쪽지 pages through Django's test client: list, thread, 보내기, 차단, 나가기, who sees what."""

import pytest

from campus.boards.tests.factories import PostFactory
from campus.messaging import services
from campus.messaging.models import Message

pytestmark = pytest.mark.django_db


@pytest.fixture
def talk(make_user, board):
    writer = make_user(username="anon_writer", nickname="작성자닉")
    reader = make_user(username="curious_one", nickname="궁금닉")
    post = PostFactory(board=board, author=writer, is_anonymous=True, title="익명 글")
    conversation, _ = services.conversation_start(sender=reader, content="안녕하세요", post=post)
    return writer, reader, conversation


def test_both_sides_see_anonymous_and_nothing_more(client, talk, django_assert_max_num_queries):
    writer, reader, conversation = talk
    for me, other in ((writer, reader), (reader, writer)):
        client.force_login(me)
        with django_assert_max_num_queries(8):
            listing = client.get("/messages/").content.decode()
        thread = client.get(f"/messages/{conversation.id}/").content.decode()
        assert '<strong class="post-title">익명' in listing and "<h1>익명</h1>" in thread
        for trace in (other.username, other.nickname, str(other.id), other.id.hex):
            assert trace not in listing and trace not in thread


def test_reading_the_thread_marks_it_read_and_sending_adds_a_message(
    client, talk, django_assert_max_num_queries
):
    writer, reader, conversation = talk
    for n in range(30):
        services.message_send(conversation=conversation, sender=reader, content=f"추가 {n}")
    client.force_login(writer)
    with django_assert_max_num_queries(6):  # session, user, conversation, mark read, messages, badge
        assert "추가 29" in client.get(f"/messages/{conversation.id}/").content.decode()
    Message.objects.filter(content__startswith="추가").delete()
    Message.objects.filter(conversation=conversation).update(read_at=None)
    assert 'aria-label="읽지 않은 쪽지 1개"' in client.get("/messages/").content.decode()
    assert "안녕하세요" in client.get(f"/messages/{conversation.id}/").content.decode()
    assert 'aria-label="읽지 않은 쪽지' not in client.get("/messages/").content.decode()
    res = client.post(f"/messages/{conversation.id}/", {"content": "네 안녕하세요"})
    assert (res.status_code, res["Location"]) == (302, f"/messages/{conversation.id}/")
    assert list(Message.objects.order_by("id").values_list("content", flat=True)) == [
        "안녕하세요",
        "네 안녕하세요",
    ]
    empty = client.post(f"/messages/{conversation.id}/", {"content": ""})
    assert empty.status_code == 400 and Message.objects.count() == 2


def test_the_thread_and_the_api_share_one_rate(client, talk, settings):
    """The 쪽지 rate is the service's: sends from a page and from the API count together, and a
    page refused by it says so next to the field and writes nothing."""
    writer, reader, conversation = talk
    settings.MESSAGE_RATE = "3/minute"
    client.force_login(writer)
    thread = f"/messages/{conversation.id}/"
    api = f"/api/v1/conversations/{conversation.id}/messages/"
    first = client.post(thread, {"content": "하나"})
    second = writer.client.post(api, {"content": "둘"}, format="json")
    third = client.post(thread, {"content": "셋"})
    fourth = client.post(thread, {"content": "넷"})
    fifth = writer.client.post(api, {"content": "다섯"}, format="json")
    assert [first.status_code, second.status_code, third.status_code] == [302, 201, 302]
    assert fourth.status_code == 400
    assert "쪽지를 너무 자주 보냈습니다." in fourth.content.decode()
    assert (fifth.status_code, fifth.json()["code"]) == (429, "throttled")
    sent = Message.objects.filter(sender=writer).order_by("id").values_list("content", flat=True)
    assert list(sent) == ["하나", "둘", "셋"]


def test_a_new_conversation_from_a_post_counts_against_the_rate(client, talk, board, settings):
    writer, reader, conversation = talk
    settings.MESSAGE_RATE = "2/minute"  # the fixture's first 쪽지 was one
    post = PostFactory(board=board, author=writer, title="또 다른 글")
    client.force_login(reader)
    assert client.post(f"/posts/{post.id}/message/", {"content": "처음"}).status_code == 302
    refused = client.post(f"/posts/{post.id}/message/", {"content": "또"}, follow=True)
    assert "쪽지를 너무 자주 보냈습니다." in refused.content.decode()
    assert list(Message.objects.filter(sender=reader).values_list("content", flat=True)) == [
        "안녕하세요",
        "처음",
    ]


def test_block_and_leave(client, talk):
    writer, reader, conversation = talk
    client.force_login(writer)
    client.post(f"/messages/{conversation.id}/block/", {"blocked": "1"})
    page = client.get(f"/messages/{conversation.id}/").content.decode()
    assert 'aria-pressed="true">차단' in page
    refused = client.post(f"/messages/{conversation.id}/", {"content": "차단 중"})
    assert refused.status_code == 400 and "차단한 대화입니다" in refused.content.decode()
    client.post(f"/messages/{conversation.id}/leave/")
    assert f"/messages/{conversation.id}/" not in client.get("/messages/").content.decode()


def test_someone_elses_conversation_is_a_404_page(client, talk, make_user):
    _, _, conversation = talk
    client.force_login(make_user())
    assert client.get(f"/messages/{conversation.id}/").status_code == 404
    assert client.post(f"/messages/{conversation.id}/", {"content": "끼어들기"}).status_code == 404
    assert Message.objects.count() == 1
