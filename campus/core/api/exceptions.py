"""One exception handler: domain errors and Django validation errors become clean 4xx answers."""

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.exceptions import ErrorDetail
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from campus.core.errors import ApplicationError, ErrorCode


def exception_handler(exc: Exception, context: dict) -> Response | None:
    if isinstance(exc, ApplicationError):
        body: dict[str, object]
        if exc.field_errors:  # the code travels on the message, as DRF's own field errors carry theirs
            body = {
                field: [ErrorDetail(message, code=exc.code) for message in messages]
                for field, messages in exc.field_errors.items()
            }
        else:
            body = {"detail": exc.message, "code": exc.code, **exc.extra}
        headers = {"Retry-After": str(exc.retry_after)} if exc.retry_after else None
        return Response(body, status=exc.status, headers=headers)
    if isinstance(exc, RequestDataTooBig):
        return Response({"detail": "요청 본문이 너무 큽니다.", "code": ErrorCode.TOO_LARGE}, status=413)
    if isinstance(exc, Http404):  # get_object_or_404's English "No Post matches…" names the model
        exc = exceptions.NotFound("찾을 수 없습니다.")
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied("권한이 없습니다.")
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(exc, exceptions.APIException) and isinstance(response.data, dict):
        # DRF puts the code only on the detail's ErrorDetail; clients get it as a field too.
        detail = response.data.get("detail")
        if detail is not None and "code" not in response.data:
            response.data["code"] = getattr(detail, "code", None) or exc.default_code
    if response is not None and response.status_code == status.HTTP_413_REQUEST_ENTITY_TOO_LARGE:
        response.data = {"detail": "업로드한 파일이 너무 큽니다.", "code": "too_large"}
    return response
