"""Anonymous numbering, called as services: who gets a number, in what order, and that it never changes."""

import pytest

from campus.accounts.tests.factories import UserFactory
from campus.boards import services
from campus.boards.models import Board, PostAnonymousAlias
from campus.boards.tests.factories import BoardFactory, PostFactory

pytestmark = pytest.mark.django_db


def write(post, author, *, anonymous=True, parent=None):
    return services.comment_create(
        post=post, author=author, content="댓글", is_anonymous=anonymous, parent=parent
    )


def test_numbers_follow_first_anonymous_comments_and_never_change():
    post = PostFactory(is_anonymous=True)
    a, b, c = UserFactory.create_batch(3, school=post.school)
    first_a = write(post, a)
    first_b = write(post, b)
    named_c = write(post, c, anonymous=False)
    again_a = write(post, a, parent=first_b)
    services.comment_delete(comment=first_a, user=a)
    first_c = write(post, c)
    assert (first_a.anonymous_number, first_b.anonymous_number, again_a.anonymous_number) == (1, 2, 1)
    assert named_c.anonymous_number is None
    assert first_c.anonymous_number == 3  # a's deleted comment does not free number 1
    assert dict(PostAnonymousAlias.objects.filter(post=post).values_list("user_id", "number")) == {
        a.id: 1,
        b.id: 2,
        c.id: 3,
    }
    post.refresh_from_db()
    assert post.anonymous_commenters == 3


def test_the_anonymous_posts_author_has_no_number_but_a_named_posts_author_does():
    anonymous_post = PostFactory(is_anonymous=True)
    named_post = PostFactory(is_anonymous=False, board=anonymous_post.board)
    assert write(anonymous_post, anonymous_post.author).anonymous_number is None  # 익명(글쓴이)
    assert write(named_post, named_post.author).anonymous_number == 1  # 글쓴이 would name them
    assert anonymous_post.numbers_commenter(author_id=anonymous_post.author_id, anonymous=True) is False
    assert named_post.numbers_commenter(author_id=named_post.author_id, anonymous=True) is True
    assert named_post.numbers_commenter(author_id=named_post.author_id, anonymous=False) is False


@pytest.mark.parametrize(("policy", "asked", "expected"), [
    (Board.Anonymity.ALWAYS, False, True),
    (Board.Anonymity.NEVER, True, False),
    (Board.Anonymity.OPTIONAL, None, True),
    (Board.Anonymity.OPTIONAL, False, False),
])  # fmt: skip
def test_the_boards_policy_decides_anonymity(policy, asked, expected):
    post = PostFactory(board=BoardFactory(anonymity=policy))
    comment = write(post, UserFactory(school=post.school), anonymous=asked)
    assert comment.is_anonymous is expected
    assert (comment.anonymous_number is not None) is expected
