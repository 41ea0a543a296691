"""Query budgets: constant whatever the page size and however much content there is."""

import pytest
from django.db import connection

from campus.boards.models import Comment, PostImage, PostLike, Scrap
from campus.boards.tests.factories import BoardFactory, CommentFactory, PostFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy_board(board, make_user):
    people = [make_user() for _ in range(4)]
    posts = PostFactory.create_batch(25, board=board, author=people[0], is_anonymous=True)
    for post in posts:
        for order in range(3):
            PostImage.objects.create(
                post=post, image=f"posts/x/{post.id}-{order}.png", width=1, height=1, order=order
            )
        for person in people[1:]:
            PostLike.objects.create(post=post, user=person)
            Scrap.objects.create(post=post, user=person)
        top = CommentFactory(post=post, author=people[1], is_anonymous=True, anonymous_number=1)
        CommentFactory(post=post, author=people[2], parent=top)
    return board, people, posts


def test_board_feed(busy_board, django_assert_num_queries):
    board, people, posts = busy_board
    # The viewer, the posts with their board and author, the images, the viewer's flags.
    with django_assert_num_queries(4):
        res = people[1].client.get(f"/api/v1/boards/{board.id}/posts/?page_size=25")
    assert [p["id"] for p in res.json()["results"]] == [p.id for p in reversed(posts)]
    assert all(len(p["images"]) == 3 and p["is_liked"] and p["is_scrapped"] for p in res.json()["results"])


def test_a_page_without_images_does_not_look_for_them(board, make_user, django_assert_num_queries):
    me = make_user()
    posts = PostFactory.create_batch(5, board=board)
    PostImage.objects.create(post=posts[0], image="posts/x/only.png", width=1, height=1)
    with django_assert_num_queries(3):  # the viewer, the posts (which say whether they have images), flags
        res = me.client.get(f"/api/v1/boards/{board.id}/posts/?page_size=4")
    assert [p["images"] for p in res.json()["results"]] == [[], [], [], []]
    with django_assert_num_queries(3):  # the viewer kept; the posts, the one image, flags
        res = me.client.get(res.json()["next"])
    assert [len(p["images"]) for p in res.json()["results"]] == [1]


def test_an_empty_page_asks_whether_the_board_exists(
    board, make_user, other_school, django_assert_num_queries
):
    me = make_user()
    with django_assert_num_queries(3):  # the viewer, no posts, the board
        res = me.client.get(f"/api/v1/boards/{board.id}/posts/")
    assert (res.status_code, res.json()["results"]) == (200, [])
    theirs = BoardFactory(school=other_school)
    PostFactory(board=theirs)
    assert me.client.get(f"/api/v1/boards/{theirs.id}/posts/").status_code == 404
    assert me.client.get("/api/v1/boards/999999/posts/").status_code == 404


def test_post_detail(busy_board, django_assert_num_queries):
    board, people, posts = busy_board
    with django_assert_num_queries(4):  # the viewer, the post with its board and author, images, flags
        res = people[1].client.get(f"/api/v1/posts/{posts[0].id}/")
    row = res.json()
    assert (row["id"], row["title"], len(row["images"])) == (posts[0].id, posts[0].title, 3)
    assert (row["is_liked"], row["is_scrapped"], row["is_mine"]) == (True, True, False)
    assert row["author"] == {"nickname": "익명", "is_anonymous": True, "is_post_author": True}


def test_comment_tree(busy_board, django_assert_num_queries):
    board, people, posts = busy_board
    post = posts[0]
    for i in range(30):
        top = CommentFactory(post=post, author=people[i % 4], is_anonymous=bool(i % 2))
        CommentFactory(post=post, author=people[(i + 1) % 4], parent=top)
    with django_assert_num_queries(4):  # the viewer, the post, its comments with their authors, flags
        res = people[3].client.get(f"/api/v1/posts/{post.id}/comments/")
    assert len(res.json()) == Comment.objects.filter(post=post, parent=None).count() == 31
    assert sum(len(c["replies"]) for c in res.json()) == 31


@pytest.mark.parametrize("path", ["/api/v1/me/posts/", "/api/v1/me/commented-posts/", "/api/v1/me/scraps/"])
def test_my_lists(busy_board, django_assert_max_num_queries, path):
    board, people, posts = busy_board
    owner = people[0] if path == "/api/v1/me/posts/" else people[1]
    with django_assert_max_num_queries(6):
        res = owner.client.get(f"{path}?page_size=100")
    assert [row["id"] for row in res.json()["results"]] == [post.id for post in reversed(posts)]


@pytest.mark.parametrize("path", ["/api/v1/posts/?search=제목", "/api/v1/posts/hot/", "/api/v1/posts/best/"])
def test_school_lists(busy_board, django_assert_max_num_queries, path):
    board, people, posts = busy_board
    # Three posts made HOT and liked, one after another: HOT newest HOT first, BEST most liked first.
    from django.utils import timezone

    from campus.boards.models import Post

    for likes, post in enumerate(posts[:3], start=10):
        Post.objects.filter(pk=post.pk).update(like_count=likes, hot_at=timezone.now())
    expected = {
        "/api/v1/posts/?search=제목": [post.id for post in reversed(posts)][:20],
        "/api/v1/posts/hot/": [posts[2].id, posts[1].id, posts[0].id],
        "/api/v1/posts/best/": [posts[2].id, posts[1].id, posts[0].id],
    }[path]
    # A search asks the gram index first on PostgreSQL, in a transaction of its own (core/search.py).
    probe = 4 if "search" in path and connection.vendor == "postgresql" else 0
    with django_assert_max_num_queries(6 + probe):
        res = people[1].client.get(path)
    assert [row["id"] for row in res.json()["results"]] == expected
    assert all(row["is_liked"] and row["is_scrapped"] for row in res.json()["results"])
