"""How ids travel through the API, in one place.

Integer ids are positive 64-bit numbers; anything else is refused as a 4xx before the ORM
sees it (a non-number in a filter is a 500 in Django, a too-large one an overflow on SQLite).
"""

import re

from django.http import Http404

MAX_ID = 2**63 - 1
# Path segments: routers only match these, so a malformed id in a URL is a plain 404. ASCII digits
# only: Python's `\d` and `str.isdigit()` also accept "²" or "١", which `int()` then refuses.
ID_PATTERN = r"[0-9]{1,18}"
ASCII_ID = re.compile(ID_PATTERN)
ASCII_NUMBER = re.compile(r"-?[0-9]{1,18}")


def ascii_int(value: str) -> int | None:
    """`value` as an integer if it is one written in ASCII digits (at most 18), else None."""
    value = value.strip()
    return int(value) if ASCII_NUMBER.fullmatch(value) else None


# A UUID with or without its dashes; anything else never reaches the ORM (which would refuse it).
UUID_PATTERN = r"[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}"


class IdConverter:
    """`<id:pk>` in the web pages' URLs: the API's id pattern, so a malformed id is a plain 404."""

    regex = ID_PATTERN

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


def id_or_404(value: str | None) -> int:
    """An id a web form or query string sent: a positive id, or the page is a 404."""
    number = ascii_int(value or "")
    if number is None or number < 1:
        raise Http404
    return number
