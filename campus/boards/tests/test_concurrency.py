"""Concurrent likes from real connections: the count must come out exact, with no error."""

import threading

import pytest
from django.db import connection

from campus.accounts.tests.factories import UserFactory
from campus.boards import services
from campus.boards.models import Post, PostLike
from campus.boards.tests.factories import PostFactory


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_likes_count_exactly_twenty():
    post = PostFactory()
    fans = UserFactory.create_batch(20, school=post.school)
    barrier = threading.Barrier(len(fans))
    errors: list[BaseException] = []

    def like(user):
        try:
            barrier.wait()
            services.post_like(post=post, user=user)
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=like, args=(fan,)) for fan in fans]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    post.refresh_from_db()
    assert post.like_count == 20
    assert PostLike.objects.filter(post=post).count() == 20
    assert post.hot_at is not None


@pytest.mark.django_db(transaction=True)
def test_concurrent_first_comments_get_distinct_numbers():
    post = PostFactory(is_anonymous=True)
    people = UserFactory.create_batch(8, school=post.school)
    barrier = threading.Barrier(len(people))
    errors: list[BaseException] = []

    def write(user):
        try:
            barrier.wait()
            post_again = Post.objects.select_related("board").get(pk=post.pk)
            services.comment_create(post=post_again, author=user, content="동시", is_anonymous=True)
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(post.comments.values_list("anonymous_number", flat=True))
    assert numbers == list(range(1, 9))
    post.refresh_from_db()
    assert post.comment_count == 8
