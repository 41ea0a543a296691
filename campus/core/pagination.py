"""Keyset (cursor) pagination for every list, of the API and of the web pages alike.

DRF's `CursorPagination` keys only on the first ordering field and counts an offset past
equal values, so a list ordered by something that changes (BEST by likes, 쪽지함 by last
message) skips or repeats rows while it is paged, and a forged position reaches the ORM
unchecked (a 500). Here the cursor carries the values of **every** ordering field of the
row at the page's edge; the last field is a unique, never-changing tie-breaker (the id), and
each value is checked against its model field before any query.

What a client sees: rows whose ordering values do not change are never skipped or repeated.
A row whose value changes between two requests (a post liked while BEST is paged) moves to
its new place, so it may show up again or not at all in the pages still to come.

Ordering fields must be non-null columns of the model (`-hot_at` only over HOT posts).
"""

import base64
import binascii
import datetime
import json
from dataclasses import dataclass, field, replace
from typing import Any, cast
from urllib.parse import parse_qs, urlsplit, urlunsplit

from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.http import urlencode

from campus.core.errors import ApplicationError
from campus.core.ids import MAX_ID

INVALID_CURSOR = "잘못된 커서입니다."


def _params(request):
    """The query string of a DRF request or of a plain Django one (the web pages page too)."""
    return getattr(request, "query_params", request.GET)


class InvalidCursor(ApplicationError):
    """A `?cursor=` that is not one of ours: `400 {"cursor": ["잘못된 커서입니다."]}`."""

    def __init__(self) -> None:
        super().__init__(INVALID_CURSOR, field="cursor")


def _invalid() -> InvalidCursor:
    return InvalidCursor()


@dataclass(frozen=True)
class PageRequest:
    """Which page of a list a request asked for, decoded and checked (`CursorPagination.
    page_request`): the list's `ordering`, the cursor's `position` (None: the first page) and
    direction, and how many rows. Selectors take this, never the request."""

    ordering: tuple[str, ...]
    position: tuple | None = None
    backwards: bool = False
    size: int = 20

    @property
    def keys(self) -> list[tuple[str, bool]]:
        """(field name, descending) for each ordering field; the last one must be unique."""
        return [(name.lstrip("-"), name.startswith("-")) for name in self.ordering]

    def identity(self) -> list:
        """What tells this page from another of the same list (a cache key's part)."""
        return [list(self.ordering), self.size, self.position, self.backwards]


@dataclass(frozen=True)
class Page:
    """A page's rows and the positions at its edges (None: no page on that side). `cache_key`
    names a page every student of a school sees alike in the school cache (`core.pages`), so
    that what is made of it (a rendered fragment) can be kept beside it and go with it."""

    rows: list = field(default_factory=list)
    next_position: list | None = None
    previous_position: list | None = None
    cache_key: str | None = None

    def with_rows(self, rows: list) -> "Page":
        return replace(self, rows=rows)


def _after(page: PageRequest) -> Q:
    """Rows strictly past the page's position in its walking direction: (a, b) past (x, y) is
    a past x, or a = x and b past y."""
    condition, equal = Q(), Q()
    for (name, descending), value in zip(page.keys, page.position or (), strict=True):
        lookup = "lt" if descending != page.backwards else "gt"
        condition |= equal & Q(**{f"{name}__{lookup}": value})
        equal &= Q(**{name: value})
    return condition


def _with_param(url: str, name: str, value: str) -> str:
    """`url` with its query parameter `name` set to `value` (the others kept)."""
    parts = urlsplit(url)
    query = parse_qs(parts.query, keep_blank_values=True)
    query[name] = [value]
    return urlunsplit(parts._replace(query=urlencode(sorted(query.items()), doseq=True)))


def _encode_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime.datetime) else value


def _position(page: PageRequest, row: models.Model) -> list:
    """The row's ordering values, as a cursor carries them (JSON)."""
    return [_encode_value(getattr(row, name)) for name, _ in page.keys]


def keyset_query(queryset: QuerySet, page: PageRequest, *, walk_to: Any = None) -> QuerySet:
    """What `keyset_page` reads of `queryset` for `page`: its rows in the page's order past the
    page's position, `size + 1` of them (to know whether there are more)."""
    order = [f"-{name}" if descending != page.backwards else name for name, descending in page.keys]
    queryset = queryset.order_by(*order)
    if page.position is not None:
        queryset = queryset.filter(_after(page))
    if walk_to is not None:
        descending = page.keys[0][1] != page.backwards
        queryset = queryset.filter(**{"pk__gte" if descending else "pk__lte": walk_to})
    return queryset[: page.size + 1]


def keyset_page(queryset: QuerySet, page: PageRequest, *, walk_to: Any = None) -> Page:
    """The rows of `queryset` on `page`: one query, `size + 1` rows read to know whether there
    are more, whatever the page's depth. With `walk_to` (an id, on a list ordered by id) the
    page looks no further than that row: a short page then still links on past it, so that a
    search bounded per request can go on where it stopped."""
    return page_of(list(keyset_query(queryset, page, walk_to=walk_to)), page, walk_to=walk_to)


def page_of(rows: list, page: PageRequest, *, walk_to: Any = None) -> Page:
    """The page made of the rows `keyset_query` read (however they were read)."""
    more = len(rows) > page.size
    rows = rows[: page.size]
    if page.backwards:
        rows.reverse()
    # Walking forwards, `more` means a next page; backwards, a previous one. The side we came
    # from has rows unless this is the first page.
    has_next = more if not page.backwards else True
    has_previous = more if page.backwards else page.position is not None
    found = Page(
        rows,
        next_position=_position(page, rows[-1]) if rows and has_next else None,
        previous_position=_position(page, rows[0]) if rows and has_previous else None,
    )
    if walk_to is not None and not more:  # stopped at the bound, maybe not at the list's end
        resume = [walk_to]
        return (
            replace(found, previous_position=resume)
            if page.backwards
            else replace(found, next_position=resume)
        )
    return found


class Keyset:
    """What a list's pages are: its `ordering`, how many rows a page holds, and the query
    parameters a request picks a page with (`?cursor=`, `?page_size=`). The API's
    `core.api.pagination.CursorPagination` is one; a web page uses one directly."""

    ordering: str | tuple[str, ...] = "-id"
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
    cursor_query_param = "cursor"

    # --- the request --------------------------------------------------------------------

    def _ordering(self) -> tuple[str, ...]:
        return (self.ordering,) if isinstance(self.ordering, str) else tuple(self.ordering)

    @staticmethod
    def _decode_value(field: models.Field, raw: Any) -> Any:
        if isinstance(raw, bool) or not isinstance(raw, str | int):
            raise _invalid()
        try:
            value = field.to_python(raw)
        except (DjangoValidationError, TypeError, ValueError, OverflowError) as error:
            raise _invalid() from error
        if isinstance(field, models.IntegerField) and not -MAX_ID <= value <= MAX_ID:
            raise _invalid()
        if isinstance(field, models.DateTimeField) and (value is None or timezone.is_naive(value)):
            raise _invalid()
        return value

    def decode_cursor(self, request, model: type[models.Model]) -> tuple[list | None, bool]:
        """(position, backwards) from `?cursor=`; (None, False) for the first page."""
        encoded = _params(request).get(self.cursor_query_param)
        if not encoded:
            return None, False
        try:
            data = json.loads(base64.urlsafe_b64decode(encoded.encode("ascii")))
            position, backwards = data["p"], data["r"]
        except (UnicodeError, binascii.Error, ValueError, TypeError, KeyError) as error:
            raise _invalid() from error
        keys = PageRequest(self._ordering()).keys
        if not isinstance(position, list) or len(position) != len(keys) or backwards not in (0, 1):
            raise _invalid()
        try:
            fields = [cast(models.Field, model._meta.get_field(name)) for name, _ in keys]
        except FieldDoesNotExist as error:  # a programming error, not the client's
            raise RuntimeError(f"{type(self).__name__} orders by a field {model.__name__} lacks") from error
        return [self._decode_value(f, raw) for f, raw in zip(fields, position, strict=True)], bool(backwards)

    def get_page_size(self, request) -> int:
        try:
            size = int(_params(request)[self.page_size_query_param])
        except (KeyError, ValueError):
            return self.page_size
        return min(size, self.max_page_size) if size > 0 else self.page_size

    def page_request(self, request, model: type[models.Model]) -> PageRequest:
        """The page this request asks for (a `400` for a cursor that is not one of ours)."""
        position, backwards = self.decode_cursor(request, model)
        return PageRequest(
            self._ordering(),
            tuple(position) if position is not None else None,
            backwards,
            self.get_page_size(request),
        )

    # --- the links ----------------------------------------------------------------------

    def _link(self, position: list | None, *, backwards: bool) -> str | None:
        if position is None:
            return None
        payload = json.dumps({"p": position, "r": int(backwards)}, separators=(",", ":"))
        encoded = base64.urlsafe_b64encode(payload.encode()).decode("ascii")
        return _with_param(self.base_url, self.cursor_query_param, encoded)

    def set_links(self, request, page: Page) -> None:
        """`next` and `previous` of this request's page, from the positions at its edges."""
        self.base_url = request.build_absolute_uri()
        self.next_link = self._link(page.next_position, backwards=False)
        self.previous_link = self._link(page.previous_position, backwards=True)
