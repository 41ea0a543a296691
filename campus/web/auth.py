"""Who may see a page, how a page turns a service's refusal into a form error, and the small
forms that open behind a button."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django_htmx.http import HttpResponseClientRedirect
from rest_framework.throttling import SimpleRateThrottle

from campus.core.errors import ApplicationError


def student_required(view: Callable) -> Callable:
    """Logged-in students only. Anyone else goes to `/login/?next=…` and comes back after
    logging in; an htmx request whose session expired gets a client redirect, so the login page
    replaces the whole page instead of being swapped into a fragment."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.user.is_authenticated:
            return view(request, *args, **kwargs)
        back = request.htmx.current_url_abs_path if request.htmx else request.get_full_path()
        login = f"{settings.LOGIN_URL}?{urlencode({'next': back or '/'})}"
        return HttpResponseClientRedirect(login) if request.htmx else HttpResponseRedirect(login)

    return wrapper


def add_service_error(form: forms.Form, error: ApplicationError) -> None:
    """A rule the service refused becomes a message next to its field (or above the form)."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


class _ScopeThrottle(SimpleRateThrottle):
    """DRF's rate for `scope`, keyed like `ScopedRateThrottle`, so pages and API share one count."""

    def __init__(self, scope: str) -> None:
        self.scope = scope
        super().__init__()

    def get_cache_key(self, request, view) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


def throttle_wait(request: HttpRequest, scope: str) -> int | None:
    """Seconds to wait when this address used up the API's rate for `scope`, else None."""
    throttle = _ScopeThrottle(scope)
    if throttle.allow_request(request, None):
        return None
    return int(throttle.wait() or 1)


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
    anonymity: str | None = None  # the board's policy, when the form offers 익명
    hidden: tuple[tuple[str, object], ...] = ()


def render_tool(request: HttpRequest, tool: Tool) -> HttpResponse:
    """The form alone for htmx (swapped in place of its button), or a page of its own."""
    template = "web/tool.html#form" if request.htmx else "web/tool.html"
    return render(request, template, {"tool": tool})
