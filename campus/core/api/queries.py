"""A list's query parameters, validated by a DRF serializer."""

from typing import Any

from rest_framework import serializers
from rest_framework.fields import empty
from rest_framework.request import Request

_PLAIN = (str, int, float, bool, type(None))
_without_parameters: dict[type, dict[str, Any] | None] = {}


def query_input(input_class: type[serializers.Serializer], request: Request) -> dict[str, Any]:
    """`request`'s query parameters as `input_class` validates them (a 400 for bad ones).

    A request without any — the first page of every list, the commonest there is — gets an
    answer worked out once per class: building a DRF serializer deep-copies its fields, 0.1 ms
    of a cached feed's 2. Only where nothing but the parameters can change it: no `validate`
    of the class's own, no default made by a call, plain values (`_fixed_answer`)."""
    if not request.query_params:
        if input_class not in _without_parameters:
            _without_parameters[input_class] = _fixed_answer(input_class)
        if (answer := _without_parameters[input_class]) is not None:
            return dict(answer)
    query = input_class(data=request.query_params)
    query.is_valid(raise_exception=True)
    return dict(query.validated_data)


def _fixed_answer(input_class: type[serializers.Serializer]) -> dict[str, Any] | None:
    """What `input_class` answers for no parameters, if it answers the same every time; None for
    a class that may answer otherwise, or refuses (a required parameter: a 400 every time)."""
    if input_class.validate is not serializers.Serializer.validate:
        return None
    query = input_class(data={})
    if any(
        hasattr(input_class, f"validate_{name}") or (field.default is not empty and callable(field.default))
        for name, field in query.fields.items()
    ):
        return None
    if not query.is_valid():
        return None
    answer = dict(query.validated_data)
    return answer if all(isinstance(value, _PLAIN) for value in answer.values()) else None
