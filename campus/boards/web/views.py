"""Board pages: a board's posts with "더 보기", writing a post, 즐겨찾기. Lists are the rows the API
serves (`boards.feeds`, through the school cache); writes go through the same services."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from campus.boards import feeds, selectors, services
from campus.boards.images import images_check
from campus.boards.models import Post
from campus.boards.web.forms import PostForm
from campus.core.errors import ApplicationError
from campus.core.pagination import InvalidCursor, Keyset, Page, PageRequest
from campus.core.text import search_term
from campus.core.views import error_response
from campus.web.auth import add_service_error, student_required


def _page(request: HttpRequest, read: Callable[[PageRequest], Page]) -> tuple[list, str | None]:
    """The rows of the page the request asks for (`?cursor=`) and the link to the next one."""
    paginator = Keyset()
    page = read(paginator.page_request(request, Post))
    paginator.set_links(request, page)
    return page.rows, paginator.next_link


@student_required
@require_http_methods(["GET", "POST"])
def board_page(request: HttpRequest, pk: int) -> HttpResponse:
    board = selectors.board_get_for(viewer=request.user, pk=pk)
    form = PostForm(request.POST or None, request.FILES or None, board=board)
    if request.method == "POST" and form.is_valid():
        fields = {
            name: form.cleaned_data.get(name) for name in ("title", "content", "is_question", "is_anonymous")
        }
        try:
            images = images_check(form.cleaned_data["images"])
            post = services.post_create(board=board, author=request.user, images=images, **fields)
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            return redirect(post)
    try:
        rows, next_url = _page(
            request, lambda page: feeds.board_feed(viewer=request.user, board_id=board.pk, page=page)
        )
    except InvalidCursor as error:
        return error_response(request, status=400, detail=error.message, code="invalid")
    context = {"board": board, "form": form, "posts": rows, "next_url": next_url}
    if request.htmx and request.method == "GET":
        return render(request, "boards/board.html#rows", context)
    return render(request, "boards/board.html", context, status=400 if form.errors else 200)


@student_required
@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    """My school's posts whose title or content has the words, newest first, as on a board."""
    query = search_term(request.GET.get("q") or "")
    context = {"query": query, "posts": [], "next_url": None}
    if query:
        try:
            context["posts"], context["next_url"] = _page(
                request, lambda page: feeds.school_search(viewer=request.user, page=page, search=query)
            )
        except InvalidCursor as error:
            return error_response(request, status=400, detail=error.message, code="invalid")
    if request.htmx:
        return render(request, "boards/search.html#rows", context)
    return render(request, "boards/search.html", context)


MY_LISTS = {
    "posts": ("내가 쓴 글", selectors.my_posts, "아직 쓴 글이 없습니다."),
    "comments": ("댓글 단 글", selectors.my_commented_posts, "아직 댓글을 단 글이 없습니다."),
    "scraps": ("내 스크랩", selectors.my_scrapped_posts, "아직 스크랩한 글이 없습니다."),
}


@student_required
@require_GET
def my_list_page(request: HttpRequest, kind: str) -> HttpResponse:
    """내가 쓴 글, 댓글 단 글, 내 스크랩: the API's lists, newest first, with "더 보기"."""
    title, selector, empty_text = MY_LISTS[kind]
    posts = selector(viewer=request.user)
    try:
        rows, next_url = _page(request, lambda page: feeds.own_page(posts, viewer=request.user, page=page))
    except InvalidCursor as error:
        return error_response(request, status=400, detail=error.message, code="invalid")
    context = {"title": title, "posts": rows, "next_url": next_url, "empty_text": empty_text}
    if request.htmx:
        return render(request, "boards/my_list.html#rows", context)
    return render(request, "boards/my_list.html", context)


@student_required
@require_POST
def board_favorite(request: HttpRequest, pk: int) -> HttpResponse:
    board = selectors.board_get_for(viewer=request.user, pk=pk)
    board.is_favorite = services.board_favorite_set(
        board=board, user=request.user, favorite=request.POST.get("favorite") == "1"
    )
    if request.htmx:
        return render(request, "boards/board.html#favorite", {"board": board})
    return redirect(board)
