"""The small forms that open behind a button (쪽지, 신고, 답글): htmx swaps the one form in place
of its button; without JavaScript the button opens it as a page. So a page holds one such form
at a time, never a hidden copy per comment."""

from dataclasses import dataclass

from django.http import HttpResponse
from django.shortcuts import render

from campus.boards.models import BoardAnonymity
from campus.web.auth import StudentRequest


@dataclass(frozen=True)
class Tool:
    """A one-field form behind a button (쪽지 → 내용/보내기, 신고 → 신고 사유/신고하기, 답글)."""

    title: str
    action: str
    back: str
    id: str
    label: str
    name: str
    submit: str
    max_length: int
    multiline: bool = True
    anonymity: BoardAnonymity | None = None  # the board's policy, when the form may offer 익명
    hidden: tuple[tuple[str, object], ...] = ()


def render_tool(request: StudentRequest, tool: Tool) -> HttpResponse:
    """The form alone for htmx (swapped in place of its button), or a page of its own."""
    template = "web/tool.html#form" if request.htmx else "web/tool.html"
    return render(request, template, {"tool": tool})
