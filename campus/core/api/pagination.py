"""The API's cursor pagination: DRF's pagination class over `core.pagination.Keyset`, answering
`{"next", "previous", "results"}` and documenting its parameters in the schema."""

from django.db.models import QuerySet
from rest_framework import pagination
from rest_framework.response import Response

from campus.core.pagination import Keyset, Page, keyset_page


class CursorPagination(Keyset, pagination.BasePagination):
    """`{"next", "previous", "results"}` over a keyset of `ordering` (see `core.pagination`)."""

    # --- the page -----------------------------------------------------------------------

    def paginate_queryset(self, queryset: QuerySet, request, view=None) -> list:
        page = keyset_page(queryset, self.page_request(request, queryset.model))
        self.set_links(request, page)
        return page.rows

    def respond(self, request, page: Page) -> Response:
        """`{"next", "previous", "results"}` for a page a selector read (`page.rows` as they are)."""
        self.set_links(request, page)
        return self.get_paginated_response(page.rows)

    def get_paginated_response(self, data) -> Response:
        return Response({"next": self.next_link, "previous": self.previous_link, "results": data})

    # --- the schema ---------------------------------------------------------------------

    def get_paginated_response_schema(self, schema: dict) -> dict:
        link = {"type": "string", "format": "uri", "nullable": True}
        return {
            "type": "object",
            "required": ["next", "previous", "results"],
            "properties": {"next": link, "previous": link, "results": schema},
        }

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return [
            {
                "name": self.cursor_query_param,
                "in": "query",
                "required": False,
                "description": "앞 응답의 next / previous에 있던 커서 (직접 만들지 마세요)",
                "schema": {"type": "string"},
            },
            {
                "name": self.page_size_query_param,
                "in": "query",
                "required": False,
                "description": f"한 쪽의 항목 수 (기본 {self.page_size}, 최대 {self.max_page_size})",
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size},
            },
        ]


def paginated_response(view, queryset, serializer_class, *, context=None, pagination_class=CursorPagination):
    """One page of `queryset`, serialized, in the `{"next", "previous", "results"}` envelope."""
    paginator = pagination_class()
    page = paginator.paginate_queryset(queryset, view.request, view=view)
    return paginator.get_paginated_response(serializer_class(page, many=True, context=context or {}).data)
