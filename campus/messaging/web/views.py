"""쪽지 pages: my conversations, and one thread with 보내기, 차단 and 나가기. Reads through the
API's selectors, writes through its services, so blocks and anonymity hold here as there."""

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from campus.boards import selectors as boards
from campus.boards.models import Post
from campus.core.errors import ApplicationError
from campus.messaging import selectors, services
from campus.messaging.web.forms import MessageForm
from campus.web.auth import StudentRequest, community_required
from campus.web.tools import Tool, render_tool

THREAD_LENGTH = 100  # the newest messages a thread page shows, oldest at the top
LIST_LENGTH = 50


@community_required
@require_GET
def conversation_list(request: StudentRequest) -> HttpResponse:
    me = request.user
    conversations = list(
        selectors.conversation_list_for(viewer=me).order_by("-last_message_at", "-id")[:LIST_LENGTH]
    )
    selectors.conversations_attach_last_messages(conversations)
    rows = [{"conversation": c, "name": c.counterpart_name(me.pk)} for c in conversations]
    return render(request, "messaging/list.html", {"rows": rows})


@community_required
@require_http_methods(["GET", "POST"])
def thread(request: StudentRequest, pk: int) -> HttpResponse:
    me = request.user
    conversation = selectors.conversation_get_for(viewer=me, pk=pk)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.message_send(conversation=conversation, sender=me, content=form.cleaned_data["content"])
        except ApplicationError as error:
            form.add_error("content", error.message)
        else:
            return redirect(conversation)
    services.conversation_mark_read(conversation=conversation, reader=me)
    newest = list(selectors.message_list_for(viewer=me, conversation=conversation)[:THREAD_LENGTH])
    context = {
        "conversation": conversation,
        "name": conversation.counterpart_name(me.pk),
        "is_blocked": conversation.blocked_by(me.pk),
        "thread": newest[::-1],
        "form": form,
    }
    return render(request, "messaging/thread.html", context, status=400 if form.errors else 200)


def _origin(request: StudentRequest, kind: str, pk: int) -> tuple[dict, Post]:
    """What a 쪽지 starts from (a post or a comment the viewer may read), and its post."""
    if kind == "posts":
        post = boards.post_get_for(viewer=request.user, pk=pk)
        return {"post": post}, post
    comment = boards.comment_get_for(viewer=request.user, pk=pk)
    return {"comment": comment}, comment.post


@community_required
@require_http_methods(["GET", "POST"])
def start(request: StudentRequest, kind: str, pk: int) -> HttpResponse:
    """A 쪽지 to the author of a post or comment, from the post page; it starts (or continues)
    the conversation of that origin, anonymous on both sides when the origin was."""
    origin, post = _origin(request, kind, pk)
    if request.method == "GET":
        return render_tool(request, Tool(
            title="쪽지 보내기", action=reverse("messaging:start", args=[kind, pk]),
            back=post.get_absolute_url(), id=f"message-{kind}-{pk}", label="내용", name="content",
            submit="보내기", max_length=settings.MESSAGE_MAX_LENGTH,
        ))  # fmt: skip
    form = MessageForm(request.POST)
    if not form.is_valid():
        messages.error(request, f"쪽지 내용을 적어 주세요 ({settings.MESSAGE_MAX_LENGTH:,}자 이하).")
        return redirect(post)
    try:
        conversation, _ = services.conversation_start(
            sender=request.user, content=form.cleaned_data["content"], **origin
        )
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect(post)
    messages.success(request, "쪽지를 보냈습니다.")
    return redirect(conversation)


@community_required
@require_POST
def block(request: StudentRequest, pk: int) -> HttpResponse:
    conversation = selectors.conversation_get_for(viewer=request.user, pk=pk)
    blocked = request.POST.get("blocked") == "1"
    services.conversation_block_set(conversation=conversation, user=request.user, blocked=blocked)
    messages.success(request, "이 대화를 차단했습니다." if blocked else "차단을 풀었습니다.")
    return redirect(conversation)


@community_required
@require_POST
def leave(request: StudentRequest, pk: int) -> HttpResponse:
    conversation = selectors.conversation_get_for(viewer=request.user, pk=pk)
    services.conversation_hide(conversation=conversation, user=request.user)
    messages.success(request, "대화에서 나갔습니다. 상대가 새 쪽지를 보내면 다시 나타납니다.")
    return redirect("messaging:list")
