import logging

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_safe
from django.views.defaults import page_not_found
from django.views.static import serve

logger = logging.getLogger(__name__)


@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness for load balancers: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("health check: database unavailable")
        return JsonResponse({"status": "unavailable", "database": "error"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def not_found(request: HttpRequest, exception: Exception | None = None):
    """JSON 404 for API paths that match no route (e.g. `/api/v1/posts/abc/`); HTML elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "찾을 수 없습니다.", "code": "not_found"}, status=404)
    return page_not_found(request, exception)


def media(request: HttpRequest, path: str):
    """Uploaded files, read from `MEDIA_ROOT` as it is now (tests and operators may change it)."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)
