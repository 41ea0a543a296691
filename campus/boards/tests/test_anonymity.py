"""As a third student, walk every community endpoint and look for the anonymous author."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.utils import override_settings
from PIL import Image

from campus.boards.tests.factories import PostFactory

pytestmark = pytest.mark.django_db


def _png():
    buffer = io.BytesIO()
    Image.new("RGB", (3, 3)).save(buffer, "PNG")
    return SimpleUploadedFile("me.png", buffer.getvalue(), content_type="image/png")


@override_settings(HOT_LIKE_THRESHOLD=1)
def test_third_user_never_sees_the_anonymous_author(make_user, board):
    hidden = make_user(username="secret_writer", nickname="숨은작가", email="secret@example.com")
    named = make_user(nickname="공개작가")
    viewer = make_user()
    secrets = [str(hidden.id), hidden.id.hex, hidden.username, hidden.nickname, hidden.email]

    # The anonymous author writes an anonymous post with an image, comments and replies anonymously.
    res = hidden.client.post(
        f"/api/v1/boards/{board.id}/posts/",
        {"title": "익명 글", "content": "비밀 이야기", "is_anonymous": "true", "images": [_png()]},
        format="multipart",
    )
    anon_post = res.json()["id"]
    public_post = PostFactory(board=board, author=named, title="공개 글").id
    top = hidden.client.post(
        f"/api/v1/posts/{public_post}/comments/", {"content": "익명 댓글"}, format="json"
    )
    hidden.client.post(
        f"/api/v1/posts/{public_post}/comments/",
        {"content": "익명 답글", "parent": top.json()["id"]},
        format="json",
    )
    hidden.client.post(f"/api/v1/posts/{anon_post}/comments/", {"content": "글쓴이 댓글"}, format="json")
    named.client.post(f"/api/v1/posts/{anon_post}/like/")
    hidden.client.post(f"/api/v1/posts/{public_post}/like/")
    hidden.client.post(f"/api/v1/posts/{public_post}/scrap/")

    c = viewer.client
    viewer_comment = c.post(f"/api/v1/posts/{anon_post}/comments/", {"content": "궁금"}, format="json")
    c.post(f"/api/v1/posts/{anon_post}/scrap/")
    responses = [
        viewer_comment,
        c.get("/api/v1/boards/"),
        c.get(f"/api/v1/boards/{board.id}/"),
        c.get(f"/api/v1/boards/{board.id}/posts/"),
        c.get(f"/api/v1/boards/{board.id}/posts/", {"search": "비밀"}),
        c.get(f"/api/v1/posts/{anon_post}/"),
        c.get(f"/api/v1/posts/{public_post}/"),
        c.get(f"/api/v1/posts/{anon_post}/comments/"),
        c.get(f"/api/v1/posts/{public_post}/comments/"),
        c.get("/api/v1/posts/", {"search": "익명"}),
        c.get("/api/v1/posts/", {"search": hidden.nickname}),
        c.get("/api/v1/posts/", {"search": hidden.username}),
        c.get("/api/v1/posts/hot/"),
        c.get("/api/v1/posts/best/", {"period": "all"}),
        c.get("/api/v1/me/posts/"),
        c.get("/api/v1/me/commented-posts/"),
        c.get("/api/v1/me/scraps/"),
        c.post(f"/api/v1/posts/{anon_post}/like/"),
        c.delete(f"/api/v1/posts/{anon_post}/like/"),
        c.post(f"/api/v1/comments/{top.json()['id']}/like/"),
        c.post(f"/api/v1/posts/{anon_post}/report/", {"reason": "확인"}, format="json"),
        c.post(f"/api/v1/posts/{anon_post}/report/", {"reason": "또"}, format="json"),
        c.patch(f"/api/v1/posts/{anon_post}/", {"title": "x"}, format="json"),
        c.delete(f"/api/v1/posts/{anon_post}/"),
        c.patch(f"/api/v1/comments/{top.json()['id']}/", {"content": "x"}, format="json"),
    ]
    assert [r.status_code for r in responses[-6:]] == [200, 201, 409, 403, 403, 403]
    for response in responses:
        body = json.dumps(response.json(), ensure_ascii=False)
        for secret in secrets:
            assert secret not in body, (response.request["PATH_INFO"], secret)

    # And yet the content is all there, under anonymous names.
    post = c.get(f"/api/v1/posts/{anon_post}/").json()
    assert post["author"] == {"nickname": "익명", "is_anonymous": True, "is_post_author": True}
    assert post["is_mine"] is False
    names = [x["author"]["nickname"] for x in c.get(f"/api/v1/posts/{anon_post}/comments/").json()]
    assert names == ["익명(글쓴이)", "익명1"]
    thread = c.get(f"/api/v1/posts/{public_post}/comments/").json()
    assert [(x["author"]["nickname"], [r["author"]["nickname"] for r in x["replies"]]) for x in thread] == [
        ("익명1", ["익명1"])
    ]
    # The author alone sees that it is theirs.
    assert hidden.client.get(f"/api/v1/posts/{anon_post}/").json()["is_mine"] is True
