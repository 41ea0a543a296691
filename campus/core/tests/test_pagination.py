"""Keyset pagination: a forged cursor is a 400 on every list; walking the pages forwards and
backwards never skips or repeats a row, also where the ordering has ties or changes."""

import base64
import json

import pytest

from campus.boards.models import Post
from campus.boards.tests.factories import CommentFactory, PostFactory
from campus.messaging.models import Conversation, Message
from campus.notifications.models import Notification
from campus.timetables.tests.factories import LectureFactory

pytestmark = pytest.mark.django_db


def b64(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode()


FORGED = [
    # DRF-style positions of the kinds found from outside
    b64("o=0&r=0&p=abc"),
    b64("p=%00"),
    b64("p=1.5"),
    b64("p=2020-13-45"),
    # this paginator's own shape with positions of the wrong type or size
    b64(json.dumps({"p": ["abc"], "r": 0})),
    b64(json.dumps({"p": ["\u0000"], "r": 0})),
    b64(json.dumps({"p": [1.5], "r": 0})),
    b64(json.dumps({"p": ["2020-13-45T00:00:00+09:00", 1], "r": 0})),
    b64(json.dumps({"p": ["2020-01-01T00:00:00", 1], "r": 0})),  # naive time
    b64(json.dumps({"p": [99999999999999999999999], "r": 0})),
    b64(json.dumps({"p": [[1]], "r": 0})),
    b64(json.dumps({"p": [True], "r": 0})),
    b64(json.dumps({"p": [1], "r": 5})),
    b64(json.dumps({"p": "1"})),
    b64(json.dumps([1, 2])),
    "not base64 at all!!",
    "%00",
    "４２",
]


@pytest.fixture
def lists(make_user, board):
    """A student with something in every cursor-paginated list, and the lists' URLs."""
    me, other = make_user(), make_user()
    post = PostFactory(board=board, author=me)
    CommentFactory(post=post, author=me)
    conversation = Conversation.objects.create(
        starter=other, recipient=me, origin_post=post, is_anonymous=False, last_message_at=post.created_at
    )
    Message.objects.create(conversation=conversation, sender=other, content="hi")
    Notification.objects.create(recipient=me, kind="comment", message="m", target={"post": post.pk})
    lecture = LectureFactory(school=me.school)
    urls = [
        f"/api/v1/boards/{board.id}/posts/",
        "/api/v1/posts/?search=제목",
        "/api/v1/posts/hot/",
        "/api/v1/posts/best/?period=all",
        "/api/v1/me/posts/",
        "/api/v1/me/commented-posts/",
        "/api/v1/me/scraps/",
        "/api/v1/conversations/",
        f"/api/v1/conversations/{conversation.id}/messages/",
        "/api/v1/notifications/",
        "/api/v1/lectures/",
        f"/api/v1/lectures/{lecture.id}/reviews/",
    ]
    return me, urls


def test_a_forged_cursor_is_a_400_on_every_list(lists):
    me, urls = lists
    for url in urls:
        assert me.client.get(url).status_code == 200, url
        for cursor in FORGED:
            res = me.client.get(url, {"cursor": cursor})
            assert (res.status_code, res.json()) == (400, {"cursor": ["잘못된 커서입니다."]}), (url, cursor)


def walk(client, url, *, key="next"):
    """Every page from `url` on, following `key`; returns each page's ids."""
    pages = []
    while url:
        body = client.get(url).json()
        pages.append([row["id"] for row in body["results"]])
        url = body[key]
    return pages


def flat(pages: list[list[int]]) -> list[int]:
    return [row for page in pages for row in page]


def test_best_pages_forwards_and_backwards_through_ties_without_skipping(make_user, board):
    me = make_user()
    posts = [PostFactory(board=board) for _ in range(23)]
    for index, post in enumerate(posts):  # like counts 0,1,2 repeating: long runs of ties
        Post.objects.filter(pk=post.pk).update(like_count=index % 3 + 1)
    expected = [p.pk for p in sorted(posts, key=lambda p: (-(posts.index(p) % 3 + 1), -p.pk))]

    pages = walk(me.client, "/api/v1/posts/best/?period=all&page_size=5")
    assert [len(page) for page in pages] == [5, 5, 5, 5, 3]
    assert flat(pages) == expected

    last = me.client.get("/api/v1/posts/best/?period=all&page_size=5")
    for _ in range(4):
        last = me.client.get(last.json()["next"])
    assert last.json()["next"] is None
    back = walk(me.client, last.json()["previous"], key="previous")
    assert back == pages[-2::-1]
    first = me.client.get("/api/v1/posts/best/?period=all&page_size=5").json()
    assert first["previous"] is None


def test_best_keeps_unchanged_rows_when_counts_change_while_paging(make_user, board):
    me = make_user()
    posts = [PostFactory(board=board) for _ in range(12)]
    for index, post in enumerate(posts):
        Post.objects.filter(pk=post.pk).update(like_count=10 + index)  # newest post has most likes
    first = me.client.get("/api/v1/posts/best/?period=all&page_size=4").json()
    seen = [row["id"] for row in first["results"]]
    assert seen == [p.pk for p in posts[::-1][:4]]
    # Meanwhile the post at the top of page 1 drops to the bottom, and one on page 3 jumps up.
    Post.objects.filter(pk=posts[-1].pk).update(like_count=0)
    Post.objects.filter(pk=posts[0].pk).update(like_count=100)
    rest = flat(walk(me.client, first["next"]))
    unchanged = {p.pk for p in posts[1:-1]}
    assert sorted(pk for pk in seen + rest if pk in unchanged) == sorted(unchanged)  # none lost, none twice


def test_conversation_list_pages_by_activity_without_repeats(make_user, board):
    me = make_user()
    post = PostFactory(board=board, author=me)
    others = [make_user() for _ in range(7)]
    at = post.created_at
    for other in others:  # all at the same moment: the id breaks the tie
        Conversation.objects.create(starter=other, recipient=me, origin_post=post, is_anonymous=False,
                                    last_message_at=at)  # fmt: skip
    pages = walk(me.client, "/api/v1/conversations/?page_size=3")
    ids = flat(pages)
    assert [len(page) for page in pages] == [3, 3, 1]
    assert ids == sorted(ids, reverse=True)
    assert len(set(ids)) == 7


@pytest.mark.parametrize(("size", "expected"), [("0", 20), ("-3", 20), ("abc", 20), ("500", 100), ("7", 7)])
def test_page_size_is_capped_and_bad_values_fall_back(make_user, board, size, expected):
    me = make_user()
    Post.objects.bulk_create(
        [Post(board=board, school=board.school, author=me, title=f"t{i}", content="c") for i in range(120)]
    )
    res = me.client.get(f"/api/v1/boards/{board.id}/posts/", {"page_size": size})
    assert len(res.json()["results"]) == expected
