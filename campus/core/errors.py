"""The one application error type that services raise, and the codes that decide its status.

A service says *what* went wrong (`code`); the HTTP status follows from the code, here, once,
so that the API and the web forms answer the same rule the same way (as Zulip's
`JsonableError` subclasses carry theirs). `field` names the input at fault: the API answers
`{"field": ["message"]}`, a web form shows the message next to that field.
"""

from enum import StrEnum
from typing import Any


class ErrorCode(StrEnum):
    INVALID = "invalid"
    TAKEN = "taken"  # a unique value (a name, a username) is already in use
    WRONG_PASSWORD = "wrong_password"
    INVALID_TOKEN = "invalid_token"  # a token sent in a body (logout) that is not one of yours
    INVALID_CREDENTIALS = "invalid_credentials"
    TOKEN_NOT_VALID = "token_not_valid"  # simplejwt's code, kept for every refused token
    PERMISSION_DENIED = "permission_denied"
    NOT_FOUND = "not_found"
    CONFLICT = "conflict"  # the request collides with the state (a clash, a second report)
    TOO_LARGE = "too_large"
    IDEMPOTENCY_KEY_REUSED = "idempotency_key_reused"
    THROTTLED = "throttled"
    LOGIN_LOCKED = "login_locked"
    VERIFICATION_REQUIRED = "verification_required"  # 학교 인증 first (a `required` school)
    EMAIL_TAKEN = "email_taken"  # a school address another active account verified with

    @property
    def status(self) -> int:
        return STATUS[self]


STATUS: dict[ErrorCode, int] = {
    ErrorCode.INVALID: 400,
    ErrorCode.TAKEN: 400,
    ErrorCode.WRONG_PASSWORD: 400,
    ErrorCode.INVALID_TOKEN: 400,
    ErrorCode.INVALID_CREDENTIALS: 401,
    ErrorCode.TOKEN_NOT_VALID: 401,
    ErrorCode.PERMISSION_DENIED: 403,
    ErrorCode.NOT_FOUND: 404,
    ErrorCode.CONFLICT: 409,
    ErrorCode.TOO_LARGE: 413,
    ErrorCode.IDEMPOTENCY_KEY_REUSED: 422,
    ErrorCode.THROTTLED: 429,
    ErrorCode.LOGIN_LOCKED: 429,
    ErrorCode.VERIFICATION_REQUIRED: 403,
    ErrorCode.EMAIL_TAKEN: 409,
}


class ApplicationError(Exception):
    """A rule was broken. `code` decides the status; `extra` joins the body; `retry_after`
    (seconds) becomes the Retry-After header. `field` names the one input at fault; a rule that
    checks several inputs at once gives every refusal by field with `ApplicationError.fields`."""

    def __init__(
        self,
        message: str,
        *,
        code: ErrorCode = ErrorCode.INVALID,
        field: str | None = None,
        extra: dict[str, Any] | None = None,
        retry_after: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = ErrorCode(code)
        self.status = self.code.status
        self.field = field
        self.field_errors: dict[str, list[str]] = {field: [message]} if field else {}
        self.extra = extra or {}
        self.retry_after = retry_after

    @classmethod
    def fields(
        cls, errors: dict[str, list[str]], *, code: ErrorCode = ErrorCode.INVALID
    ) -> "ApplicationError":
        """Refusals of several inputs (`{"username": ["…"], "email": ["…"]}`), answered together."""
        field, messages = next(iter(errors.items()))
        error = cls(messages[0], code=code, field=field)
        error.field_errors = {name: list(texts) for name, texts in errors.items()}
        return error
