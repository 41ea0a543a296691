"""`Idempotency-Key` on the create endpoints: a retry after a lost response gets the first answer,
never a second post, comment or 쪽지."""

import pytest
from rest_framework.test import APIClient

from campus.accounts.services import tokens_for
from campus.accounts.tests.factories import UserFactory
from campus.boards.models import Comment, Post
from campus.boards.tests.factories import BoardFactory, PostFactory
from campus.core.models import IdempotencyKey
from campus.core.tests.helpers import run_concurrently
from campus.messaging.models import Message

pytestmark = pytest.mark.django_db


def create(client, url, body, key, **kwargs):
    return client.post(url, body, format=kwargs.pop("format", "json"), HTTP_IDEMPOTENCY_KEY=key, **kwargs)


def test_a_retried_post_is_written_once_and_answered_with_the_first_result(make_user, board):
    me = make_user()
    url = f"/api/v1/boards/{board.id}/posts/"
    first = create(me.client, url, {"title": "시험 범위", "content": "어디까지?"}, "post-2026-11-24-a")
    retry = create(me.client, url, {"title": "시험 범위", "content": "어디까지?"}, "post-2026-11-24-a")
    assert (first.status_code, retry.status_code) == (201, 201)
    assert retry.json() == first.json()
    assert retry["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first
    assert Post.objects.count() == 1
    # A new key is a new post.
    assert create(me.client, url, {"title": "시험 범위", "content": "어디까지?"}, "post-b").status_code == 201
    assert Post.objects.count() == 2


def test_the_same_key_for_a_different_request_is_a_422_and_writes_nothing(make_user, board):
    me = make_user()
    url = f"/api/v1/boards/{board.id}/posts/"
    create(me.client, url, {"title": "하나", "content": "c"}, "k1")
    other = create(me.client, url, {"title": "둘", "content": "c"}, "k1")
    assert (other.status_code, other.json()["code"]) == (422, "idempotency_key_reused")
    other_board = BoardFactory(school=board.school)
    elsewhere = create(
        me.client, f"/api/v1/boards/{other_board.id}/posts/", {"title": "하나", "content": "c"}, "k1"
    )
    assert elsewhere.status_code == 422
    assert list(Post.objects.values_list("title", flat=True)) == ["하나"]


def test_keys_belong_to_their_user(make_user, board):
    me, you = make_user(), make_user()
    url = f"/api/v1/boards/{board.id}/posts/"
    assert create(me.client, url, {"title": "t", "content": "c"}, "same").status_code == 201
    mine_again = create(you.client, url, {"title": "t", "content": "c"}, "same")
    assert mine_again.status_code == 201 and "Idempotent-Replayed" not in mine_again
    assert sorted(Post.objects.values_list("author_id", flat=True)) == sorted([me.id, you.id])


def test_a_refused_request_is_not_remembered(make_user, board):
    me = make_user()
    url = f"/api/v1/boards/{board.id}/posts/"
    refused = create(me.client, url, {"title": "", "content": "c"}, "fix-and-retry")
    assert refused.status_code == 400
    assert IdempotencyKey.objects.count() == 0
    assert create(me.client, url, {"title": "고침", "content": "c"}, "fix-and-retry").status_code == 201


@pytest.mark.parametrize("key", ["", "x" * 256, "공백 있는 키", "tab\tkey"])
def test_a_malformed_key_is_a_400(make_user, board, key):
    me = make_user()
    res = create(me.client, f"/api/v1/boards/{board.id}/posts/", {"title": "t", "content": "c"}, key)
    assert res.status_code == 400
    assert Post.objects.count() == 0


def test_comments_and_messages_are_idempotent_too(make_user, board):
    me, author = make_user(), make_user()
    post = PostFactory(board=board, author=author, is_anonymous=True)
    for _ in range(2):
        comment = create(me.client, f"/api/v1/posts/{post.id}/comments/", {"content": "저요"}, "comment-1")
        started = create(me.client, "/api/v1/conversations/", {"post": post.id, "content": "안녕"}, "dm-1")
        reply = create(
            me.client, f"/api/v1/conversations/{started.json()['id']}/messages/", {"content": "또"}, "dm-2"
        )
        assert (comment.status_code, started.status_code, reply.status_code) == (201, 201, 201)
    assert Comment.objects.count() == 1
    assert list(Message.objects.order_by("id").values_list("content", flat=True)) == ["안녕", "또"]
    post.refresh_from_db()
    assert post.comment_count == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_retries_with_one_key_write_once():
    board = BoardFactory()
    me = UserFactory(school=board.school)
    answers = []

    def send():
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens_for(me)['access']}")
        res = create(client, f"/api/v1/boards/{board.id}/posts/", {"title": "동시", "content": "c"}, "race")
        answers.append((res.status_code, res.json()["id"]))

    errors = run_concurrently(send, [() for _ in range(4)])
    assert errors == []
    assert Post.objects.count() == 1
    assert answers == [(201, Post.objects.get().id)] * 4
