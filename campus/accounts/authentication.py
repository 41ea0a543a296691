from typing import Any, cast

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError
from drf_spectacular.contrib.rest_framework_simplejwt import SimpleJWTScheme
from rest_framework.request import Request
from rest_framework_simplejwt.authentication import JWTAuthentication

from campus.accounts.models import User
from campus.core.statements import CompiledGet

# Every authenticated request reads its student with their school: compiled once (core.statements).
student_with_school = CompiledGet(User.objects.select_related("school"))


def student_get(pk: Any) -> User | None:
    """The student with this id, with their school; None for no such student (or no id at all)."""
    try:
        return student_with_school(pk)
    except (ValidationError, ValueError, TypeError):  # not an id: nobody
        return None


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
