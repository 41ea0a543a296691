import pytest

from campus.boards.models import Board, Comment, Post, PostAnonymousAlias, Report
from campus.boards.tests.factories import BoardFactory, PostFactory

pytestmark = pytest.mark.django_db


def comment(person, post, content="댓글", **extra):
    res = person.client.post(
        f"/api/v1/posts/{post.id}/comments/", {"content": content, **extra}, format="json"
    )
    assert res.status_code == 201, res.json()
    return res.json()


def tree(person, post):
    res = person.client.get(f"/api/v1/posts/{post.id}/comments/")
    assert res.status_code == 200
    return res.json()


def test_anonymous_numbering_is_per_post_in_order_and_fixed(make_user, board):
    author, a, b, viewer = make_user(), make_user(), make_user(), make_user()
    post = PostFactory(board=board, author=author, is_anonymous=True)
    comment(b, post, "첫 댓글")  # b is 익명1
    comment(a, post, "둘째")  # a is 익명2
    comment(author, post, "글쓴이 댓글")
    comment(b, post, "b 또")
    comment(a, post, "실명 댓글", is_anonymous=False)
    names = [
        (c["content"], c["author"]["nickname"], c["author"]["is_post_author"]) for c in tree(viewer, post)
    ]
    assert names == [
        ("첫 댓글", "익명1", False),
        ("둘째", "익명2", False),
        ("글쓴이 댓글", "익명(글쓴이)", True),
        ("b 또", "익명1", False),
        ("실명 댓글", a.nickname, False),
    ]
    # Numbers stay when earlier comments go away.
    first = Comment.objects.get(content="첫 댓글")
    b.client.delete(f"/api/v1/comments/{first.id}/")
    later = comment(make_user(), post, "새 사람")
    assert later["author"]["nickname"] == "익명3"
    assert [c["author"]["nickname"] for c in tree(viewer, post)][-2:] == [a.nickname, "익명3"]
    assert PostAnonymousAlias.objects.filter(post=post).count() == 3
    # Another post numbers afresh.
    other = PostFactory(board=board, author=author)
    assert comment(a, other)["author"]["nickname"] == "익명1"


def test_named_post_author_commenting_anonymously_gets_a_number(make_user, board):
    author = make_user()
    post = PostFactory(board=board, author=author, is_anonymous=False)
    data = comment(author, post, "익명으로")
    assert data["author"] == {"nickname": "익명1", "is_anonymous": True, "is_post_author": False}


def test_named_comment_by_anonymous_post_author_does_not_reveal_authorship(make_user, board):
    author = make_user()
    post = PostFactory(board=board, author=author, is_anonymous=True)
    data = comment(author, post, "실명", is_anonymous=False)
    assert data["author"]["is_post_author"] is False
    assert data["author"]["nickname"] == author.nickname


def test_replies_nest_one_level_and_deleted_parent_stays(make_user, board):
    author, a, b, viewer = make_user(), make_user(), make_user(), make_user()
    post = PostFactory(board=board, author=author)
    top = comment(a, post, "부모")
    reply = comment(b, post, "답글", parent=top["id"])
    nested = comment(a, post, "답글의 답글", parent=reply["id"])
    assert (reply["parent"], nested["parent"]) == (top["id"], top["id"])
    lonely = comment(b, post, "혼자")
    a.client.delete(f"/api/v1/comments/{top['id']}/")
    b.client.delete(f"/api/v1/comments/{lonely['id']}/")
    result = tree(viewer, post)
    assert [c["content"] for c in result] == ["삭제된 댓글입니다."]
    assert result[0]["is_deleted"] is True
    assert "id" not in result[0]["author"]
    assert [r["content"] for r in result[0]["replies"]] == ["답글", "답글의 답글"]
    post.refresh_from_db()
    assert post.comment_count == 2


def test_reply_to_deleted_or_foreign_comment_is_400(make_user, board):
    a = make_user()
    post, other_post = PostFactory(board=board), PostFactory(board=board)
    gone = comment(a, post, "곧 삭제")
    a.client.delete(f"/api/v1/comments/{gone['id']}/")
    elsewhere = comment(a, other_post, "다른 글")
    for parent in (gone["id"], elsewhere["id"], 999999, "abc"):
        res = a.client.post(
            f"/api/v1/posts/{post.id}/comments/", {"content": "x", "parent": parent}, format="json"
        )
        assert res.status_code == 400
        assert "parent" in res.json()
    assert Comment.objects.filter(post=post).count() == 1


@pytest.mark.parametrize("content", ["", "c" * 2001, ["list"], None])
def test_bad_comment_input(make_user, board, content):
    a = make_user()
    post = PostFactory(board=board)
    res = a.client.post(f"/api/v1/posts/{post.id}/comments/", {"content": content}, format="json")
    assert res.status_code == 400
    assert "content" in res.json()
    post.refresh_from_db()
    assert post.comment_count == 0


def test_secret_board_forces_anonymous_comments(make_user):
    a = make_user()
    secret = BoardFactory(school=a.school, anonymity=Board.Anonymity.ALWAYS)
    post = PostFactory(board=secret, is_anonymous=True)
    assert comment(a, post, is_anonymous=False)["author"]["nickname"] == "익명1"


def test_edit_and_delete_rules(make_user, board):
    a, b, staff = make_user(), make_user(), make_user(is_staff=True)
    post = PostFactory(board=board)
    mine = comment(a, post)
    url = f"/api/v1/comments/{mine['id']}/"
    assert b.client.patch(url, {"content": "남의 것"}, format="json").status_code == 403
    res = a.client.patch(url, {"content": "고침"}, format="json")
    assert (res.status_code, res.json()["content"]) == (200, "고침")
    assert a.client.patch(url, {"content": ""}, format="json").status_code == 400
    assert b.client.delete(url).status_code == 403
    assert staff.client.delete(url).status_code == 204
    assert a.client.delete(url).status_code == 404
    post.refresh_from_db()
    assert post.comment_count == 0


def test_comment_like(make_user, board):
    a, b = make_user(), make_user()
    data = comment(a, PostFactory(board=board))
    url = f"/api/v1/comments/{data['id']}/like/"
    assert a.client.post(url).status_code == 403
    assert b.client.post(url).json() == {"like_count": 1, "is_liked": True}
    assert b.client.post(url).json() == {"like_count": 1, "is_liked": True}
    assert tree(b, Post.objects.get())[0]["is_liked"] is True
    assert b.client.delete(url).json() == {"like_count": 0, "is_liked": False}


def test_reports_hide_at_threshold(make_user, board):
    author = make_user()
    staff = make_user(is_staff=True)
    post = PostFactory(board=board, author=author)
    reporters = [make_user() for _ in range(5)]
    url = f"/api/v1/posts/{post.id}/report/"
    assert author.client.post(url, {"reason": "자작"}, format="json").status_code == 403
    assert reporters[0].client.post(url, {"reason": ""}, format="json").status_code == 400
    for person in reporters[:4]:
        res = person.client.post(url, {"reason": "욕설"}, format="json")
        assert res.status_code == 201
        assert res.json()["reason"] == "욕설"
    again = reporters[0].client.post(url, {"reason": "또"}, format="json")
    assert again.status_code == 409
    assert reporters[4].client.get(f"/api/v1/posts/{post.id}/").status_code == 200
    assert reporters[4].client.post(url, {"reason": "욕설"}, format="json").status_code == 201
    post.refresh_from_db()
    assert (post.report_count, post.hidden_at is not None) == (5, True)
    assert reporters[0].client.get(f"/api/v1/posts/{post.id}/").status_code == 404
    assert author.client.get(f"/api/v1/posts/{post.id}/").status_code == 404
    assert staff.client.get(f"/api/v1/posts/{post.id}/").status_code == 200
    assert Report.objects.filter(post=post).count() == 5


def test_reported_comment_is_hidden_and_uncounted(make_user, board):
    author, viewer, staff = make_user(), make_user(), make_user(is_staff=True)
    post = PostFactory(board=board)
    bad = comment(author, post, "나쁜 댓글")
    comment(viewer, post, "답글", parent=bad["id"])
    for _ in range(5):
        make_user().client.post(f"/api/v1/comments/{bad['id']}/report/", {"reason": "스팸"}, format="json")
    result = tree(viewer, post)
    assert result[0]["content"] == "신고 누적으로 숨겨진 댓글입니다."
    assert result[0]["author"]["nickname"] == "(삭제)"
    assert [r["content"] for r in result[0]["replies"]] == ["답글"]
    assert tree(staff, post)[0]["content"] == "나쁜 댓글"
    post.refresh_from_db()
    assert post.comment_count == 1
    assert viewer.client.post(f"/api/v1/comments/{bad['id']}/like/").status_code == 404
    reply = viewer.client.post(
        f"/api/v1/posts/{post.id}/comments/", {"content": "숨김에 답글", "parent": bad["id"]}, format="json"
    )
    assert reply.status_code == 400
    assert Comment.objects.filter(post=post).count() == 2


def test_admin_restore_action_counts_again(make_user, board, client):
    from campus.boards import services

    author = make_user()
    post = PostFactory(board=board)
    data = comment(author, post)
    target = Comment.objects.get(pk=data["id"])
    services.moderation_set_hidden(target=target, hidden=True)
    post.refresh_from_db()
    assert post.comment_count == 0
    services.moderation_set_hidden(target=target, hidden=False)
    services.moderation_set_hidden(target=target, hidden=False)
    post.refresh_from_db()
    assert post.comment_count == 1


def test_admin_lists_reported_content(make_user, board, client):
    admin = make_user(is_staff=True, is_superuser=True)
    post = PostFactory(board=board, title="신고된 글", report_count=3)
    client.force_login(admin)
    res = client.get("/admin/boards/post/?hidden=no")
    assert res.status_code == 200
    assert "신고된 글" in res.content.decode()
    res = client.post("/admin/boards/post/", {"action": "hide", "_selected_action": [post.id]})
    assert res.status_code == 302
    post.refresh_from_db()
    assert post.hidden_at is not None
