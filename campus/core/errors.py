"""The one application error type that services raise and the API turns into a 4xx."""

from enum import StrEnum
from typing import Any


class ErrorCode(StrEnum):
    INVALID = "invalid"
    NOT_FOUND = "not_found"
    PERMISSION_DENIED = "permission_denied"
    CONFLICT = "conflict"
    THROTTLED = "throttled"
    INVALID_CREDENTIALS = "invalid_credentials"
    LOGIN_LOCKED = "login_locked"
    WRONG_PASSWORD = "wrong_password"
    INVALID_TOKEN = "invalid_token"


class ApplicationError(Exception):
    """A rule was broken. `status` is the HTTP status the API answers with; `extra` joins the body."""

    def __init__(
        self,
        message: str,
        *,
        code: str = ErrorCode.INVALID,
        status: int = 400,
        field: str | None = None,
        extra: dict[str, Any] | None = None,
        retry_after: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = str(code)
        self.status = status
        self.field = field
        self.extra = extra or {}
        self.retry_after = retry_after
