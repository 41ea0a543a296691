"""The moderators' admin: text can be edited, but nothing that unmasks a writer or breaks counts."""

import pytest

from campus.boards.models import Comment, Post
from campus.boards.tests.factories import CommentFactory, PostFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(make_user, client):
    client.force_login(make_user(is_staff=True, is_superuser=True))
    return client


def test_the_change_form_edits_text_only(moderator, board):
    post = PostFactory(board=board, is_anonymous=True, title="원래 제목")
    form = moderator.get(f"/admin/boards/post/{post.id}/change/").content.decode()
    assert 'name="title"' in form and 'name="content"' in form
    assert 'name="is_anonymous"' not in form and 'name="is_deleted"' not in form
    assert 'name="author"' not in form
    res = moderator.post(
        f"/admin/boards/post/{post.id}/change/",
        {"title": "고친 제목", "content": "고친 본문", "is_anonymous": "", "is_deleted": "on"},
    )
    assert res.status_code == 302
    post.refresh_from_db()
    assert (post.title, post.content, post.is_anonymous, post.is_deleted) == (
        "고친 제목",
        "고친 본문",
        True,
        False,
    )


def test_soft_delete_action_keeps_comment_count_right(moderator, board):
    post = PostFactory(board=board)
    first, second = CommentFactory(post=post), CommentFactory(post=post)
    Post.objects.filter(pk=post.pk).update(comment_count=2)
    comment_form = moderator.get(f"/admin/boards/comment/{first.id}/change/").content.decode()
    assert 'name="is_deleted"' not in comment_form and 'name="post"' not in comment_form
    res = moderator.post("/admin/boards/comment/", {"action": "soft_delete", "_selected_action": [first.id]})
    assert res.status_code == 302
    post.refresh_from_db()
    assert post.comment_count == 1
    assert list(Comment.objects.filter(is_deleted=True).values_list("id", flat=True)) == [first.id]
    assert Comment.objects.get(pk=second.pk).is_deleted is False
    # No hard delete and no adding through the admin.
    assert moderator.get(f"/admin/boards/comment/{first.id}/delete/").status_code == 403
    assert moderator.get("/admin/boards/post/add/").status_code == 403
