"""Shapes only: posts and comments are written from the rows `boards.feeds` reads — no queries here."""

from operator import itemgetter
from typing import Any

from django.conf import settings
from rest_framework import serializers
from rest_framework.fields import empty

from campus.boards.feeds import POST_VIEWER_FIELDS, RowForm
from campus.boards.models import Board, Comment, Post, Report
from campus.boards.selectors import BEST_PERIODS
from campus.core.api.fields import IdField, MultiLineField, SearchField, SingleLineField
from campus.core.api.renderers import WrittenJSON, write_json
from campus.core.api.shapes import datetime_text


class OptionalBooleanField(serializers.BooleanField):
    """A boolean whose absence means "not said" (None), in JSON and in multipart forms alike."""

    default_empty_html = empty

    def __init__(self, **kwargs):
        super().__init__(required=False, allow_null=True, default=None, **kwargs)


class AuthorOutput(serializers.Serializer):
    id = serializers.UUIDField(required=False, help_text="실명일 때만 있습니다.")
    nickname = serializers.CharField()
    is_anonymous = serializers.BooleanField()
    is_post_author = serializers.BooleanField()


class BoardOutput(serializers.ModelSerializer):
    is_favorite = serializers.BooleanField(read_only=True)

    class Meta:
        model = Board
        fields = ["id", "name", "category", "description", "anonymity", "is_favorite", "created_at"]


class BoardQueryInput(serializers.Serializer):
    category = serializers.CharField(
        required=False, help_text="게시판 종류 (" + ", ".join(Board.Category.values) + ")"
    )
    search = SearchField(help_text="게시판 이름 일부")
    favorite = serializers.CharField(required=False, default="", help_text="true면 즐겨찾기한 게시판만")

    def validate_favorite(self, value: str) -> bool:
        return value.lower() in {"true", "1"}  # anything else lists every board, as before


class PostSearchInput(serializers.Serializer):
    search = SearchField(help_text="제목과 본문에서 찾을 말")


class PostQueryInput(PostSearchInput):
    board = IdField(required=False, help_text="한 게시판으로 좁히기")


class BoardCreateInput(serializers.Serializer):
    name = SingleLineField(min_length=1, max_length=30)
    category = serializers.ChoiceField(choices=Board.Category.choices)
    description = SingleLineField(max_length=200, required=False, allow_blank=True, default="")


class BoardUpdateInput(serializers.Serializer):
    name = SingleLineField(min_length=1, max_length=30, required=False)
    category = serializers.ChoiceField(choices=Board.Category.choices, required=False)
    description = SingleLineField(max_length=200, required=False, allow_blank=True)


class FavoriteOutput(serializers.Serializer):
    is_favorite = serializers.BooleanField()


class BoardRefOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class PostImageOutput(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.CharField(read_only=True)
    width = serializers.IntegerField()
    height = serializers.IntegerField()


class PostOutput(serializers.ModelSerializer):
    board = BoardRefOutput()
    author = AuthorOutput(read_only=True)
    is_mine = serializers.BooleanField(read_only=True)
    is_liked = serializers.BooleanField()
    is_scrapped = serializers.BooleanField()
    is_hot = serializers.BooleanField(read_only=True)
    images = PostImageOutput(many=True)

    class Meta:
        model = Post
        fields = [
            "id", "board", "title", "content", "is_anonymous", "is_question", "author", "is_mine",
            "like_count", "comment_count", "scrap_count", "is_liked", "is_scrapped", "is_hot",
            "images", "created_at", "updated_at",
        ]  # fmt: skip

    def to_representation(self, row: dict) -> dict:
        return post_json(row, self.context["request"])


def post_json(row: dict, request: Any) -> dict:
    """A post row (`boards.feeds.post_row`) as `PostOutput` writes it, shaped by hand (see
    `campus.core.api.shapes`): times as text, image URLs absolute. A page of posts calls it
    row by row: DRF's list serializer around it cost more than the shaping itself."""
    return {
        "id": row["id"],
        "board": {"id": row["board"]["id"], "name": row["board"]["name"]},
        "title": row["title"],
        "content": row["content"],
        "is_anonymous": row["is_anonymous"],
        "is_question": row["is_question"],
        "author": row["author"],
        "is_mine": row["is_mine"],
        "like_count": row["like_count"],
        "comment_count": row["comment_count"],
        "scrap_count": row["scrap_count"],
        "is_liked": row["is_liked"],
        "is_scrapped": row["is_scrapped"],
        "is_hot": row["is_hot"],
        "images": [{**image, "url": request.build_absolute_uri(image["url"])} for image in row["images"]],
        "created_at": datetime_text(row["created_at"]),
        "updated_at": datetime_text(row["updated_at"]),
    }


def json_rows(request: Any) -> RowForm:
    """A post list's rows as this API writes them, kept so in the school cache (`feeds.RowForm`):
    each row's JSON without the viewer's own fields, to which `merge` adds them (last: a JSON
    object's order means nothing). On a hit the page's rows are neither unpickled as dicts nor
    shaped again (a cached feed ≈ 10 % faster in-process). Image URLs are absolute, so the form
    is per scheme and host."""

    def make(row: dict) -> tuple[int, bytes]:
        shown = post_json(row, request)
        return row["id"], write_json({k: v for k, v in shown.items() if k not in POST_VIEWER_FIELDS})

    def merge(kept: tuple[int, bytes], own: dict) -> WrittenJSON:
        return WrittenJSON(kept[1][:-1] + b"," + write_json(own)[1:])  # {…} + {own} → {…, own}

    return RowForm(f"json:{request.build_absolute_uri('/')}", make=make, row_id=itemgetter(0), merge=merge)


class PostCreateInput(serializers.Serializer):
    title = SingleLineField(min_length=1, max_length=settings.POST_TITLE_MAX_LENGTH)
    content = MultiLineField(min_length=1, max_length=settings.POST_CONTENT_MAX_LENGTH)
    is_anonymous = OptionalBooleanField(help_text="생략하면 익명. 게시판 정책이 우선합니다.")
    is_question = serializers.BooleanField(required=False, default=False)


class PostCreateMultipartInput(PostCreateInput):
    images = serializers.ListField(
        child=serializers.ImageField(), required=False, max_length=settings.POST_IMAGE_MAX_COUNT
    )


class PostUpdateInput(serializers.Serializer):
    title = SingleLineField(min_length=1, max_length=settings.POST_TITLE_MAX_LENGTH, required=False)
    content = MultiLineField(min_length=1, max_length=settings.POST_CONTENT_MAX_LENGTH, required=False)


class LikeOutput(serializers.Serializer):
    like_count = serializers.IntegerField()
    is_liked = serializers.BooleanField()


class ScrapOutput(serializers.Serializer):
    scrap_count = serializers.IntegerField()
    is_scrapped = serializers.BooleanField()


class CommentOutput(serializers.ModelSerializer):
    content = serializers.CharField(read_only=True)
    author = AuthorOutput(read_only=True)
    is_mine = serializers.BooleanField(read_only=True)
    is_liked = serializers.BooleanField(read_only=True)
    is_deleted = serializers.BooleanField(read_only=True)

    class Meta:
        model = Comment
        fields = [
            "id", "post", "parent", "content", "is_anonymous", "author", "is_mine", "like_count",
            "is_liked", "is_deleted", "created_at",
        ]  # fmt: skip

    def to_representation(self, row: dict) -> dict:
        return comment_json(row)


class CommentTreeOutput(CommentOutput):
    replies = CommentOutput(many=True, read_only=True)

    class Meta(CommentOutput.Meta):
        fields = [*CommentOutput.Meta.fields, "replies"]

    def to_representation(self, row: dict) -> dict:
        return comment_tree_json(row)


def comment_json(row: dict) -> dict:
    """A comment row (`boards.feeds.comment_row`) as `CommentOutput` writes it, shaped by hand as
    posts are."""
    return {
        "id": row["id"],
        "post": row["post"],
        "parent": row["parent"],
        "content": row["content"],
        "is_anonymous": row["is_anonymous"],
        "author": row["author"],
        "is_mine": row["is_mine"],
        "like_count": row["like_count"],
        "is_liked": row["is_liked"],
        "is_deleted": row["is_deleted"],
        "created_at": datetime_text(row["created_at"]),
    }


def comment_tree_json(row: dict) -> dict:
    """A top comment with its replies as `CommentTreeOutput` writes it."""
    return {**comment_json(row), "replies": [comment_json(reply) for reply in row["replies"]]}


class CommentCreateInput(serializers.Serializer):
    content = MultiLineField(min_length=1, max_length=settings.COMMENT_MAX_LENGTH)
    is_anonymous = OptionalBooleanField(help_text="생략하면 익명. 게시판 정책이 우선합니다.")
    parent = IdField(required=False, allow_null=True)  # type: ignore[assignment]  # an input, not the model's


class CommentUpdateInput(serializers.Serializer):
    content = MultiLineField(min_length=1, max_length=settings.COMMENT_MAX_LENGTH)


class ReportInput(serializers.Serializer):
    reason = MultiLineField(min_length=1, max_length=Report.REASON_MAX_LENGTH)


class ReportOutput(serializers.Serializer):
    id = serializers.IntegerField()
    reason = serializers.CharField()
    created_at = serializers.DateTimeField()


class BestQueryInput(serializers.Serializer):
    period = serializers.ChoiceField(choices=[*BEST_PERIODS], required=False, default="week")
