"""The API's input fields for ids and user text: the rules of `core.ids` and `core.text` as DRF
fields, so that a refusal is a `400` on the field."""

from django.core.exceptions import ValidationError
from rest_framework import serializers

from campus.core.ids import ASCII_NUMBER, MAX_ID
from campus.core.text import SEARCH_MAX_LENGTH, multi_line, search_term, single_line


class IdField(serializers.IntegerField):
    """An integer id in a request body or query string."""

    def __init__(self, **kwargs):
        super().__init__(min_value=1, max_value=MAX_ID, **kwargs)

    def to_internal_value(self, data):
        # DRF's IntegerField takes any Unicode decimal digits ("١" is 1); ids are ASCII.
        if isinstance(data, str) and not ASCII_NUMBER.fullmatch(data.strip()):
            self.fail("invalid")
        return super().to_internal_value(data)


class _CleanCharField(serializers.CharField):
    clean = staticmethod(single_line)

    def to_internal_value(self, data) -> str:
        value = super().to_internal_value(data)
        try:
            return self.clean(value)
        except ValidationError as error:
            raise serializers.ValidationError(error.messages, code=error.code) from error


class SingleLineField(_CleanCharField):
    """A name, title or nickname: one line of visible text, NFC."""


class MultiLineField(_CleanCharField):
    """A post, comment, 쪽지 or review body: newlines and tabs allowed, NFC."""

    clean = staticmethod(multi_line)


class SearchField(serializers.CharField):
    """A search term from the query string: optional, trimmed, cut to `SEARCH_MAX_LENGTH`."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("help_text", f"찾을 말 (앞 {SEARCH_MAX_LENGTH}자까지 씀)")
        super().__init__(required=False, default="", allow_blank=True, **kwargs)

    def to_internal_value(self, data) -> str:
        return search_term(super().to_internal_value(data))
