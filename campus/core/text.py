"""What user text may contain, in one place for the API's fields (`core.api.fields`) and the web
forms' (`web.fields`).

Text is stored in Unicode NFC, so that two names that look the same are the same string (a
Korean syllable typed as one code point or as its three jamo) before any uniqueness check.
Single-line text (names, titles, nicknames) refuses every control character and the
invisible direction controls that make text display in another order than it is stored;
multi-line text (posts, comments, 쪽지) keeps newlines and tabs, with CR LF folded to LF.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError

# C0 and C1 controls, DEL, the line/paragraph separators, and the bidi controls: embeddings and
# overrides (U+202A–202E), isolates (U+2066–2069), and the marks (U+200E, U+200F, U+061C).
_INVISIBLE = "\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c"
SINGLE_LINE_FORBIDDEN = re.compile(f"[\x00-\x1f\x7f-\x9f{_INVISIBLE}]")
MULTI_LINE_FORBIDDEN = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_INVISIBLE}]")  # keeps \t and \n

SINGLE_LINE_MESSAGE = "줄바꿈, 제어 문자, 글자 방향을 바꾸는 보이지 않는 문자는 쓸 수 없습니다."
MULTI_LINE_MESSAGE = "제어 문자나 글자 방향을 바꾸는 보이지 않는 문자는 쓸 수 없습니다."


def single_line(value: str) -> str:
    """`value` in NFC, or a ValidationError if it holds a forbidden character."""
    value = unicodedata.normalize("NFC", value)
    if SINGLE_LINE_FORBIDDEN.search(value):
        raise ValidationError(SINGLE_LINE_MESSAGE, code="invalid_characters")
    return value


def multi_line(value: str) -> str:
    value = unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))
    if MULTI_LINE_FORBIDDEN.search(value):
        raise ValidationError(MULTI_LINE_MESSAGE, code="invalid_characters")
    return value


SEARCH_MAX_LENGTH = 100


def search_term(value: str) -> str:
    """What a search box's text is searched as: trimmed, and any length taken but only the first
    `SEARCH_MAX_LENGTH` characters used (the API's `SearchField` and the web pages alike)."""
    return value.strip()[:SEARCH_MAX_LENGTH]
