"""Guards that run before any view, and headers every response gets."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

from campus.core.views import error_response

NUL_IN_QUERY = "요청 주소에 허용되지 않는 문자(NUL)가 있습니다."


class QueryStringGuardMiddleware:
    """Refuse a NUL byte anywhere in the query string, for every URL at once.

    PostgreSQL text cannot hold NUL, so `?search=%00` reaching a filter is a DataError (a 500);
    no parameter of ours has a use for it. One guard here instead of one per parameter.
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        for key, values in request.GET.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                return error_response(request, status=400, detail=NUL_IN_QUERY, code="invalid")
        return self.get_response(request)


class PrivateResponsesMiddleware:
    """`Cache-Control: private, no-store` on every answer to a request that carries a student's
    credentials (the session cookie, an `Authorization` header): a shared computer's back button
    or a proxy must not show a student's 쪽지 after logout. Decided from the request's headers
    alone — never by loading the user, which an error page must not need (the database may be
    what failed). Public answers (static files, the landing page) stay cacheable."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META:
            patch_cache_control(response, private=True, no_store=True)
        return response
