import time
from typing import Any, cast

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError
from drf_spectacular.contrib.rest_framework_simplejwt import SimpleJWTScheme
from rest_framework.request import Request
from rest_framework_simplejwt.authentication import JWTAuthentication
from rest_framework_simplejwt.backends import TokenBackend
from rest_framework_simplejwt.exceptions import TokenBackendExpiredToken
from rest_framework_simplejwt.settings import api_settings
from rest_framework_simplejwt.tokens import AccessToken

from campus.accounts.models import User
from campus.accounts.students import KeptStudents
from campus.core.statements import CompiledGet

# Every authenticated request reads its student with their school: compiled once (core.statements),
# and kept in this process while their row and the schools have not changed (accounts.students).
student_with_school = CompiledGet(User.objects.select_related("school"))
kept_students = KeptStudents(student_with_school)


def student_get(pk: Any) -> User | None:
    """The student with this id, with their school; None for no such student (or no id at all)."""
    try:
        pk = User._meta.pk.to_python(pk)
    except ValidationError:  # not an id: nobody
        return None
    return kept_students.get(pk) if pk is not None else None


class CheckedTokenBackend(TokenBackend):
    """simplejwt's token backend, keeping the payloads of the last access tokens whose signature
    it checked: a client sends the same token with every request for its 15 minutes, and the
    check (base64, JSON, HMAC) cost a tenth of a cached feed. Keyed by the token's whole text,
    so a token altered in any character is checked afresh; expiry is checked on every use, and
    everything else (type, revocation, the student) by simplejwt after, as before."""

    KEPT = 4096

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._checked: dict[str, dict[str, Any]] = {}

    def decode(self, token: Any, verify: bool = True) -> dict[str, Any]:
        payload = self._checked.get(token) if verify else None
        if payload is None:
            payload = super().decode(token, verify=verify)
            if verify and "exp" in payload:
                if len(self._checked) >= self.KEPT:
                    self._checked.pop(next(iter(self._checked)), None)  # the oldest
                self._checked[token] = payload
        elif payload["exp"] + self.get_leeway().total_seconds() <= time.time():
            self._checked.pop(token, None)
            raise TokenBackendExpiredToken("Token is expired")
        return dict(payload)  # simplejwt's Token may change its own copy


class CheckedAccessToken(AccessToken):
    """The access token every API request sends (`SIMPLE_JWT["AUTH_TOKEN_CLASSES"]`), read
    through `CheckedTokenBackend`; made and signed as simplejwt's own."""

    _token_backend = CheckedTokenBackend(
        api_settings.ALGORITHM, api_settings.SIGNING_KEY, api_settings.VERIFYING_KEY,
        api_settings.AUDIENCE, api_settings.ISSUER, api_settings.JWK_URL, api_settings.LEEWAY,
        api_settings.JSON_ENCODER,
    )  # fmt: skip


class _Students:
    def get(self, *, id: Any) -> User:  # simplejwt asks by its USER_ID_FIELD, `id`
        student = student_get(id)
        if student is None:
            raise User.DoesNotExist
        return student


class _StudentsWithSchool:
    """What simplejwt asks of its `user_model`: `objects.get(id=…)` and `DoesNotExist`."""

    DoesNotExist = User.DoesNotExist
    objects = _Students()


class StudentJWTAuthentication(JWTAuthentication):
    """simplejwt's JWT check as it is (expiry, blacklist, revocation on a password change, an
    inactive user), reading the student together with their school: `/me/` and every page that
    names the school would otherwise read it in a second query."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user_model = _StudentsWithSchool


class StudentJWTScheme(SimpleJWTScheme):
    """The OpenAPI `jwtAuth` scheme, for the subclass too (drf-spectacular matches by class)."""

    target_class = StudentJWTAuthentication  # type: ignore[assignment]  # drf-spectacular takes a class too


def request_student(request: Request) -> User:
    """The student an API request is authenticated as: every endpoint but the public ones (their
    views say `AllowAny`) answers 401 before its view runs without one."""
    return cast(User, request.user)


class StudentModelBackend(ModelBackend):
    """Django's username/password backend; a web session's student is read with their school
    (the header, and 학교 인증's rule on every community page, read it)."""

    def get_user(self, user_id: Any) -> User | None:
        user = student_get(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
