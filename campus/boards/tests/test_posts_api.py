import io
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from campus.boards.models import Board, Post, PostImage, PostLike, Scrap
from campus.boards.tests.factories import BoardFactory, CommentFactory, PostFactory

pytestmark = pytest.mark.django_db


def posts_url(board):
    return f"/api/v1/boards/{board.id}/posts/"


def png(name="a.png", size=(4, 3), fmt="PNG"):
    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


class TestCreate:
    def test_json_post(self, make_user, board):
        me = make_user()
        body = {"title": "학식 후기", "content": "오늘 돈까스", "is_anonymous": False, "is_question": True}
        res = me.client.post(posts_url(board), body, format="json")
        assert res.status_code == 201
        data = res.json()
        assert (data["title"], data["content"], data["is_question"]) == ("학식 후기", "오늘 돈까스", True)
        assert data["board"] == {"id": board.id, "name": "자유게시판"}
        assert data["author"] == {
            "id": str(me.id), "nickname": me.nickname, "is_anonymous": False, "is_post_author": True,
        }  # fmt: skip
        assert data["is_mine"] is True
        assert (data["like_count"], data["comment_count"], data["scrap_count"]) == (0, 0, 0)
        assert (data["is_liked"], data["is_scrapped"], data["images"]) == (False, False, [])
        post = Post.objects.get()
        assert (post.school_id, post.author_id) == (me.school_id, me.id)

    def test_anonymous_by_default_and_board_policy_wins(self, make_user, board):
        me = make_user()
        res = me.client.post(posts_url(board), {"title": "t", "content": "c"}, format="json")
        assert res.json()["is_anonymous"] is True
        assert res.json()["author"] == {"nickname": "익명", "is_anonymous": True, "is_post_author": True}
        secret = BoardFactory(school=me.school, anonymity=Board.Anonymity.ALWAYS)
        res = me.client.post(
            posts_url(secret), {"title": "t", "content": "c", "is_anonymous": False}, format="json"
        )
        assert res.json()["is_anonymous"] is True
        named = BoardFactory(school=me.school, anonymity=Board.Anonymity.NEVER)
        res = me.client.post(
            posts_url(named), {"title": "t", "content": "c", "is_anonymous": True}, format="json"
        )
        assert res.json()["is_anonymous"] is False

    @pytest.mark.parametrize(
        "body",
        [
            {"title": "t" * 10_000, "content": "c"},
            {"title": "t" * 101, "content": "c"},
            {"title": "", "content": "c"},
            {"title": "   ", "content": "c"},
            {"title": "t", "content": ""},
            {"title": "t", "content": "c" * 20_001},
            {"title": ["t"], "content": "c"},
            {"title": {"a": 1}, "content": "c"},
            {"title": "t", "content": "c", "is_anonymous": "maybe"},
            {"title": "t", "content": "c", "is_question": [True]},
            {"content": "c"},
        ],
    )
    def test_bad_input_is_400_and_writes_nothing(self, make_user, board, body):
        me = make_user()
        res = me.client.post(posts_url(board), body, format="json")
        assert res.status_code == 400
        assert set(res.json()) & {"title", "content", "is_anonymous", "is_question"}
        assert Post.objects.count() == 0

    def test_two_megabyte_body_is_400(self, make_user, board):
        me = make_user()
        res = me.client.post(
            posts_url(board),
            json.dumps({"title": "t", "content": "가" * 700_000}),
            content_type="application/json",
        )
        assert res.status_code == 400
        assert "content" in res.json()
        assert Post.objects.count() == 0

    def test_multipart_with_images(self, make_user, board):
        me = make_user()
        res = me.client.post(
            posts_url(board),
            {
                "title": "사진",
                "content": "고양이",
                "is_anonymous": "false",
                "images": [png(size=(40, 30)), png("b.jpg", (8, 8), "JPEG")],
            },
            format="multipart",
        )
        assert res.status_code == 201, res.json()
        images = res.json()["images"]
        assert [(i["width"], i["height"]) for i in images] == [(40, 30), (8, 8)]
        assert images[0]["url"].startswith("http://testserver/media/posts/")
        assert images[0]["url"].endswith(".png")
        assert images[1]["url"].endswith(".jpg")
        # Stored under a random name, never the uploaded one.
        assert re.fullmatch(r"[0-9a-f]{32}\.png", images[0]["url"].rsplit("/", 1)[1])
        assert res.json()["is_anonymous"] is False
        assert PostImage.objects.count() == 2

    def test_multipart_missing_is_anonymous_means_anonymous(self, make_user, board):
        me = make_user()
        res = me.client.post(posts_url(board), {"title": "t", "content": "c"}, format="multipart")
        assert res.json()["is_anonymous"] is True

    def test_non_image_named_png_is_400_and_nothing_written(self, make_user, board):
        me = make_user()
        fake = SimpleUploadedFile("evil.png", b"<?php echo 1; ?>", content_type="image/png")
        res = me.client.post(
            posts_url(board),
            {"title": "t", "content": "c", "images": [png(), png(), fake]},
            format="multipart",
        )
        assert res.status_code == 400
        assert "images" in res.json()
        assert Post.objects.count() == 0
        assert PostImage.objects.count() == 0

    def test_eleventh_image_is_400(self, make_user, board):
        me = make_user()
        res = me.client.post(
            posts_url(board),
            {"title": "t", "content": "c", "images": [png() for _ in range(11)]},
            format="multipart",
        )
        assert res.status_code == 400
        assert Post.objects.count() == 0

    def test_oversized_image_is_413(self, make_user, board, settings):
        settings.POST_IMAGE_MAX_BYTES = 50
        me = make_user()
        res = me.client.post(
            posts_url(board),
            {"title": "t", "content": "c", "images": [png(size=(64, 64))]},
            format="multipart",
        )
        assert res.status_code == 413
        assert Post.objects.count() == 0

    def test_decompression_bomb_is_400(self, make_user, board, settings):
        settings.POST_IMAGE_MAX_PIXELS = 100
        me = make_user()
        res = me.client.post(
            posts_url(board),
            {"title": "t", "content": "c", "images": [png(size=(20, 20))]},
            format="multipart",
        )
        assert res.status_code == 400
        assert res.json()["images"] == ["이미지의 해상도가 너무 큽니다."]

    def test_truncated_image_is_400(self, make_user, board):
        me = make_user()
        whole = png(size=(200, 200)).read()
        broken = SimpleUploadedFile("t.png", whole[: len(whole) // 2], content_type="image/png")
        res = me.client.post(
            posts_url(board), {"title": "t", "content": "c", "images": [broken]}, format="multipart"
        )
        assert res.status_code == 400
        assert Post.objects.count() == 0


class TestFeedAndDetail:
    def test_feed_is_newest_first_and_paginated(self, make_user, board):
        me = make_user()
        posts = PostFactory.create_batch(5, board=board)
        PostFactory(board=BoardFactory(school=me.school))  # another board
        res = me.client.get(posts_url(board), {"page_size": 2})
        assert res.status_code == 200
        assert [p["id"] for p in res.json()["results"]] == [posts[4].id, posts[3].id]
        second = me.client.get(res.json()["next"])
        assert [p["id"] for p in second.json()["results"]] == [posts[2].id, posts[1].id]
        assert res.json()["previous"] is None

    def test_page_size_is_capped(self, make_user, board):
        me = make_user()
        PostFactory.create_batch(3, board=board)
        res = me.client.get(posts_url(board), {"page_size": 100000})
        assert res.status_code == 200
        assert len(res.json()["results"]) == 3
        assert me.client.get(posts_url(board), {"page_size": "abc"}).status_code == 200

    def test_garbage_cursor_is_400(self, make_user, board):
        me = make_user()
        res = me.client.get(posts_url(board), {"cursor": "garbage!!"})
        assert res.status_code == 400
        assert "cursor" in res.json()

    def test_detail_and_hidden_or_deleted_are_404(self, make_user, board):
        me = make_user()
        staff = make_user(is_staff=True)
        post = PostFactory(board=board, title="보이는 글")
        res = me.client.get(f"/api/v1/posts/{post.id}/")
        assert res.status_code == 200
        assert res.json()["title"] == "보이는 글"
        assert res.json()["is_mine"] is False
        hidden = PostFactory(board=board, hidden_at="2026-01-01T00:00:00+09:00")
        deleted = PostFactory(board=board, is_deleted=True)
        assert me.client.get(f"/api/v1/posts/{hidden.id}/").status_code == 404
        assert me.client.get(f"/api/v1/posts/{deleted.id}/").status_code == 404
        assert staff.client.get(f"/api/v1/posts/{hidden.id}/").status_code == 200
        feed = [p["id"] for p in me.client.get(posts_url(board)).json()["results"]]
        assert feed == [post.id]

    def test_other_school_post_is_404_for_everything(self, make_user, board, other_school):
        post = PostFactory(board=board)
        comment = CommentFactory(post=post)
        stranger = make_user(school=other_school)
        base = f"/api/v1/posts/{post.id}/"
        c = stranger.client
        assert c.get(base).status_code == 404
        assert c.patch(base, {"title": "x"}, format="json").status_code == 404
        assert c.delete(base).status_code == 404
        assert c.post(f"{base}like/").status_code == 404
        assert c.post(f"{base}scrap/").status_code == 404
        assert c.get(f"{base}comments/").status_code == 404
        assert c.post(f"{base}comments/", {"content": "x"}, format="json").status_code == 404
        assert c.post(f"{base}report/", {"reason": "x"}, format="json").status_code == 404
        assert c.post(f"/api/v1/comments/{comment.id}/like/").status_code == 404
        assert c.patch(f"/api/v1/comments/{comment.id}/", {"content": "x"}, format="json").status_code == 404
        assert (
            c.post(f"/api/v1/comments/{comment.id}/report/", {"reason": "x"}, format="json").status_code
            == 404
        )
        assert c.get("/api/v1/posts/", {"search": "제목"}).json()["results"] == []
        post.refresh_from_db()
        assert (post.like_count, post.scrap_count, post.comment_count, post.report_count) == (0, 0, 0, 0)


class TestEditDelete:
    def test_only_author_edits(self, make_user, board):
        author = make_user()
        other = make_user()
        staff = make_user(is_staff=True)
        post = PostFactory(board=board, author=author)
        url = f"/api/v1/posts/{post.id}/"
        assert other.client.patch(url, {"title": "해킹"}, format="json").status_code == 403
        assert staff.client.patch(url, {"title": "해킹"}, format="json").status_code == 403
        res = author.client.patch(url, {"title": "고친 제목", "is_anonymous": True}, format="json")
        assert res.status_code == 200
        assert res.json()["title"] == "고친 제목"
        assert res.json()["is_anonymous"] is False  # not editable
        assert author.client.patch(url, {"title": ""}, format="json").status_code == 400

    def test_delete_author_or_staff_soft(self, make_user, board):
        author = make_user()
        other = make_user()
        staff = make_user(is_staff=True)
        mine, theirs = PostFactory(board=board, author=author), PostFactory(board=board, author=author)
        assert other.client.delete(f"/api/v1/posts/{mine.id}/").status_code == 403
        assert author.client.delete(f"/api/v1/posts/{mine.id}/").status_code == 204
        assert staff.client.delete(f"/api/v1/posts/{theirs.id}/").status_code == 204
        assert Post.objects.filter(is_deleted=True).count() == 2
        assert author.client.get(f"/api/v1/posts/{mine.id}/").status_code == 404

    def test_question_with_comments_cannot_be_deleted(self, make_user, board):
        author = make_user()
        commenter = make_user()
        post = PostFactory(board=board, author=author, is_question=True)
        url = f"/api/v1/posts/{post.id}/"
        commenter.client.post(f"{url}comments/", {"content": "답변"}, format="json")
        res = author.client.delete(url)
        assert res.status_code == 409
        assert res.json()["code"] == "conflict"
        post.refresh_from_db()
        assert not post.is_deleted


class TestLikeScrap:
    def test_like_is_idempotent_and_counts(self, make_user, board):
        author, fan = make_user(), make_user()
        post = PostFactory(board=board, author=author)
        url = f"/api/v1/posts/{post.id}/like/"
        assert fan.client.post(url).json() == {"like_count": 1, "is_liked": True}
        assert fan.client.post(url).json() == {"like_count": 1, "is_liked": True}
        assert PostLike.objects.count() == 1
        assert fan.client.get(f"/api/v1/posts/{post.id}/").json()["is_liked"] is True
        assert fan.client.delete(url).json() == {"like_count": 0, "is_liked": False}
        assert fan.client.delete(url).json() == {"like_count": 0, "is_liked": False}

    def test_own_post_like_is_403(self, make_user, board):
        author = make_user()
        post = PostFactory(board=board, author=author)
        res = author.client.post(f"/api/v1/posts/{post.id}/like/")
        assert res.status_code == 403
        post.refresh_from_db()
        assert post.like_count == 0

    def test_scrap(self, make_user, board):
        author, fan = make_user(), make_user()
        post = PostFactory(board=board, author=author)
        url = f"/api/v1/posts/{post.id}/scrap/"
        assert fan.client.post(url).json() == {"scrap_count": 1, "is_scrapped": True}
        assert fan.client.post(url).json() == {"scrap_count": 1, "is_scrapped": True}
        assert author.client.post(url).json() == {"scrap_count": 2, "is_scrapped": True}
        assert [p["id"] for p in fan.client.get("/api/v1/me/scraps/").json()["results"]] == [post.id]
        assert fan.client.delete(url).json() == {"scrap_count": 1, "is_scrapped": False}
        assert Scrap.objects.filter(user=fan).count() == 0

    def test_hot_is_stamped_once_at_ten_likes(self, make_user, board):
        author = make_user()
        post = PostFactory(board=board, author=author)
        cold = PostFactory(board=board, author=author)
        fans = [make_user() for _ in range(11)]
        for fan in fans[:9]:
            fan.client.post(f"/api/v1/posts/{post.id}/like/")
        assert author.client.get("/api/v1/posts/hot/").json()["results"] == []
        fans[9].client.post(f"/api/v1/posts/{post.id}/like/")
        post.refresh_from_db()
        stamped = post.hot_at
        assert stamped is not None
        fans[9].client.delete(f"/api/v1/posts/{post.id}/like/")
        fans[9].client.post(f"/api/v1/posts/{post.id}/like/")
        post.refresh_from_db()
        assert post.hot_at == stamped
        fans[0].client.post(f"/api/v1/posts/{cold.id}/like/")
        hot = author.client.get("/api/v1/posts/hot/").json()["results"]
        assert [p["id"] for p in hot] == [post.id]
        assert hot[0]["is_hot"] is True


class TestLists:
    def test_search_title_and_content_in_my_school(self, make_user, board, other_school):
        me = make_user()
        a = PostFactory(board=board, title="중간고사 범위", content="알려주세요")
        b = PostFactory(board=BoardFactory(school=me.school), title="질문", content="기말고사 말고 중간고사")
        PostFactory(board=board, title="점심", content="학식")
        PostFactory(board=BoardFactory(school=other_school), title="중간고사")
        res = me.client.get("/api/v1/posts/", {"search": "중간고사"})
        assert [p["id"] for p in res.json()["results"]] == [b.id, a.id]
        res = me.client.get("/api/v1/posts/", {"search": "중간고사", "board": board.id})
        assert [p["id"] for p in res.json()["results"]] == [a.id]
        res = me.client.get(posts_url(board), {"search": "중간"})
        assert [p["id"] for p in res.json()["results"]] == [a.id]
        assert me.client.get("/api/v1/posts/", {"board": "abc"}).status_code == 400

    def test_search_is_case_insensitive(self, make_user, board):
        me = make_user()
        post = PostFactory(board=board, title="Django 스터디")
        assert [p["id"] for p in me.client.get("/api/v1/posts/", {"search": "django"}).json()["results"]] == [
            post.id
        ]

    def test_best_by_period(self, make_user, board):
        from datetime import timedelta

        from django.utils import timezone

        me = make_user()
        old = PostFactory(board=board, like_count=50)
        Post.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=20))
        top = PostFactory(board=board, like_count=7)
        mid = PostFactory(board=board, like_count=3)
        PostFactory(board=board, like_count=0)
        week = me.client.get("/api/v1/posts/best/").json()["results"]
        assert [p["id"] for p in week] == [top.id, mid.id]
        month = me.client.get("/api/v1/posts/best/", {"period": "month"}).json()["results"]
        assert [p["id"] for p in month] == [old.id, top.id, mid.id]
        assert me.client.get("/api/v1/posts/best/", {"period": "year"}).status_code == 400

    def test_my_posts_and_commented_posts(self, make_user, board):
        me, other = make_user(), make_user()
        mine_anon = PostFactory(board=board, author=me, is_anonymous=True)
        mine = PostFactory(board=board, author=me)
        theirs = PostFactory(board=board, author=other)
        PostFactory(board=board, author=other)
        me.client.post(f"/api/v1/posts/{theirs.id}/comments/", {"content": "댓글"}, format="json")
        me.client.post(f"/api/v1/posts/{theirs.id}/comments/", {"content": "또"}, format="json")
        res = me.client.get("/api/v1/me/posts/").json()["results"]
        assert [p["id"] for p in res] == [mine.id, mine_anon.id]
        assert all(p["is_mine"] for p in res)
        res = me.client.get("/api/v1/me/commented-posts/").json()["results"]
        assert [p["id"] for p in res] == [theirs.id]
        assert [p["id"] for p in other.client.get("/api/v1/me/posts/").json()["results"]] != [mine.id]


def test_body_over_the_request_limit_is_413(make_user, board, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    me = make_user()
    res = me.client.post(
        posts_url(board), json.dumps({"title": "t", "content": "x" * 5000}), content_type="application/json"
    )
    assert res.status_code == 413
    assert res.json()["code"] == "too_large"
    assert Post.objects.count() == 0


def test_withdrawn_author_shows_as_withdrawn(make_user, board):
    from campus.accounts.models import WITHDRAWN_NICKNAME
    from campus.accounts.services import user_withdraw
    from campus.accounts.tests.factories import TEST_PASSWORD

    author, viewer = make_user(), make_user()
    post = PostFactory(board=board, author=author, is_anonymous=False)
    CommentFactory(post=post, author=author, is_anonymous=False)
    user_withdraw(user=author, password=TEST_PASSWORD)
    detail = viewer.client.get(f"/api/v1/posts/{post.id}/").json()
    assert detail["author"]["nickname"] == WITHDRAWN_NICKNAME
    assert author.nickname not in json.dumps(detail, ensure_ascii=False)
    comments = viewer.client.get(f"/api/v1/posts/{post.id}/comments/").json()
    assert comments[0]["author"]["nickname"] == WITHDRAWN_NICKNAME


def test_rows_carry_exactly_the_fields_the_schema_declares(make_user, board):
    """Posts and comments are shaped by hand (speed); the serializers still declare the schema."""
    from campus.boards.api.serializers import (
        AuthorOutput,
        BoardRefOutput,
        CommentOutput,
        CommentTreeOutput,
        PostImageOutput,
        PostOutput,
    )

    me = make_user()
    created = me.client.post(
        posts_url(board), {"title": "사진", "content": "고양이", "images": [png()]}, format="multipart"
    ).json()
    parent = me.client.post(f"/api/v1/posts/{created['id']}/comments/", {"content": "첫 댓글"}).json()
    me.client.post(f"/api/v1/posts/{created['id']}/comments/", {"content": "답글", "parent": parent["id"]})
    detail = me.client.get(f"/api/v1/posts/{created['id']}/").json()
    feed_row = me.client.get(posts_url(board)).json()["results"][0]
    tree = me.client.get(f"/api/v1/posts/{created['id']}/comments/").json()

    my_row = me.client.get("/api/v1/me/posts/").json()["results"][0]  # read from the database
    assert feed_row == my_row == detail == {**created, "comment_count": 2}
    assert list(detail) == list(PostOutput().fields)
    # List rows are written as kept JSON plus the viewer's fields: same fields, theirs last.
    assert set(feed_row) == set(my_row) == set(PostOutput().fields)
    assert list(feed_row)[-3:] == list(my_row)[-3:] == ["is_mine", "is_liked", "is_scrapped"]
    assert list(detail["board"]) == list(BoardRefOutput().fields)
    assert list(detail["images"][0]) == list(PostImageOutput().fields)
    assert set(detail["author"]) == set(AuthorOutput().fields) - {"id"}  # anonymous: no id
    assert list(tree[0]) == list(CommentTreeOutput().fields)
    assert list(tree[0]["replies"][0]) == list(CommentOutput().fields)
    assert tree[0]["replies"][0]["content"] == "답글"
    assert detail["created_at"].endswith("+09:00")  # DRF's rendering, in the local time zone
