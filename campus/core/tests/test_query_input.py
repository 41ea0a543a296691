"""`query_input`: a list's query parameters through its serializer, and for a request without
any, the serializer's own answer worked out once — only where it cannot change."""

import itertools

import pytest
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from campus.core.api import queries
from campus.core.api.queries import query_input

_numbers = itertools.count()


def request(query: str = "") -> Request:
    return Request(APIRequestFactory().get(f"/api/v1/things/{query}"))


class Built:
    """Counts the serializers each test class builds."""

    count = 0

    def __init__(self, *args, **kwargs):
        type(self).count += 1
        super().__init__(*args, **kwargs)


class PlainInput(Built, serializers.Serializer):
    search = serializers.CharField(required=False, default="", allow_blank=True, max_length=5)
    period = serializers.ChoiceField(choices=["day", "week"], required=False, default="week")


class RequiredInput(Built, serializers.Serializer):
    semester = serializers.IntegerField()


class CalledDefaultInput(Built, serializers.Serializer):
    number = serializers.IntegerField(required=False, default=lambda: next(_numbers))


class FieldCheckInput(Built, serializers.Serializer):
    flag = serializers.CharField(required=False, default="")

    def validate_flag(self, value: str) -> bool:
        return value == "true"


@pytest.fixture(autouse=True)
def _fresh(monkeypatch):
    monkeypatch.setattr(queries, "_without_parameters", {})
    for input_class in (PlainInput, RequiredInput, CalledDefaultInput, FieldCheckInput):
        monkeypatch.setattr(input_class, "count", 0)


def test_no_parameters_answer_the_defaults_worked_out_once():
    answers = [query_input(PlainInput, request()) for _ in range(3)]
    assert answers == [{"search": "", "period": "week"}] * 3
    assert PlainInput.count == 1
    answers[0]["search"] = "changed by a caller"
    assert query_input(PlainInput, request()) == {"search": "", "period": "week"}


def test_parameters_are_validated_every_time():
    assert query_input(PlainInput, request("?search=밥&period=day")) == {"search": "밥", "period": "day"}
    with pytest.raises(ValidationError) as refused:
        query_input(PlainInput, request("?period=year"))
    assert "period" in refused.value.detail
    with pytest.raises(ValidationError):
        query_input(PlainInput, request("?search=toolong"))
    assert PlainInput.count == 3


def test_a_required_parameter_refuses_every_request_without_it():
    for _ in range(2):
        with pytest.raises(ValidationError) as refused:
            query_input(RequiredInput, request())
        assert "semester" in refused.value.detail
    assert query_input(RequiredInput, request("?semester=3")) == {"semester": 3}


def test_answers_that_may_change_are_worked_out_each_time():
    first, second = (query_input(CalledDefaultInput, request())["number"] for _ in range(2))
    assert second == first + 1
    assert [query_input(FieldCheckInput, request())["flag"] for _ in range(2)] == [False, False]
    assert (CalledDefaultInput.count, FieldCheckInput.count) == (3, 3)  # each once to decide, then each time
