"""The OpenAPI schema tells the truth: every paginated list as its envelope, every error status an
operation can answer with its body. `scripts`/tests check it with schemathesis' conformance checks.

Error statuses are derived from what every operation shares (a body can be malformed or too
large; a path id can be missing; a logged-in endpoint can refuse), and the ones only some
operations have (409, 422) are declared where they happen with `CONFLICT` and `IDEMPOTENT` (the
timetable's 409 lists what clashes: `TimetableConflictOutput`).
"""

from drf_spectacular import openapi
from drf_spectacular.drainage import set_override
from drf_spectacular.plumbing import ResolvedComponent
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers
from rest_framework.permissions import AllowAny

from campus.accounts.permissions import CommunityMember
from campus.core.api.pagination import CursorPagination


class ErrorOutput(serializers.Serializer):
    detail = serializers.CharField(help_text="사용자에게 보여 줄 수 있는 한국어 설명")
    code = serializers.CharField(help_text="기계가 읽는 오류 코드 (예: not_found, conflict, throttled)")


FIELD_ERRORS = {
    "type": "object",
    "description": "필드 이름 → 그 필드의 오류 메시지들. 필드와 무관한 오류는 non_field_errors.",
    "additionalProperties": {"anyOf": [{"type": "array", "items": {"type": "string"}}, {"type": "object"}]},
}

DESCRIPTIONS = {
    400: '입력이 잘못됨: 필드별 메시지 `{"필드": ["…"]}` 또는 `{"detail", "code"}`',
    401: "토큰이 없거나 잘못되었거나 만료됨",
    403: "로그인했지만 이 일을 할 수 없음",
    404: "없음 (다른 학교의 것, 지워진 것, 볼 수 없는 것도 똑같이 404)",
    409: "충돌: 무엇과 충돌하는지 본문이 말함",
    413: "요청 본문이나 업로드한 파일이 너무 큼",
    415: "지원하지 않는 Content-Type",
    422: "같은 Idempotency-Key가 다른 요청에 이미 쓰였음",
    429: "요청이 너무 많음 (Retry-After 헤더를 따르세요)",
    503: "데이터베이스를 잠시 쓸 수 없음 (Retry-After 뒤에 다시 시도)",
}

FIELD_SHAPED = {400, 403, 404, 409, 422}

# Declared per operation in `extend_schema(responses={…})`.
CONFLICT = {409: OpenApiResponse(ErrorOutput, description=DESCRIPTIONS[409])}
REFUSED_CREDENTIALS = {401: OpenApiResponse(ErrorOutput, description="아이디·비밀번호나 토큰이 맞지 않음")}
IDEMPOTENT = {422: OpenApiResponse(ErrorOutput, description=DESCRIPTIONS[422])}
IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    str,
    OpenApiParameter.HEADER,
    description="재시도해도 한 번만 만들어지게 하는 키 (ASCII 1–255자). 24시간 안에 같은 키로 같은 요청을 "
    "다시 보내면 처음 응답을 그대로 돌려줍니다 (`Idempotent-Replayed: true`).",
)

_pages: dict[type, type] = {}


def page_of(serializer_class: type[serializers.Serializer]) -> type[serializers.Serializer]:
    """The `{"next", "previous", "results": [...]}` envelope of `CursorPagination` around a row."""
    if serializer_class not in _pages:
        name = serializer_class.__name__.removesuffix("Output")
        page = type(
            f"Paginated{name}ListOutput",
            (serializers.Serializer,),
            {
                "next": serializers.URLField(allow_null=True, help_text="다음 쪽 (없으면 null)"),
                "previous": serializers.URLField(allow_null=True, help_text="이전 쪽 (없으면 null)"),
                "results": serializer_class(many=True),
            },
        )
        # One envelope, never an array of them, also on `list` actions.
        _pages[serializer_class] = set_override(page, "many", False)
    return _pages[serializer_class]


_SIZES = f"기본 {CursorPagination.page_size}, 최대 {CursorPagination.max_page_size}"
PAGE_PARAMETERS = [
    OpenApiParameter(
        CursorPagination.cursor_query_param, str, description="앞 응답의 next / previous에 들어 있던 커서"
    ),
    OpenApiParameter(
        CursorPagination.page_size_query_param,
        int,
        description=f"한 쪽의 항목 수 ({_SIZES})",
    ),
]


TAG_BY_APP = {"accounts": "계정", "boards": "게시판", "messaging": "쪽지", "notifications": "알림"}


class AutoSchema(openapi.AutoSchema):
    def get_tags(self) -> list[str]:
        """By area: a view's `schema_tag`, else its app's."""
        app = type(self.view).__module__.split(".")[1]
        return [getattr(self.view, "schema_tag", None) or TAG_BY_APP.get(app, "시간표")]

    def _is_public(self) -> bool:
        return any(isinstance(permission, AllowAny) for permission in self.view.get_permissions())

    def _is_community(self) -> bool:
        """학교 인증's rule guards it: `403 verification_required` for reads too."""
        return any(isinstance(permission, CommunityMember) for permission in self.view.get_permissions())

    def _is_throttled(self) -> bool:
        """A DRF throttle on the view, or a rate its service counts (`rate_limited_actions`:
        the 쪽지 viewset's sends, a view's `post` for an APIView: 학교 인증's codes)."""
        action = getattr(self.view, "action", None) or self.method.lower()
        limited = action in getattr(self.view, "rate_limited_actions", ())
        return limited or bool(self.view.get_throttles())

    def _error_statuses(self, operation: dict) -> set[int]:
        parameters = operation.get("parameters", [])
        has_body = "requestBody" in operation
        has_query = any(parameter["in"] == "query" for parameter in parameters)
        has_path = any(parameter["in"] == "path" for parameter in parameters)
        statuses = {503}
        if has_body or has_query:
            statuses.add(400)
        if has_body:
            statuses |= {413, 415}
        if not self._is_public():
            statuses.add(401)
            if self.method != "GET" or self._is_community():
                statuses.add(403)
            if has_path or has_body:  # an id in the path, or one the body refers to
                statuses.add(404)
        if self._is_throttled():
            statuses.add(429)
        return statuses

    def _error_body(self, status: int) -> dict:
        error = self.resolve_serializer(ErrorOutput(), "response").ref
        # A rule broken on one field answers `{"field": [...]}` whatever its status (see exceptions.py).
        schema = {"anyOf": [error, self._field_errors()]} if status in FIELD_SHAPED else error
        return {"description": DESCRIPTIONS[status], "content": {"application/json": {"schema": schema}}}

    def _field_errors(self) -> dict:
        component = ResolvedComponent(
            name="FieldErrors", type=ResolvedComponent.SCHEMA, object="FieldErrors", schema=FIELD_ERRORS
        )
        self.registry.register_on_missing(component)
        return component.ref

    def get_operation(self, *args, **kwargs):
        operation = super().get_operation(*args, **kwargs)
        if operation is not None:
            responses = operation["responses"]
            for status in sorted(self._error_statuses(operation)):
                responses.setdefault(str(status), self._error_body(status))
        return operation
