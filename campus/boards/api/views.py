"""Thin views: validate → selector/service → output. Scoping lives in the selectors."""

from collections.abc import Callable

from django.conf import settings
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from campus.accounts.authentication import request_student
from campus.accounts.permissions import CommunityMember
from campus.boards import feeds, selectors, services
from campus.boards.api.serializers import (
    BestQueryInput,
    BoardCreateInput,
    BoardOutput,
    BoardQueryInput,
    BoardUpdateInput,
    CommentCreateInput,
    CommentOutput,
    CommentTreeOutput,
    CommentUpdateInput,
    FavoriteOutput,
    LikeOutput,
    PostCreateInput,
    PostCreateMultipartInput,
    PostOutput,
    PostQueryInput,
    PostSearchInput,
    PostUpdateInput,
    ReportInput,
    ReportOutput,
    ScrapOutput,
    comment_tree_json,
    json_rows,
    post_json,
)
from campus.boards.images import images_check
from campus.boards.models import Comment, Post
from campus.core.api.idempotency import idempotent
from campus.core.api.pagination import CursorPagination
from campus.core.api.queries import query_input
from campus.core.api.schema import CONFLICT, IDEMPOTENCY_KEY, IDEMPOTENT, PAGE_PARAMETERS, page_of
from campus.core.ids import ID_PATTERN
from campus.core.pagination import Page, PageRequest


def _liked(count: int, *, liked: bool) -> Response:
    return Response(LikeOutput({"like_count": count, "is_liked": liked}).data)


def _scrapped(count: int, *, scrapped: bool) -> Response:
    return Response(ScrapOutput({"scrap_count": count, "is_scrapped": scrapped}).data)


class HotPagination(CursorPagination):
    ordering = selectors.HOT_ORDER


class BestPagination(CursorPagination):
    ordering = selectors.BEST_ORDER


class PostListViewSet(viewsets.ViewSet):
    """Paginate a post queryset and render it with the viewer's context."""

    permission_classes = [CommunityMember]

    paginator: CursorPagination

    # (That docstring is what the schema has always shown for these views.) A page of post rows
    # (`boards.feeds`) in the `{"next", "previous", "results"}` envelope.

    def page_request(self, pagination_class=CursorPagination) -> PageRequest:
        self.paginator = pagination_class()
        return self.paginator.page_request(self.request, Post)

    def post_page(self, page: Page) -> Response:
        """A page read in the API's form (`json_rows`): its rows go out as they are."""
        return self.paginator.respond(self.request, page)


class BoardViewSet(PostListViewSet):
    lookup_value_regex = ID_PATTERN

    @extend_schema(
        summary="내 학교의 게시판 목록",
        parameters=[BoardQueryInput],
        responses=BoardOutput(many=True),
    )
    def list(self, request):
        query = query_input(BoardQueryInput, request)
        boards = selectors.board_search(boards=selectors.board_list_for(viewer=request.user), **query)
        return Response(BoardOutput(boards, many=True).data)

    @extend_schema(summary="게시판 만들기", request=BoardCreateInput, responses={201: BoardOutput})
    def create(self, request):
        data = BoardCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        board = services.board_create(creator=request.user, **data.validated_data)
        board = selectors.board_get_for(viewer=request.user, pk=board.pk)
        return Response(BoardOutput(board).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="게시판", responses=BoardOutput)
    def retrieve(self, request, pk=None):
        return Response(BoardOutput(selectors.board_get_for(viewer=request.user, pk=pk)).data)

    @extend_schema(
        summary="게시판 수정 (만든 사람 또는 운영자)", request=BoardUpdateInput, responses=BoardOutput
    )
    def partial_update(self, request, pk=None):
        board = selectors.board_get_for(viewer=request.user, pk=pk)
        data = BoardUpdateInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.board_update(board=board, user=request.user, **data.validated_data)
        return Response(BoardOutput(selectors.board_get_for(viewer=request.user, pk=pk)).data)

    @extend_schema(summary="게시판 삭제 (만든 사람 또는 운영자)", responses={204: None})
    def destroy(self, request, pk=None):
        board = selectors.board_get_for(viewer=request.user, pk=pk)
        services.board_delete(board=board, user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(summary="즐겨찾기", request=None, responses=FavoriteOutput)
    @action(detail=True, methods=["post"])
    def favorite(self, request, pk=None):
        return self._favorite(pk, favorite=True)

    @extend_schema(summary="즐겨찾기 해제", request=None, responses={200: FavoriteOutput})
    @favorite.mapping.delete
    def unfavorite(self, request, pk=None):
        return self._favorite(pk, favorite=False)

    def _favorite(self, pk, *, favorite: bool) -> Response:
        me = request_student(self.request)
        board = selectors.board_get_for(viewer=me, pk=pk)
        value = services.board_favorite_set(board=board, user=me, favorite=favorite)
        return Response({"is_favorite": value})

    @extend_schema(
        summary="게시판의 글 목록 (최신순)",
        parameters=[PostSearchInput, *PAGE_PARAMETERS],
        responses=page_of(PostOutput),
    )
    @action(detail=True, methods=["get"])
    def posts(self, request, pk=None):
        query = query_input(PostSearchInput, request)
        page = feeds.board_feed(
            viewer=request.user, board_id=int(pk), page=self.page_request(), form=json_rows(request), **query
        )
        if not page.rows:
            selectors.board_get_for(viewer=request.user, pk=pk)  # an empty board, or a 404
        return self.post_page(page)

    @extend_schema(
        summary="글쓰기 (JSON, 또는 이미지와 함께 multipart)",
        parameters=[IDEMPOTENCY_KEY],
        request={"application/json": PostCreateInput, "multipart/form-data": PostCreateMultipartInput},
        responses={201: PostOutput, **IDEMPOTENT},
    )
    @posts.mapping.post
    @idempotent
    def post_create(self, request, pk=None):
        board = selectors.board_get_for(viewer=request.user, pk=pk)
        data = PostCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        images = images_check(request.FILES.getlist("images"))
        post = services.post_create(board=board, author=request.user, images=images, **data.validated_data)
        row = feeds.post_row_for(selectors.post_get_for(viewer=request.user, pk=post.pk), viewer=request.user)
        return Response(PostOutput(row, context={"request": request}).data, status=status.HTTP_201_CREATED)


class PostViewSet(PostListViewSet):
    lookup_value_regex = ID_PATTERN

    def _post(self, pk):
        return selectors.post_get_for(viewer=self.request.user, pk=pk)

    def _output(self, post):
        row = feeds.post_row_for(post, viewer=self.request.user)
        return Response(PostOutput(row, context={"request": self.request}).data)

    @extend_schema(
        summary="내 학교 글 검색",
        parameters=[PostQueryInput, *PAGE_PARAMETERS],
        responses=page_of(PostOutput),
    )
    def list(self, request):
        query = query_input(PostQueryInput, request)
        page = feeds.school_search(
            viewer=request.user,
            page=self.page_request(),
            search=query["search"],
            board_id=query.get("board"),
            form=json_rows(request),
        )
        return self.post_page(page)

    @extend_schema(summary="글 보기", responses=PostOutput)
    def retrieve(self, request, pk=None):
        return Response(post_json(feeds.post_detail(viewer=request.user, pk=int(pk)), request))

    @extend_schema(summary="글 수정 (작성자)", request=PostUpdateInput, responses=PostOutput)
    def partial_update(self, request, pk=None):
        post = self._post(pk)
        data = PostUpdateInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.post_update(post=post, user=request.user, **data.validated_data)
        return self._output(self._post(pk))

    @extend_schema(
        summary="글 삭제 (작성자 또는 운영자; 댓글 달린 질문 글은 409)", responses={204: None, **CONFLICT}
    )
    def destroy(self, request, pk=None):
        services.post_delete(post=self._post(pk), user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(summary="공감 (자기 글은 403)", request=None, responses=LikeOutput)
    @action(detail=True, methods=["post"])
    def like(self, request, pk=None):
        return _liked(services.post_like(post=self._post(pk), user=request.user), liked=True)

    @extend_schema(summary="공감 취소", request=None, responses={200: LikeOutput})
    @like.mapping.delete
    def unlike(self, request, pk=None):
        return _liked(services.post_unlike(post=self._post(pk), user=request.user), liked=False)

    @extend_schema(summary="스크랩", request=None, responses=ScrapOutput)
    @action(detail=True, methods=["post"])
    def scrap(self, request, pk=None):
        return _scrapped(services.post_scrap(post=self._post(pk), user=request.user), scrapped=True)

    @extend_schema(summary="스크랩 취소", request=None, responses={200: ScrapOutput})
    @scrap.mapping.delete
    def unscrap(self, request, pk=None):
        return _scrapped(services.post_unscrap(post=self._post(pk), user=request.user), scrapped=False)

    @extend_schema(summary="댓글 (트리, 오래된 순)", responses=CommentTreeOutput(many=True))
    @action(detail=True, methods=["get"])
    def comments(self, request, pk=None):
        tree = feeds.comment_tree(viewer=request.user, pk=int(pk))
        return Response([comment_tree_json(top) for top in tree])  # as CommentTreeOutput writes it

    @extend_schema(
        summary="댓글 / 답글 쓰기",
        parameters=[IDEMPOTENCY_KEY],
        request=CommentCreateInput,
        responses={201: CommentOutput, **IDEMPOTENT},
    )
    @comments.mapping.post
    @idempotent
    def comment_create(self, request, pk=None):
        post = self._post(pk)
        data = CommentCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        parent_id = data.validated_data.pop("parent", None)
        parent = None
        if parent_id is not None:
            parent = selectors.comment_parent_get(viewer=request.user, post=post, pk=parent_id)
        comment = services.comment_create(
            post=post, author=request.user, parent=parent, **data.validated_data
        )
        row = feeds.comment_row_for(comment, post=post, viewer=request.user)
        return Response(CommentOutput(row).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="글 신고 (한 번만; 다시 하면 409)",
        request=ReportInput,
        responses={201: ReportOutput, **CONFLICT},
    )
    @action(detail=True, methods=["post"])
    def report(self, request, pk=None):
        post = self._post(pk)
        data = ReportInput(data=request.data)
        data.is_valid(raise_exception=True)
        report = services.post_report(post=post, reporter=request.user, **data.validated_data)
        return Response(ReportOutput(report).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary=f"HOT 게시물 (공감 {settings.HOT_LIKE_THRESHOLD}개 이상, 최근에 HOT이 된 순)",
        parameters=PAGE_PARAMETERS,
        responses=page_of(PostOutput),
    )
    @action(detail=False, methods=["get"])
    def hot(self, request):
        page = feeds.hot_feed(
            viewer=request.user, page=self.page_request(HotPagination), form=json_rows(request)
        )
        return self.post_page(page)

    @extend_schema(
        summary="BEST 게시물 (공감 많은 순)",
        parameters=[
            OpenApiParameter("period", str, enum=[*selectors.BEST_PERIODS], default="week"),
            *PAGE_PARAMETERS,
        ],
        responses=page_of(PostOutput),
    )
    @action(detail=False, methods=["get"])
    def best(self, request):
        query = query_input(BestQueryInput, request)
        posts = selectors.post_best_list_for(viewer=request.user, period=query["period"])
        return self.post_page(
            feeds.own_page(
                posts, viewer=request.user, page=self.page_request(BestPagination), form=json_rows(request)
            )
        )


class CommentViewSet(viewsets.ViewSet):
    permission_classes = [CommunityMember]
    lookup_value_regex = ID_PATTERN
    http_method_names = ["patch", "delete", "post", "options"]

    def _comment(self, pk) -> Comment:
        return selectors.comment_get_for(viewer=request_student(self.request), pk=pk)

    @extend_schema(summary="댓글 수정 (작성자)", request=CommentUpdateInput, responses=CommentOutput)
    def partial_update(self, request, pk=None):
        comment = self._comment(pk)
        data = CommentUpdateInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.comment_update(comment=comment, user=request.user, **data.validated_data)
        comment = get_object_or_404(selectors.comment_list_for(viewer=request.user, post=comment.post), pk=pk)
        row = feeds.comment_row_for(comment, post=comment.post, viewer=request.user)
        return Response(CommentOutput(row).data)

    @extend_schema(summary="댓글 삭제 (작성자 또는 운영자)", responses={204: None})
    def destroy(self, request, pk=None):
        services.comment_delete(comment=self._comment(pk), user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(summary="댓글 공감 (자기 댓글은 403)", request=None, responses=LikeOutput)
    @action(detail=True, methods=["post"])
    def like(self, request, pk=None):
        return _liked(services.comment_like(comment=self._comment(pk), user=request.user), liked=True)

    @extend_schema(summary="댓글 공감 취소", request=None, responses={200: LikeOutput})
    @like.mapping.delete
    def unlike(self, request, pk=None):
        return _liked(services.comment_unlike(comment=self._comment(pk), user=request.user), liked=False)

    @extend_schema(
        summary="댓글 신고 (한 번만; 다시 하면 409)",
        request=ReportInput,
        responses={201: ReportOutput, **CONFLICT},
    )
    @action(detail=True, methods=["post"])
    def report(self, request, pk=None):
        comment = self._comment(pk)
        data = ReportInput(data=request.data)
        data.is_valid(raise_exception=True)
        report = services.comment_report(comment=comment, reporter=request.user, **data.validated_data)
        return Response(ReportOutput(report).data, status=status.HTTP_201_CREATED)


class MyPostListViewSet(PostListViewSet):
    """`/me/posts/`, `/me/commented-posts/`, `/me/scraps/` — the selector is chosen per route."""

    selector: Callable[..., QuerySet[Post]]

    @extend_schema(summary="내 글 목록", parameters=PAGE_PARAMETERS, responses=page_of(PostOutput))
    def list(self, request):
        posts = type(self).selector(viewer=request.user)
        page = feeds.own_page(posts, viewer=request.user, page=self.page_request(), form=json_rows(request))
        return self.post_page(page)


class MyPostsViewSet(MyPostListViewSet):
    selector = staticmethod(selectors.my_posts)


class MyCommentedPostsViewSet(MyPostListViewSet):
    selector = staticmethod(selectors.my_commented_posts)


class MyScrapsViewSet(MyPostListViewSet):
    selector = staticmethod(selectors.my_scrapped_posts)
