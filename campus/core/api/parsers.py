"""Request body parsers: DRF's, with a limit on how deep a JSON body may nest.

Python's `json` recurses once per level: 50,000 nested `[` exhaust the stack (a RecursionError,
a 500), and a body just under that limit still makes every later walk of it costly. No Campus
request needs more than a few levels, so anything deeper than `MAX_JSON_DEPTH` is a 400 here,
before a serializer or a view sees it.
"""

from collections.abc import Iterable

from rest_framework import parsers
from rest_framework.exceptions import ParseError

MAX_JSON_DEPTH = 32
TOO_DEEP = f"JSON이 너무 깊게 중첩되어 있습니다 (최대 {MAX_JSON_DEPTH}단계)."


def json_depth_exceeds(data, limit: int) -> bool:
    """Whether lists/objects in `data` nest deeper than `limit` (iterative: no recursion)."""
    stack = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        children: Iterable[object]
        if isinstance(node, dict):
            children = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError as error:
            raise ParseError(TOO_DEEP) from error
        if json_depth_exceeds(data, MAX_JSON_DEPTH):
            raise ParseError(TOO_DEEP)
        return data
