import logging
import sys

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.views.decorators.http import require_safe
from django.views.static import serve

from campus.core import health

logger = logging.getLogger(__name__)

# How long a client should wait before retrying when the database is unavailable (seconds).
DATABASE_RETRY_AFTER = 5
# What the database driver raises when the server is down, restarting or unreachable.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)

ERROR_TITLES = {
    400: "잘못된 요청입니다",
    404: "페이지를 찾을 수 없습니다",
    500: "문제가 생겼습니다",
    503: "잠시 후 다시 시도해 주세요",
}


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def error_response(
    request: HttpRequest, *, status: int, detail: str, code: str, headers: dict | None = None
) -> HttpResponse:
    """The API's `{"detail", "code"}` under `/api/`, a Korean page everywhere else."""
    response: HttpResponse
    if is_api(request):
        response = JsonResponse({"detail": detail, "code": code}, status=status)
    else:
        # Rendered without the request: its context processors read the user, the session and
        # the unread count — the database, which may be what failed (a restart, a failover).
        context = {"status": status, "title": ERROR_TITLES.get(status, "오류"), "detail": detail}
        response = HttpResponse(render_to_string("errors/error.html", context), status=status)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness for load balancers: 200 when the database answers, 503 when it does not.
    The cache is reported too; without it the service still works (degraded), so it is not a 503."""
    cache_state = health.cache_state()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("health check: database unavailable")
        return JsonResponse({"status": "unavailable", "database": "error", "cache": cache_state}, status=503)
    return JsonResponse({"status": "ok", "database": "ok", "cache": cache_state})


def media(request: HttpRequest, path: str):
    """Uploaded files, read from `MEDIA_ROOT` as it is now (tests and operators may change it)."""
    return serve(request, path, document_root=str(settings.MEDIA_ROOT))


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_response(request, status=400, detail="요청을 처리할 수 없습니다.", code="bad_request")


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """JSON 404 for API paths that match no route (e.g. `/api/v1/posts/abc/`); a page elsewhere."""
    return error_response(request, status=404, detail="찾을 수 없습니다.", code="not_found")


def server_error(request: HttpRequest) -> HttpResponse:
    """Whatever escaped every other handler (Django has logged it with its traceback already).
    A database that is down or restarting is the client's cue to retry: 503 with Retry-After."""
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_UNAVAILABLE):
        return error_response(
            request,
            status=503,
            detail="데이터베이스에 잠시 연결할 수 없습니다. 잠시 후 다시 시도해 주세요.",
            code="service_unavailable",
            headers={"Retry-After": str(DATABASE_RETRY_AFTER)},
        )
    return error_response(request, status=500, detail="서버에서 문제가 생겼습니다.", code="server_error")
