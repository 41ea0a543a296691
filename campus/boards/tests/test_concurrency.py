"""Concurrent likes and first comments from real connections: exact counts, no errors."""

import pytest

from campus.accounts.tests.factories import UserFactory
from campus.boards import services
from campus.boards.models import Post, PostLike
from campus.boards.tests.factories import PostFactory
from campus.core.tests.helpers import run_concurrently


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_likes_count_exactly_twenty():
    post = PostFactory()
    fans = UserFactory.create_batch(20, school=post.school)

    errors = run_concurrently(lambda user: services.post_like(post=post, user=user), [(fan,) for fan in fans])

    assert errors == []
    post.refresh_from_db()
    assert post.like_count == 20
    assert PostLike.objects.filter(post=post).count() == 20
    assert post.hot_at is not None


@pytest.mark.django_db(transaction=True)
def test_concurrent_first_comments_get_distinct_numbers():
    post = PostFactory(is_anonymous=True)
    people = UserFactory.create_batch(8, school=post.school)

    def write(user):
        post_again = Post.objects.select_related("board").get(pk=post.pk)
        services.comment_create(post=post_again, author=user, content="동시", is_anonymous=True)

    errors = run_concurrently(write, [(person,) for person in people])

    assert errors == []
    numbers = sorted(post.comments.values_list("anonymous_number", flat=True))
    assert numbers == list(range(1, 9))
    post.refresh_from_db()
    assert post.comment_count == 8
