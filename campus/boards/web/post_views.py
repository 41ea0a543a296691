"""The post page and what a student does there: 공감, 스크랩, comments and replies, 쪽지, 신고,
삭제. Every write is a POST that redirects back (so it works without JavaScript); htmx asks for
the changed fragment only. A refusal from a service shows its message on the page."""

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from campus.boards import feeds, selectors, services
from campus.boards.models import BoardAnonymity, Comment, Post, Report
from campus.boards.web.forms import CommentForm, PostEditForm, ReportForm
from campus.core.errors import ApplicationError
from campus.web.auth import StudentRequest, add_service_error, community_required
from campus.web.tools import Tool, render_tool


def _back(post: Post) -> HttpResponse:
    return redirect(post)


def _comment_form(post: dict, data=None) -> CommentForm:
    return CommentForm(data, anonymity=BoardAnonymity(post["board"]["anonymity"]))


def _post_context(request: StudentRequest, pk: int, **extra) -> dict:
    """The post page's rows — the post, its comment tree — as the API serves them (`boards.feeds`,
    through the school cache)."""
    post = feeds.post_detail(viewer=request.user, pk=pk)
    return {
        "post": post,
        "comments": feeds.comment_tree(viewer=request.user, pk=pk),
        "comment_form": extra.pop("comment_form", None) or _comment_form(post),
        "report_form": ReportForm(),
        **extra,
    }


@community_required
@require_GET
def post_page(request: StudentRequest, pk: int) -> HttpResponse:
    return render(request, "boards/post.html", _post_context(request, pk))


def _target(request: StudentRequest, kind: str, pk: int) -> tuple[Post | Comment, Post]:
    """The post or comment a report is about (404 unless the viewer may read it), and its post."""
    if kind == "posts":
        post = selectors.post_get_for(viewer=request.user, pk=pk)
        return post, post
    comment = selectors.comment_get_for(viewer=request.user, pk=pk)
    return comment, comment.post


def _attempt(request: StudentRequest, change: Callable[[], object]) -> bool:
    """Run a service call; a refusal becomes a message on the next page. Whether it went through."""
    try:
        change()
    except ApplicationError as error:
        messages.error(request, error.message)
        return False
    return True


@community_required
@require_POST
def post_like(request: StudentRequest, pk: int) -> HttpResponse:
    post = selectors.post_get_for(viewer=request.user, pk=pk)
    on = request.POST.get("on") == "1"
    refusal = None
    try:
        (services.post_like if on else services.post_unlike)(post=post, user=request.user)
    except ApplicationError as error:
        refusal = error.message
    if request.htmx:
        row = feeds.post_detail(viewer=request.user, pk=pk)
        return render(request, "boards/post.html#reactions", {"post": row, "refusal": refusal})
    if refusal:
        messages.error(request, refusal)
    return _back(post)


@community_required
@require_POST
def post_scrap(request: StudentRequest, pk: int) -> HttpResponse:
    post = selectors.post_get_for(viewer=request.user, pk=pk)
    on = request.POST.get("on") == "1"
    (services.post_scrap if on else services.post_unscrap)(post=post, user=request.user)
    if request.htmx:
        row = feeds.post_detail(viewer=request.user, pk=pk)
        return render(request, "boards/post.html#reactions", {"post": row})
    return _back(post)


@community_required
@require_POST
def comment_create(request: StudentRequest, pk: int) -> HttpResponse:
    post = selectors.post_get_for(viewer=request.user, pk=pk)
    form = CommentForm(request.POST, anonymity=post.board.policy)
    if form.is_valid():
        parent_id = form.cleaned_data.get("parent")
        try:
            parent = (
                selectors.comment_parent_get(viewer=request.user, post=post, pk=parent_id)
                if parent_id
                else None
            )
            services.comment_create(
                post=post, author=request.user, content=form.cleaned_data["content"], parent=parent,
                is_anonymous=form.cleaned_data.get("is_anonymous"),
            )  # fmt: skip
        except ApplicationError as error:
            form.add_error(None, error.message)
    if request.htmx:
        # The discussion swaps in place either way: the new comment and an empty form, or the
        # refusal next to the kept text (answered 200, since htmx does not swap an error status).
        context = _post_context(request, pk, comment_form=form if form.errors else None)
        return render(request, "boards/post.html#discussion", context)
    if form.errors:
        return render(request, "boards/post.html", _post_context(request, pk, comment_form=form), status=400)
    return _back(post)


@community_required
@require_POST
def comment_like(request: StudentRequest, pk: int) -> HttpResponse:
    comment = selectors.comment_get_for(viewer=request.user, pk=pk)
    change = services.comment_like if request.POST.get("on") == "1" else services.comment_unlike
    _attempt(request, lambda: change(comment=comment, user=request.user))
    return _back(comment.post)


@community_required
@require_POST
def post_delete(request: StudentRequest, pk: int) -> HttpResponse:
    post = selectors.post_get_for(viewer=request.user, pk=pk)
    if not _attempt(request, lambda: services.post_delete(post=post, user=request.user)):
        return _back(post)
    messages.success(request, "글을 삭제했습니다.")
    return redirect("boards:board", pk=post.board_id)


@community_required
@require_http_methods(["GET", "POST"])
def post_edit(request: StudentRequest, pk: int) -> HttpResponse:
    """수정: the author changes the title and the text (anonymity, board and photos stay)."""
    post = selectors.post_get_for(viewer=request.user, pk=pk)
    if post.author_id != request.user.id:
        raise Http404  # no edit form for someone else's post, as if there were none
    form = PostEditForm(request.POST or None, initial={"title": post.title, "content": post.content})
    if request.method == "POST" and form.is_valid():
        try:
            services.post_update(post=post, user=request.user, **form.cleaned_data)
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, "글을 고쳤습니다.")
            return _back(post)
    return render(
        request, "boards/post_edit.html", {"post": post, "form": form}, status=400 if form.errors else 200
    )


@community_required
@require_POST
def comment_delete(request: StudentRequest, pk: int) -> HttpResponse:
    comment = selectors.comment_get_for(viewer=request.user, pk=pk)
    _attempt(request, lambda: services.comment_delete(comment=comment, user=request.user))
    return _back(comment.post)


@community_required
@require_http_methods(["GET", "POST"])
def report(request: StudentRequest, kind: str, pk: int) -> HttpResponse:
    target, post = _target(request, kind, pk)
    if request.method == "GET":
        return render_tool(request, Tool(
            title="신고하기", action=reverse("boards:report", args=[kind, pk]), back=post.get_absolute_url(),
            id=f"report-{kind}-{pk}", label="신고 사유", name="reason", submit="신고하기",
            max_length=Report.REASON_MAX_LENGTH,
            multiline=False,
        ))  # fmt: skip
    form = ReportForm(request.POST)
    if not form.is_valid():
        messages.error(request, "신고 사유를 적어 주세요.")
        return _back(post)
    reason = form.cleaned_data["reason"]
    if isinstance(target, Post):
        done = _attempt(
            request, lambda: services.post_report(post=target, reporter=request.user, reason=reason)
        )
    else:
        done = _attempt(
            request, lambda: services.comment_report(comment=target, reporter=request.user, reason=reason)
        )
    if done:
        messages.success(request, "신고했습니다.")
    return _back(post)


@community_required
@require_GET
def reply_form(request: StudentRequest, pk: int) -> HttpResponse:
    """답글 to a comment: the comment form with the comment as its parent."""
    comment = selectors.comment_get_for(viewer=request.user, pk=pk)
    post = comment.post
    return render_tool(request, Tool(
        title="답글 쓰기", action=reverse("boards:comment-create", args=[post.pk]),
        back=post.get_absolute_url(), id=f"reply-{pk}", label="답글", name="content", submit="등록",
        max_length=settings.COMMENT_MAX_LENGTH,
        anonymity=post.board.policy, hidden=(("parent", comment.pk),),
    ))  # fmt: skip
