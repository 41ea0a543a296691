"""The student every request is made by, kept in this process between their requests.

Every API request and every web page reads its student with their school before anything else
(`authentication.student_get`). Read from PostgreSQL, that is a query and the connection's
health check — two round trips and the ORM's whole path — on every request, a cached feed's
included, which otherwise touches no database at all. So each process keeps the students of
its recent requests, each with the generations (core.generations) of the student's row and of
the schools, read *before* the row was; a request whose numbers, read again from Redis in one
round trip, are the same is served a copy of the kept student without a query.

Every write to a student (`User`: a password change that revokes their tokens, a ban, 학교 인증,
a nickname, whichever code makes it through the ORM) moves their scope on, and every write to a
school moves the schools' on, at once and again on commit: a kept student is never served
after their row changed, in any process. Without a shared cache (no Redis, or Redis down) each
request reads the database, as before. Nothing of a student leaves the process: Redis holds the
numbers only, never a row (a password hash has no business in a cache).
"""

import copy
import threading
from collections.abc import Callable
from typing import Any

from campus.accounts.models import School, User
from campus.core import generations
from campus.core.generations import Tracked

SCHOOLS_SCOPE = "schools"


def student_scope(pk: Any) -> str:
    """A student's own row as the requests they make read it."""
    return f"student:{pk}"


class KeptStudents:
    """`get(pk)`: the student with this (already checked) primary key, with their school, or None
    — from this process's memory while their numbers have not moved, else from `read`. Each
    caller gets its own copy: a request that changes its student in memory changes nobody
    else's."""

    KEPT = 4096  # students per process; past it, the longest kept makes room

    def __init__(self, read: Callable[[Any], User | None]) -> None:
        self.read = read
        self._kept: dict[Any, tuple[tuple[int, ...], User]] = {}
        self._lock = threading.Lock()

    def get(self, pk: Any) -> User | None:
        if not generations.shared():
            return self.read(pk)
        numbers = generations.current(student_scope(pk), SCHOOLS_SCOPE)
        kept = self._kept.get(pk)
        # Redis may fail during this request: numbers from this process's own memory prove nothing.
        if kept is not None and kept[0] == numbers and generations.shared():
            return _copy(kept[1])
        student = self.read(pk)
        if student is None or not generations.shared():
            return student
        with self._lock:
            self._kept.pop(pk, None)
            if len(self._kept) >= self.KEPT:
                self._kept.pop(next(iter(self._kept)))
            self._kept[pk] = (numbers, student)
        return _copy(student)

    def forget(self) -> None:
        with self._lock:
            self._kept.clear()


def _copy(student: User) -> User:
    fresh = copy.copy(student)  # Django copies the instance's state and its related-object cache
    fresh.school = copy.copy(student.school)
    return fresh


CACHE_SCOPES = {
    User: Tracked(("pk",), lambda rows: {student_scope(pk) for (pk,) in rows}),
    School: Tracked(("pk",), lambda rows: {SCHOOLS_SCOPE} if rows else set()),
}
