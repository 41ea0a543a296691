"""Who may see a page, and how a page turns a service's refusal into a form error."""

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import resolve_url
from django_htmx.http import HttpResponseClientRedirect
from django_htmx.middleware import HtmxDetails
from rest_framework.throttling import SimpleRateThrottle

from campus.accounts.models import User
from campus.accounts.selectors import community_access_check
from campus.core.errors import ApplicationError

# The session's login backend (settings.AUTHENTICATION_BACKENDS): reads the student with their school.
STUDENT_BACKEND = "campus.accounts.authentication.StudentModelBackend"


class StudentRequest(HttpRequest):
    """What a page behind `student_required` is given: a logged-in student (and htmx's details,
    from django-htmx's middleware). For the type checker; at run time it is Django's request."""

    user: User
    htmx: HtmxDetails


def student_required(view: Callable) -> Callable:
    """Logged-in students only. Anyone else goes to `/login/?next=…` and comes back after
    logging in; an htmx request whose session expired gets a client redirect, so the login page
    replaces the whole page instead of being swapped into a fragment."""

    @wraps(view)
    def wrapper(request: StudentRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            return view(request, *args, **kwargs)
        back = request.htmx.current_url_abs_path if request.htmx else request.get_full_path()
        login = f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': back or '/'})}"
        return HttpResponseClientRedirect(login) if request.htmx else HttpResponseRedirect(login)

    return wrapper


def community_required(view: Callable) -> Callable:
    """`student_required`, and 학교 인증's rule (`community_access_check`): an unverified student
    of a `required` school is sent to `/verify/` instead of the community's pages."""

    @student_required
    @wraps(view)
    def wrapper(request: StudentRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            community_access_check(viewer=request.user)
        except ApplicationError as refusal:
            messages.info(request, refusal.message)
            verify = resolve_url("web:verify")
            return HttpResponseClientRedirect(verify) if request.htmx else HttpResponseRedirect(verify)
        return view(request, *args, **kwargs)

    return wrapper


def add_service_error(form: forms.Form, error: ApplicationError) -> None:
    """A rule the service refused becomes a message next to its field (or above the form)."""
    if not error.field_errors:
        form.add_error(None, error.message)
    for field, texts in error.field_errors.items():
        for message in texts:
            form.add_error(field if field in form.fields else None, message)


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
    if throttle.allow_request(request, None):  # type: ignore[arg-type]  # a page's request, no view
        return None
    return int(throttle.wait() or 1)
