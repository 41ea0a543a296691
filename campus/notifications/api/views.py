from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from campus.core.api.pagination import paginated_response
from campus.core.api.schema import PAGE_PARAMETERS, page_of
from campus.notifications import selectors, services
from campus.notifications.api.serializers import MarkReadInput, NotificationOutput, UnreadCountOutput


class NotificationViewSet(viewsets.ViewSet):
    @extend_schema(
        summary="내 알림 (최신순)", parameters=PAGE_PARAMETERS, responses=page_of(NotificationOutput)
    )
    def list(self, request):
        return paginated_response(
            self, selectors.notification_list_for(viewer=request.user), NotificationOutput
        )

    @extend_schema(summary="읽지 않은 알림 수", responses=UnreadCountOutput)
    @action(detail=False, methods=["get"], url_path="unread-count")
    def unread_count(self, request):
        return Response({"count": selectors.notification_unread_count(viewer=request.user)})

    @extend_schema(summary="알림 읽음 처리", request=MarkReadInput, responses={204: None})
    @action(detail=False, methods=["post"])
    def read(self, request):
        data = MarkReadInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.notification_mark_read(
            user=request.user, ids=data.validated_data.get("ids"), everything=data.validated_data["all"]
        )
        return Response(status=status.HTTP_204_NO_CONTENT)
