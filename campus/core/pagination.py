from rest_framework import pagination
from rest_framework.exceptions import NotFound, ValidationError


class CursorPagination(pagination.CursorPagination):
    """Keyset pagination over a unique, indexed, never-changing ordering (the primary key)."""

    ordering = "-id"
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
    invalid_cursor_message = "잘못된 커서입니다."

    def decode_cursor(self, request):
        try:
            return super().decode_cursor(request)
        except NotFound as exc:  # DRF answers a garbage cursor with 404; it is the client's 400.
            raise ValidationError({"cursor": [self.invalid_cursor_message]}) from exc


def paginated_response(view, queryset, serializer_class, *, context=None, pagination_class=CursorPagination):
    """One page of `queryset`, serialized, in the `{"next", "previous", "results"}` envelope."""
    paginator = pagination_class()
    page = paginator.paginate_queryset(queryset, view.request, view=view)
    return paginator.get_paginated_response(serializer_class(page, many=True, context=context or {}).data)
