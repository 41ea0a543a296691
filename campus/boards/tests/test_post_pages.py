"""The post page through Django's test client: labels, anonymity in the source, 공감 in place,
refusals on the page, comments, 쪽지, 신고, 삭제."""

import re

import pytest

from campus.accounts.tests.factories import SchoolFactory
from campus.boards.models import Comment, Post, PostLike, Report
from campus.boards.tests.factories import BoardFactory, PostFactory
from campus.messaging.models import Conversation

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(make_user, client, board):
    writer = make_user(username="writer_anon", nickname="글쓴닉")
    first = make_user(username="first_cmt", nickname="첫댓글닉")
    third = make_user(username="third_view", nickname="구경닉")
    post = PostFactory(
        board=board, author=writer, is_anonymous=True, title="익명 고민 글", content="고민입니다"
    )
    return writer, first, third, post


def as_user(client, person):
    client.force_login(person)
    return client


def comment(client, post, content, **extra):
    return client.post(f"/posts/{post.id}/comments/", {"content": content, "is_anonymous": "on", **extra})


def labels(html: str) -> list[str]:
    return re.findall(r'<strong class="label">([^<]+)</strong>', html)


def test_anonymous_comments_are_numbered_and_leave_no_trace_in_the_source(
    client, people, django_assert_max_num_queries
):
    writer, first, third, post = people
    assert comment(as_user(client, first), post, "저도요")["Location"] == f"/posts/{post.id}/"
    comment(as_user(client, writer), post, "글쓴이입니다")
    comment(as_user(client, first), post, "다시 저")
    client.force_login(third)
    with django_assert_max_num_queries(10):
        res = client.get(f"/posts/{post.id}/")
    html = res.content.decode()
    assert "<h1>익명 고민 글</h1>" in html
    assert labels(html) == ["익명1", "익명(글쓴이)", "익명1"]
    assert '<span class="author">익명</span>' in html
    for person in (writer, first):
        for trace in (person.username, person.nickname, str(person.id), person.id.hex):
            assert trace not in html


def test_like_toggles_in_place_and_liking_your_own_post_is_refused(client, people):
    writer, first, _, post = people
    res = as_user(client, first).post(f"/posts/{post.id}/like/", {"on": "1"}, HTTP_HX_REQUEST="true")
    fragment = res.content.decode()
    assert "<html" not in fragment
    assert re.search(r'aria-pressed="true">공감 <span aria-live="polite">1</span>', fragment)
    assert PostLike.objects.filter(post=post, user=first).exists()
    res = client.post(f"/posts/{post.id}/like/", {"on": "0"}, HTTP_HX_REQUEST="true")
    assert re.search(r'aria-pressed="false">공감 <span aria-live="polite">0</span>', res.content.decode())
    own = as_user(client, writer).post(f"/posts/{post.id}/like/", {"on": "1"}, HTTP_HX_REQUEST="true")
    assert '<p class="form-error" role="alert">자신의 글에는 공감할 수 없습니다.</p>' in own.content.decode()
    without_js = client.post(f"/posts/{post.id}/like/", {"on": "1"}, follow=True)
    assert "자신의 글에는 공감할 수 없습니다." in without_js.content.decode()
    assert PostLike.objects.count() == 0


def test_another_schools_post_and_a_deleted_one_are_404_pages(client, people):
    _, first, _, post = people
    foreign = PostFactory(board=BoardFactory(school=SchoolFactory()))
    as_user(client, first)
    assert client.get(f"/posts/{foreign.id}/").status_code == 404
    assert client.post(f"/posts/{foreign.id}/comments/", {"content": "x"}).status_code == 404
    Post.objects.filter(pk=post.pk).update(is_deleted=True)
    assert client.get(f"/posts/{post.id}/").status_code == 404


def test_a_question_with_comments_cannot_be_deleted_and_says_why(client, board, make_user):
    asker, answerer = make_user(), make_user()
    question = PostFactory(board=board, author=asker, is_question=True)
    comment(as_user(client, answerer), question, "답변")
    res = as_user(client, asker).post(f"/posts/{question.id}/delete/", follow=True)
    assert "댓글이 달린 질문 글은 삭제할 수 없습니다." in res.content.decode()
    assert Post.objects.get(pk=question.pk).is_deleted is False
    plain = PostFactory(board=board, author=asker)
    res = client.post(f"/posts/{plain.id}/delete/")
    assert (res.status_code, res["Location"]) == (302, f"/boards/{board.id}/")
    assert Post.objects.get(pk=plain.pk).is_deleted is True


def test_reply_report_and_message_from_the_page(client, people):
    writer, first, third, post = people
    comment(as_user(client, first), post, "원댓글")
    top = Comment.objects.get()
    comment(as_user(client, third), post, "답글입니다", parent=str(top.id))
    assert Comment.objects.get(content="답글입니다").parent_id == top.id
    res = client.post(f"/comments/{top.id}/report/", {"reason": "욕설"}, follow=True)
    assert "신고했습니다." in res.content.decode()
    assert Report.objects.filter(comment=top, reporter=third).count() == 1
    res = client.post(f"/posts/{post.id}/message/", {"content": "안녕하세요"})
    conversation = Conversation.objects.get()
    assert (res.status_code, res["Location"]) == (302, f"/messages/{conversation.id}/")
    assert (conversation.recipient_id, conversation.is_anonymous) == (writer.id, True)


def test_a_refused_comment_keeps_the_text(client, people):
    _, first, _, post = people
    res = as_user(client, first).post(f"/posts/{post.id}/comments/", {"content": "x" * 2001})
    assert res.status_code == 400
    assert "x" * 2001 in res.content.decode()
    assert Comment.objects.count() == 0


def test_commenting_with_htmx_swaps_the_discussion_and_shows_a_refusal_in_place(client, people):
    _, first, _, post = people
    as_user(client, first)
    res = client.post(
        f"/posts/{post.id}/comments/", {"content": "빠른 댓글", "is_anonymous": "on"}, HTTP_HX_REQUEST="true"
    )
    fragment = res.content.decode()
    assert res.status_code == 200 and "<html" not in fragment
    assert '<section class="card comments" id="discussion"' in fragment
    assert labels(fragment) == ["익명1"] and '<span aria-live="polite">1</span>' in fragment
    assert re.search(
        r"<textarea[^>]*>\s*</textarea>", fragment.split('class="comment-form"')[1]
    )  # a fresh form
    refused = client.post(f"/posts/{post.id}/comments/", {"content": "y" * 2001}, HTTP_HX_REQUEST="true")
    html = refused.content.decode()
    assert refused.status_code == 200  # htmx swaps only success statuses
    assert "y" * 2001 in html and 'class="error"' in html
    assert Comment.objects.count() == 1


def test_message_report_and_reply_forms_open_behind_their_buttons(client, people, make_user):
    writer, first, third, post = people
    comment(as_user(client, first), post, "원댓글")
    top = Comment.objects.get()
    html = as_user(client, third).get(f"/posts/{post.id}/").content.decode()
    for kind, pk, action, text in [
        ("posts", post.id, "message", "쪽지"),
        ("posts", post.id, "report", "신고"),
        ("comments", top.id, "message", "쪽지"),
        ("comments", top.id, "report", "신고"),
        ("comments", top.id, "reply", "답글"),
    ]:
        url = f"/{kind}/{pk}/{action}/"
        assert (
            f'<form method="get" action="{url}" hx-get="{url}"' in html
            and f'<button type="submit">{text}</button>' in html
        )
    # htmx gets the form alone, swapped in place of its button; without JavaScript it is a page.
    fragment = client.get(f"/comments/{top.id}/reply/", HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in fragment and f'name="parent" value="{top.id}"' in fragment
    assert re.search(r'<label for="reply-\d+">답글</label>', fragment) and ">등록</button>" in fragment
    assert 'name="is_anonymous" checked' in fragment
    full = client.get(f"/posts/{post.id}/message/").content.decode()
    assert "<html" in full and "<h1>쪽지 보내기</h1>" in full and ">보내기</button>" in full
    assert writer.nickname not in full and writer.username not in full
    report = client.get(f"/posts/{post.id}/report/", HTTP_HX_REQUEST="true").content.decode()
    assert ">신고 사유</label>" in report and ">신고하기</button>" in report
    # Another school's post or comment has no form either.
    foreign = PostFactory(board=BoardFactory(school=SchoolFactory()))
    for url in (f"/posts/{foreign.id}/message/", f"/posts/{foreign.id}/report/"):
        assert client.get(url).status_code == 404


def test_a_posts_photos_show_in_their_order(client, people):
    from campus.boards.models import PostImage

    writer, first, third, post = people
    for order, name in [(1, "second"), (0, "first")]:
        PostImage.objects.create(post=post, image=f"posts/x/{name}.png", width=40, height=30, order=order)
    html = as_user(client, third).get(f"/posts/{post.id}/").content.decode()
    photos = re.findall(r'<img class="photo" src="([^"]+)" width="40" height="30" alt="([^"]+)"', html)
    assert photos == [
        ("/media/posts/x/first.png", "익명 고민 글의 사진 1"),
        ("/media/posts/x/second.png", "익명 고민 글의 사진 2"),
    ]
