"""Guards that run before any view."""

from django.http import HttpRequest, HttpResponse

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
