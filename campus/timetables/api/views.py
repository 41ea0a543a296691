"""Thin views for the timetable section: validate → selector/service → output."""

from collections.abc import Iterator
from contextlib import contextmanager

from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from campus.accounts.authentication import request_student
from campus.core.api.pagination import CursorPagination, paginated_response
from campus.core.api.queries import query_input
from campus.core.api.schema import CONFLICT, PAGE_PARAMETERS, page_of
from campus.core.errors import ApplicationError
from campus.core.ids import ID_PATTERN, UUID_PATTERN
from campus.timetables import selectors
from campus.timetables.api.serializers import (
    ClashOutput,
    EventInput,
    FreeTimeOutput,
    FreeTimeQueryInput,
    FriendOutput,
    FriendRequestInput,
    FriendRequestOutput,
    FriendRequestQueryInput,
    GpaOutput,
    GradeInput,
    GradeOutput,
    LectureOutput,
    LectureQueryInput,
    RequiredSemesterQueryInput,
    ReviewInput,
    ReviewOutput,
    SemesterOutput,
    SemesterQueryInput,
    TimetableConflictOutput,
    TimetableCreateInput,
    TimetableLectureInput,
    TimetableOutput,
    TimetableUpdateInput,
)
from campus.timetables.models import Lecture, Timetable
from campus.timetables.services import friends, grades, reviews, timetables


@contextmanager
def clashes_as_conflicts() -> Iterator[None]:
    """A clash answers 409 with what is in the way, shaped by `ClashOutput`."""
    try:
        yield
    except timetables.TimetableClash as clash:
        conflicts = ClashOutput(clash.clashes, many=True).data
        raise ApplicationError(clash.message, code=clash.code, extra={"conflicts": conflicts}) from clash


class CatalogPagination(CursorPagination):
    ordering = selectors.CATALOG_ORDER


class SemesterListView(APIView):
    schema_tag = "강의·강의평"

    @extend_schema(summary="학기 목록", responses=SemesterOutput(many=True))
    def get(self, request):
        return Response(SemesterOutput(selectors.semester_list(), many=True).data)


class LectureViewSet(viewsets.ViewSet):
    schema_tag = "강의·강의평"
    lookup_value_regex = ID_PATTERN

    @extend_schema(
        summary="강의 검색 (내 학교)",
        parameters=[LectureQueryInput, *PAGE_PARAMETERS],
        responses=page_of(LectureOutput),
    )
    def list(self, request):
        query = query_input(LectureQueryInput, request)
        paginator = CatalogPagination()
        page = selectors.catalog_page(
            viewer=request.user, filters=query, page=paginator.page_request(request, Lecture)
        )
        return paginator.respond(request, page)  # lecture rows are LectureOutput's shape already

    @extend_schema(summary="강의", responses=LectureOutput)
    def retrieve(self, request, pk=None):
        return Response(LectureOutput(selectors.lecture_get_for(viewer=request.user, pk=pk)).data)

    @extend_schema(
        summary="강의평 (같은 과목, 모든 학기)", parameters=PAGE_PARAMETERS, responses=page_of(ReviewOutput)
    )
    @action(detail=True, methods=["get"])
    def reviews(self, request, pk=None):
        lecture = selectors.lecture_get_for(viewer=request.user, pk=pk)
        return paginated_response(
            self,
            selectors.review_list_for_lecture(lecture=lecture),
            ReviewOutput,
            context={"request": request},
        )

    @extend_schema(
        summary="강의평 쓰기 (항상 익명; 한 과목에 한 번, 다시 쓰면 409)",
        request=ReviewInput,
        responses={201: ReviewOutput, **CONFLICT},
    )
    @reviews.mapping.post
    def review_create(self, request, pk=None):
        lecture = selectors.lecture_get_for(viewer=request.user, pk=pk)
        data = ReviewInput(data=request.data)
        data.is_valid(raise_exception=True)
        review = reviews.review_create(lecture=lecture, author=request.user, **data.validated_data)
        return Response(
            ReviewOutput(review, context={"request": request}).data, status=status.HTTP_201_CREATED
        )


class ReviewViewSet(viewsets.ViewSet):
    schema_tag = "강의·강의평"
    lookup_value_regex = ID_PATTERN
    http_method_names = ["patch", "delete", "options"]

    @extend_schema(summary="강의평 수정 (작성자)", request=ReviewInput(partial=True), responses=ReviewOutput)
    def partial_update(self, request, pk=None):
        review = selectors.review_get_for(viewer=request.user, pk=pk)
        data = ReviewInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        review = reviews.review_update(review=review, user=request.user, **data.validated_data)
        return Response(ReviewOutput(review, context={"request": request}).data)

    @extend_schema(summary="강의평 삭제 (작성자)", responses={204: None})
    def destroy(self, request, pk=None):
        reviews.review_delete(review=selectors.review_get_for(viewer=request.user, pk=pk), user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class TimetableViewSet(viewsets.ViewSet):
    schema_tag = "시간표"
    lookup_value_regex = ID_PATTERN
    http_method_names = ["get", "post", "patch", "delete", "options"]

    def _timetable(self, pk) -> Timetable:
        return selectors.timetable_get_for(owner=request_student(self.request), pk=pk)

    def _output(self, pk, status_code=status.HTTP_200_OK) -> Response:
        return Response(TimetableOutput(self._timetable(pk)).data, status=status_code)

    @extend_schema(summary="내 시간표", parameters=[SemesterQueryInput], responses=TimetableOutput(many=True))
    def list(self, request):
        query = query_input(SemesterQueryInput, request)
        timetables_ = selectors.timetable_list_for(owner=request.user)
        if (semester := query.get("semester")) is not None:
            timetables_ = timetables_.filter(semester_id=semester)
        return Response(TimetableOutput(timetables_, many=True).data)

    @extend_schema(summary="시간표 만들기 (학기의 첫 시간표는 기본)", request=TimetableCreateInput,
                   responses={201: TimetableOutput})  # fmt: skip
    def create(self, request):
        data = TimetableCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        timetable = timetables.timetable_create(user=request.user, **data.validated_data)
        return self._output(timetable.pk, status.HTTP_201_CREATED)

    @extend_schema(summary="시간표", responses=TimetableOutput)
    def retrieve(self, request, pk=None):
        return self._output(pk)

    @extend_schema(summary="시간표 수정 (이름, 공개 범위, 기본 시간표)", request=TimetableUpdateInput,
                   responses=TimetableOutput)  # fmt: skip
    def partial_update(self, request, pk=None):
        timetable = self._timetable(pk)
        data = TimetableUpdateInput(data=request.data)
        data.is_valid(raise_exception=True)
        timetables.timetable_update(timetable=timetable, **data.validated_data)
        return self._output(pk)

    @extend_schema(
        summary="시간표 삭제 (기본이었다면 남은 것 중 가장 오래된 것이 기본)", responses={204: None}
    )
    def destroy(self, request, pk=None):
        timetables.timetable_delete(timetable=self._timetable(pk))
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="강의 추가 (겹치면 409, force=true면 겹치는 것을 빼고 추가)",
        request=TimetableLectureInput,
        responses={201: TimetableOutput, 409: TimetableConflictOutput},
    )
    @action(detail=True, methods=["post"])
    def lectures(self, request, pk=None):
        timetable = self._timetable(pk)
        data = TimetableLectureInput(data=request.data)
        data.is_valid(raise_exception=True)
        lecture = selectors.lecture_get_for(viewer=request.user, pk=data.validated_data["lecture"])
        with clashes_as_conflicts():
            timetables.timetable_lecture_add(
                timetable=timetable, lecture=lecture, force=data.validated_data["force"]
            )
        return self._output(pk, status.HTTP_201_CREATED)

    @extend_schema(summary="강의 빼기", responses={204: None})
    @action(detail=True, methods=["delete"], url_path=rf"lectures/(?P<lecture_id>{ID_PATTERN})")
    def remove_lecture(self, request, pk=None, lecture_id=None):
        timetables.timetable_lecture_remove(timetable=self._timetable(pk), lecture_id=int(lecture_id))
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="일정 추가 (강의와 같은 겹침 규칙)",
        request=EventInput,
        responses={201: TimetableOutput, 409: TimetableConflictOutput},
    )
    @action(detail=True, methods=["post"])
    def events(self, request, pk=None):
        timetable = self._timetable(pk)
        data = EventInput(data=request.data)
        data.is_valid(raise_exception=True)
        with clashes_as_conflicts():
            timetables.timetable_event_add(timetable=timetable, **data.validated_data)
        return self._output(pk, status.HTTP_201_CREATED)

    @extend_schema(summary="일정 빼기", responses={204: None})
    @action(detail=True, methods=["delete"], url_path=rf"events/(?P<event_id>{ID_PATTERN})")
    def remove_event(self, request, pk=None, event_id=None):
        timetables.timetable_event_remove(timetable=self._timetable(pk), event_id=int(event_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


class FriendViewSet(viewsets.ViewSet):
    schema_tag = "친구"
    lookup_field = "user_id"
    lookup_value_regex = UUID_PATTERN
    http_method_names = ["get", "delete", "options"]

    @extend_schema(summary="내 친구", responses=FriendOutput(many=True))
    def list(self, request):
        return Response(FriendOutput(selectors.friend_list_for(viewer=request.user), many=True).data)

    @extend_schema(summary="친구 끊기", responses={204: None})
    def destroy(self, request, user_id=None):
        friends.friend_remove(user=request.user, friend_id=user_id)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="친구의 기본 시간표 (공개/친구 공개일 때만)",
        parameters=[RequiredSemesterQueryInput],
        responses=TimetableOutput,
    )
    @action(detail=True, methods=["get"])
    def timetable(self, request, user_id=None):
        query = query_input(RequiredSemesterQueryInput, request)
        semester = query["semester"]
        timetable = selectors.friend_timetable_get(
            viewer=request.user, friend_id=user_id, semester_id=semester
        )
        return Response(TimetableOutput(timetable).data)

    @extend_schema(
        summary="공강 찾기: 나와 고른 친구들이 모두 비는 평일 시간 (09:00–22:00)",
        parameters=[FreeTimeQueryInput],
        responses=FreeTimeOutput,
    )
    @action(detail=False, methods=["get"], url_path="free-time")
    def free_time(self, request):
        query = query_input(FreeTimeQueryInput, request)
        semester, users = query["semester"], query["users"]
        free = selectors.free_time_for(viewer=request.user, semester_id=semester, friend_ids=users)
        body = {"semester": semester, "users": users, "free": [vars(slot) for slot in free]}
        return Response(FreeTimeOutput(body).data)


class FriendRequestViewSet(viewsets.ViewSet):
    schema_tag = "친구"
    lookup_value_regex = ID_PATTERN
    http_method_names = ["get", "post", "delete", "options"]

    @extend_schema(
        summary="대기 중인 친구 요청",
        parameters=[FriendRequestQueryInput],
        responses=FriendRequestOutput(many=True),
    )
    def list(self, request):
        query = query_input(FriendRequestQueryInput, request)
        requests = selectors.friend_request_list_for(viewer=request.user, **query)
        return Response(FriendRequestOutput(requests, many=True).data)

    @extend_schema(
        summary="친구 요청 보내기 (같은 학교)",
        request=FriendRequestInput,
        responses={201: FriendRequestOutput, **CONFLICT},
    )
    def create(self, request):
        data = FriendRequestInput(data=request.data)
        data.is_valid(raise_exception=True)
        friendship = friends.friend_request_send(sender=request.user, **data.validated_data)
        return Response(FriendRequestOutput(friendship).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="보낸 친구 요청 취소", responses={204: None})
    def destroy(self, request, pk=None):
        friends.friend_request_cancel(sender=request.user, pk=pk)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(summary="친구 요청 수락 (받은 사람만)", request=None, responses=FriendOutput)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        friendship = friends.friend_request_accept(receiver=request.user, pk=pk)
        return Response(FriendOutput(friendship.from_user).data)

    @extend_schema(summary="친구 요청 거절 (받은 사람만)", request=None, responses={204: None})
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        friends.friend_request_reject(receiver=request.user, pk=pk)
        return Response(status=status.HTTP_204_NO_CONTENT)


class GradeViewSet(viewsets.ViewSet):
    schema_tag = "학점계산기"
    lookup_value_regex = ID_PATTERN
    http_method_names = ["get", "post", "patch", "delete", "options"]

    @extend_schema(summary="내 성적 (학점계산기)", responses=GradeOutput(many=True))
    def list(self, request):
        return Response(GradeOutput(selectors.grade_list_for(owner=request.user), many=True).data)

    @extend_schema(summary="성적 추가", request=GradeInput, responses={201: GradeOutput})
    def create(self, request):
        data = GradeInput(data=request.data)
        data.is_valid(raise_exception=True)
        entry = grades.grade_create(user=request.user, **data.validated_data)
        return Response(GradeOutput(entry).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="성적 수정", request=GradeInput(partial=True), responses=GradeOutput)
    def partial_update(self, request, pk=None):
        entry = selectors.grade_get_for(owner=request.user, pk=pk)
        data = GradeInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        return Response(GradeOutput(grades.grade_update(entry=entry, **data.validated_data)).data)

    @extend_schema(summary="성적 삭제", responses={204: None})
    def destroy(self, request, pk=None):
        grades.grade_delete(entry=selectors.grade_get_for(owner=request.user, pk=pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class GpaView(APIView):
    schema_tag = "학점계산기"

    @extend_schema(summary="내 평점 (4.5 만점)", responses=GpaOutput)
    def get(self, request):
        summary = grades.gpa_summary(list(selectors.grade_list_for(owner=request.user)))
        return Response(GpaOutput(summary).data)
