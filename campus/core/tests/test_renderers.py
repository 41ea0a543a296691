"""The API's orjson renderer writes the bytes DRF's renderer writes, for everything the API
answers with: a real feed page, error bodies, and the values orjson would write its own way."""

import datetime
import decimal
import uuid
from dataclasses import dataclass

import pytest
from django.utils import timezone
from django.utils.translation import gettext_lazy
from rest_framework import renderers
from rest_framework.exceptions import ErrorDetail
from rest_framework.utils.serializer_helpers import ReturnDict, ReturnList

from campus.core.api.renderers import JSONRenderer

drf = renderers.JSONRenderer()
ours = JSONRenderer()


def test_a_feed_page_is_written_byte_for_byte_as_drf_writes_it(make_user, board):
    from campus.boards.tests.factories import PostFactory

    author = make_user(nickname="줄바꿈\u2028작가")
    for n in range(3):
        PostFactory(
            board=board,
            author=author,
            is_anonymous=n == 1,
            title=f'제목 "{n}" \\ / \t 끝',
            content="본문\n\u2029둘째 줄 ☃ 😀",
        )
    res = make_user().client.get(f"/api/v1/boards/{board.id}/posts/")
    assert res.status_code == 200
    assert res.content == drf.render(res.json())
    assert b"\\u2028" in res.content and "\u2028".encode() not in res.content


@pytest.mark.parametrize(
    "data",
    [
        {"detail": ErrorDetail("잘못된 요청입니다.", code="invalid"), "code": "invalid"},
        {"title": [ErrorDetail("이 필드는 필수 항목입니다.", code="required")]},
        ReturnList([ReturnDict({"id": 1, "ok": True, "none": None}, serializer=None)], serializer=None),
        {"when": timezone.now(), "day": datetime.date(2026, 12, 3), "at": datetime.time(9, 30, 15, 123456)},
        {
            "naive": datetime.datetime(2026, 12, 3, 9, 0, 0, 999999),
            "utc": datetime.datetime.now(datetime.UTC),
        },
        {"gpa": decimal.Decimal("4.50"), "ratio": 0.1 + 0.2, "big": 2**63 - 1, "negative": -(2**63)},
        {
            "id": uuid.uuid4(),
            "lazy": gettext_lazy("This field is required."),
            1: "int key",
            "nested": {"a": [1, [2, {}]]},
        },
        ["control \x00\x01\x1f\x7f", 'quote " backslash \\ slash /', "\u2028\u2029"],
        [],
        {},
        "just a string",
        0,
    ],
)
def test_values_are_written_as_drf_writes_them(data):
    assert ours.render(data) == drf.render(data)


def test_what_orjson_refuses_or_would_write_its_own_way_goes_through_drf():
    @dataclass
    class Point:
        x: int

    too_big = {"n": 2**64 + 1}
    assert ours.render(too_big) == drf.render(too_big) == b'{"n":18446744073709551617}'
    with pytest.raises(TypeError):  # as DRF refuses it
        ours.render({"point": Point(1)})
    indented = ours.render({"a": 1}, "application/json; indent=2")
    assert indented == drf.render({"a": 1}, "application/json; indent=2") == b'{\n  "a": 1\n}'
    assert ours.render(None) == b""
