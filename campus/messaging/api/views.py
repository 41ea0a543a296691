from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from campus.accounts.authentication import request_student
from campus.accounts.permissions import CommunityMember
from campus.boards.selectors import comment_get_for, post_get_for
from campus.core.api.idempotency import idempotent
from campus.core.api.pagination import CursorPagination, paginated_response
from campus.core.api.schema import IDEMPOTENCY_KEY, IDEMPOTENT, PAGE_PARAMETERS, page_of
from campus.core.ids import ID_PATTERN
from campus.messaging import selectors, services
from campus.messaging.api.serializers import (
    BlockOutput,
    ConversationOutput,
    ConversationStartInput,
    MessageInput,
    MessageOutput,
)

BLOCK_RULE = (
    "차단은 **이 대화**에만 걸립니다. 상대가 익명이었다면 그 익명 뒤의 사람이 아니라 "
    "이 대화를 막는 것이라서, "
    "다른 대화(같은 사람과의 익명·실명 대화 포함)와 새 쪽지 보내기에는 아무 영향이 없습니다. "
    "그래서 차단으로 익명 글쓴이를 알아낼 수 없습니다.\n\n"
    "차단한 사람은 이 대화에서 더는 쪽지를 받지 않습니다(목록·안 읽은 수·알림 어디에도 나타나지 않음). "
    "차단당한 쪽은 이를 알 수 없습니다: 보내기는 평소처럼 `201`로 답하고, 보낸 쪽지는 자기 쪽에만 보이며 "
    "읽음 표시가 되지 않습니다. 차단한 사람이 이 대화에 보내려면 먼저 차단을 해제해야 합니다(`403`). "
    "차단 중에 온 쪽지는 해제한 뒤에도 전달되지 않습니다."
)


class ConversationPagination(CursorPagination):
    ordering = ("-last_message_at", "-id")


class ConversationViewSet(viewsets.ViewSet):
    permission_classes = [CommunityMember]
    lookup_value_regex = ID_PATTERN
    # Sending counts against the 쪽지 rate (messaging.services); the schema documents its 429.
    rate_limited_actions = frozenset({"create", "message_send"})

    def _conversation(self, pk):
        return selectors.conversation_get_for(viewer=self.request.user, pk=pk)

    def _context(self):
        return {"request": self.request}

    def _output(self, pk, status_code=status.HTTP_200_OK):
        conversation = selectors.conversation_summary_get_for(viewer=self.request.user, pk=pk)
        return Response(ConversationOutput(conversation, context=self._context()).data, status_code)

    @extend_schema(
        summary="쪽지함 (최근 대화 순)", parameters=PAGE_PARAMETERS, responses=page_of(ConversationOutput)
    )
    def list(self, request):
        paginator = ConversationPagination()
        page = paginator.paginate_queryset(
            selectors.conversation_list_for(viewer=request.user), request, view=self
        )
        selectors.conversations_attach_last_messages(page)
        return paginator.get_paginated_response(
            ConversationOutput(page, many=True, context=self._context()).data
        )

    @extend_schema(
        summary="쪽지 보내기 (글 또는 댓글의 작성자에게)",
        parameters=[IDEMPOTENCY_KEY],
        request=ConversationStartInput,
        responses={201: ConversationOutput, **IDEMPOTENT},
    )
    @idempotent
    def create(self, request):
        data = ConversationStartInput(data=request.data)
        data.is_valid(raise_exception=True)
        post = comment = None
        if "post" in data.validated_data:
            post = post_get_for(viewer=request.user, pk=data.validated_data["post"])
        else:
            comment = comment_get_for(viewer=request.user, pk=data.validated_data["comment"])
        conversation, _ = services.conversation_start(
            sender=request.user, content=data.validated_data["content"], post=post, comment=comment
        )
        return self._output(conversation.pk, status.HTTP_201_CREATED)

    @extend_schema(summary="대화 보기", responses=ConversationOutput)
    def retrieve(self, request, pk=None):
        return self._output(pk)

    @extend_schema(summary="대화 숨기기 (나에게서만)", responses={204: None})
    def destroy(self, request, pk=None):
        services.conversation_hide(conversation=self._conversation(pk), user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="쪽지 목록 (최신순, 읽음 처리)", parameters=PAGE_PARAMETERS, responses=page_of(MessageOutput)
    )
    @action(detail=True, methods=["get"])
    def messages(self, request, pk=None):
        conversation = self._conversation(pk)
        context = {"request": request}
        services.conversation_mark_read(conversation=conversation, reader=request.user)
        messages = selectors.message_list_for(viewer=request.user, conversation=conversation)
        return paginated_response(self, messages, MessageOutput, context=context)

    @extend_schema(
        summary="쪽지 보내기",
        parameters=[IDEMPOTENCY_KEY],
        request=MessageInput,
        responses={201: MessageOutput, **IDEMPOTENT},
    )
    @messages.mapping.post
    @idempotent
    def message_send(self, request, pk=None):
        data = MessageInput(data=request.data)
        data.is_valid(raise_exception=True)
        message = services.message_send(
            conversation=self._conversation(pk), sender=request.user, **data.validated_data
        )
        return Response(
            MessageOutput(message, context={"request": request}).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(summary="이 대화 차단", description=BLOCK_RULE, request=None, responses=BlockOutput)
    @action(detail=True, methods=["post"])
    def block(self, request, pk=None):
        return self._block(pk, blocked=True)

    @extend_schema(
        summary="이 대화 차단 해제", description=BLOCK_RULE, request=None, responses={200: BlockOutput}
    )
    @block.mapping.delete
    def unblock(self, request, pk=None):
        return self._block(pk, blocked=False)

    def _block(self, pk, *, blocked: bool) -> Response:
        conversation = self._conversation(pk)
        value = services.conversation_block_set(
            conversation=conversation, user=request_student(self.request), blocked=blocked
        )
        return Response({"is_blocked": value})
