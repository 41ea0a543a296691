from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle

from campus.boards.selectors import comment_get_for, post_get_for
from campus.core.ids import ID_PATTERN
from campus.core.pagination import CursorPagination, paginated_response
from campus.messaging import selectors, services
from campus.messaging.api.serializers import (
    BlockOutput,
    ConversationOutput,
    ConversationStartInput,
    MessageInput,
    MessageOutput,
)


class ConversationPagination(CursorPagination):
    ordering = ("-last_message_at", "-id")


class ConversationViewSet(viewsets.ViewSet):
    lookup_value_regex = ID_PATTERN
    throttle_scope = "message"

    def get_throttles(self):
        # Only sending counts against the 쪽지 rate; reading, hiding and blocking do not.
        sending = self.request.method == "POST" and self.action in {"create", "messages"}
        return [ScopedRateThrottle()] if sending else []

    def _conversation(self, pk):
        return selectors.conversation_get_for(viewer=self.request.user, pk=pk)

    def _context(self, conversations):
        me = self.request.user
        blocked = selectors.blocked_user_ids(blocker=me, among=[c.other_id(me.pk) for c in conversations])
        return {"request": self.request, "blocked_user_ids": blocked}

    def _output(self, pk, status_code=status.HTTP_200_OK):
        conversation = selectors.conversation_summary_get_for(viewer=self.request.user, pk=pk)
        return Response(
            ConversationOutput(conversation, context=self._context([conversation])).data, status_code
        )

    @extend_schema(summary="쪽지함 (최근 대화 순)", responses=ConversationOutput(many=True))
    def list(self, request):
        paginator = ConversationPagination()
        page = paginator.paginate_queryset(
            selectors.conversation_list_for(viewer=request.user), request, view=self
        )
        selectors.conversations_attach_last_messages(page)
        return paginator.get_paginated_response(
            ConversationOutput(page, many=True, context=self._context(page)).data
        )

    @extend_schema(summary="쪽지 보내기 (글 또는 댓글의 작성자에게)", request=ConversationStartInput,
                   responses={201: ConversationOutput})  # fmt: skip
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
        methods=["GET"], summary="쪽지 목록 (최신순, 읽음 처리)", responses=MessageOutput(many=True)
    )
    @extend_schema(
        methods=["POST"], summary="쪽지 보내기", request=MessageInput, responses={201: MessageOutput}
    )
    @action(detail=True, methods=["get", "post"])
    def messages(self, request, pk=None):
        conversation = self._conversation(pk)
        context = {"request": request}
        if request.method == "POST":
            data = MessageInput(data=request.data)
            data.is_valid(raise_exception=True)
            message = services.message_send(
                conversation=conversation, sender=request.user, **data.validated_data
            )
            return Response(MessageOutput(message, context=context).data, status=status.HTTP_201_CREATED)
        services.conversation_mark_read(conversation=conversation, reader=request.user)
        return paginated_response(
            self, selectors.message_list_for(conversation=conversation), MessageOutput, context=context
        )

    @extend_schema(summary="상대 차단 / 해제", request=None, responses=BlockOutput)
    @action(detail=True, methods=["post", "delete"])
    def block(self, request, pk=None):
        conversation = self._conversation(pk)
        if request.method == "POST":
            services.conversation_block(conversation=conversation, user=request.user)
        else:
            services.conversation_unblock(conversation=conversation, user=request.user)
        return Response({"is_blocked": request.method == "POST"})
