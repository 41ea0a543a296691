"""Board pages: a board's posts with "더 보기", writing a post, 즐겨찾기. Lists are the rows the API
serves (`boards.feeds`, through the school cache); writes go through the same services."""

from collections.abc import Callable

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from campus.boards import feeds, selectors, services
from campus.boards.images import images_check
from campus.boards.models import BoardAnonymity, Post
from campus.boards.web.forms import PostForm, blank_post_form_fields
from campus.core.errors import ApplicationError
from campus.core.pagination import InvalidCursor, Keyset, Page, PageRequest
from campus.core.text import search_term
from campus.core.views import error_response
from campus.web.auth import StudentRequest, add_service_error, community_required
from campus.web.fragments import page_fragment


def _rows(request: StudentRequest, read: Callable[[PageRequest], Page], empty_text: str = "") -> SafeString:
    """The post rows of the page the request asks for (`?cursor=`), with "더 보기" to the next one,
    as HTML (kept beside a page every student of the school sees alike: `page_fragment`)."""
    paginator = Keyset()
    page = read(paginator.page_request(request, Post))
    paginator.set_links(request, page)
    context = {"posts": page.rows, "next_url": paginator.next_link, "empty_text": empty_text}
    return page_fragment(request, page, "boards/post_rows.html", context)


@community_required
@require_http_methods(["GET", "POST"])
def board_page(request: StudentRequest, pk: int) -> HttpResponse:
    board = feeds.board_shown(viewer=request.user, pk=pk)
    anonymity = BoardAnonymity(board["anonymity"])
    form = PostForm(request.POST or None, request.FILES or None, anonymity=anonymity)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            images = images_check(data["images"])
            post = services.post_create(
                board=selectors.board_get_for(viewer=request.user, pk=pk), author=request.user,
                images=images, title=data["title"], content=data["content"],
                is_question=data["is_question"], is_anonymous=data.get("is_anonymous"),
            )  # fmt: skip
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            return redirect(post)
    try:
        rows = _rows(
            request, lambda page: feeds.board_feed(viewer=request.user, board_id=pk, page=page, own=False)
        )
    except InvalidCursor as error:
        return error_response(request, status=400, detail=error.message, code="invalid")
    if request.htmx and request.method == "GET":
        return HttpResponse(rows)
    form_fields = (
        render_to_string("boards/post_form_fields.html", {"form": form})
        if form.is_bound
        else blank_post_form_fields(anonymity)
    )
    context = {"board": board, "form": form, "form_fields": form_fields, "rows": rows}
    return render(request, "boards/board.html", context, status=400 if form.errors else 200)


@community_required
@require_GET
def search_page(request: StudentRequest) -> HttpResponse:
    """My school's posts whose title or content has the words, newest first, as on a board."""
    query = search_term(request.GET.get("q") or "")
    rows = ""
    if query:
        try:
            rows = _rows(
                request,
                lambda page: feeds.school_search(viewer=request.user, page=page, search=query, own=False),
                empty_text="찾는 글이 없습니다.",
            )
        except InvalidCursor as error:
            return error_response(request, status=400, detail=error.message, code="invalid")
    if request.htmx:
        return HttpResponse(rows)
    return render(request, "boards/search.html", {"query": query, "rows": rows})


MY_LISTS = {
    "posts": ("내가 쓴 글", selectors.my_posts, "아직 쓴 글이 없습니다."),
    "comments": ("댓글 단 글", selectors.my_commented_posts, "아직 댓글을 단 글이 없습니다."),
    "scraps": ("내 스크랩", selectors.my_scrapped_posts, "아직 스크랩한 글이 없습니다."),
}


@community_required
@require_GET
def my_list_page(request: StudentRequest, kind: str) -> HttpResponse:
    """내가 쓴 글, 댓글 단 글, 내 스크랩: the API's lists, newest first, with "더 보기"."""
    title, selector, empty_text = MY_LISTS[kind]
    posts = selector(viewer=request.user)
    try:
        rows = _rows(request, lambda page: feeds.own_page(posts, viewer=request.user, page=page), empty_text)
    except InvalidCursor as error:
        return error_response(request, status=400, detail=error.message, code="invalid")
    if request.htmx:
        return HttpResponse(rows)
    return render(request, "boards/my_list.html", {"title": title, "rows": rows})


@community_required
@require_POST
def board_favorite(request: StudentRequest, pk: int) -> HttpResponse:
    board = selectors.board_get_for(viewer=request.user, pk=pk)
    board.is_favorite = services.board_favorite_set(
        board=board, user=request.user, favorite=request.POST.get("favorite") == "1"
    )
    if request.htmx:
        return render(request, "boards/board.html#favorite", {"board": board})
    return redirect(board)
