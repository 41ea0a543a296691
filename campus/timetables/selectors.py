"""Timetable reads: the catalog is scoped to the viewer's school; timetables to their owner
(or, for a friend's primary timetable, to friends when its visibility allows)."""

from collections import Counter
from typing import Any
from uuid import UUID

from django.db.models import Case, Exists, OuterRef, Prefetch, Q, QuerySet, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from campus.accounts.models import User
from campus.core.errors import ApplicationError, ErrorCode
from campus.core.generations import Tracked
from campus.core.pages import school_cached_page
from campus.core.pagination import Page, PageRequest
from campus.core.search import index_candidates, looks_common, search_is_indexed, text_search
from campus.timetables.clock import Slot, format_clock, free_ranges
from campus.timetables.models import (
    TERM_ORDER,
    Course,
    Event,
    Friendship,
    GradeEntry,
    Lecture,
    LectureTime,
    Review,
    Semester,
    Timetable,
    regular_term_of,
)


def semester_list() -> QuerySet[Semester]:
    """Newest first: by year, then winter, 2, summer, 1."""
    rank = Case(*[When(term=term, then=Value(order)) for term, order in TERM_ORDER.items()])
    return Semester.objects.annotate(term_rank=rank).order_by("-year", "-term_rank")


def semester_current() -> Semester | None:
    """Today's regular semester when the catalog has it, else the newest one there is."""
    year, term = regular_term_of(timezone.localdate())
    return Semester.objects.filter(year=year, term=term).first() or semester_list().first()


def lecture_categories(*, viewer: User, semester_id: int) -> list[str]:
    """The 구분 values (전공필수, 교양 …) of the viewer's school's catalog for a semester."""
    lectures = Lecture.objects.filter(school_id=viewer.school_id, semester_id=semester_id).exclude(
        category=""
    )
    return list(lectures.order_by("category").values_list("category", flat=True).distinct())


def _lectures_with_times() -> QuerySet[Lecture]:
    return Lecture.objects.select_related("course").prefetch_related(
        Prefetch("times", queryset=LectureTime.objects.order_by("day", "start"))
    )


def lecture_list_for(*, viewer: User) -> QuerySet[Lecture]:
    return _lectures_with_times().filter(school_id=viewer.school_id).order_by("id")


def lecture_get_for(*, viewer: User, pk: int) -> Lecture:
    return get_object_or_404(lecture_list_for(viewer=viewer), pk=pk)


def lecture_search(*, lectures: QuerySet[Lecture], filters: dict) -> QuerySet[Lecture]:
    """`filters` is validated input: semester, search, code, professor, department, category, credits, day."""
    if (semester := filters.get("semester")) is not None:
        lectures = lectures.filter(semester_id=semester)
    if search := filters.get("search"):
        lectures = text_search(lectures, search, ["name", "code", "professor"])
    for field in ("code", "professor", "department", "category"):
        if value := filters.get(field):
            lectures = lectures.filter(**{f"{field}__icontains": value})
    if (credits := filters.get("credits")) is not None:
        lectures = lectures.filter(credits=credits)
    if (day := filters.get("day")) is not None:
        lectures = lectures.filter(Exists(LectureTime.objects.filter(lecture=OuterRef("pk"), day=day)))
    return lectures


CATALOG_ORDER = ("id",)  # catalog order, as imported


def catalog_scope(school_id: int) -> str:
    """A school's lecture catalog: lectures, their times, their courses' ratings."""
    return f"catalog:{school_id}"


def _catalogs_moved(rows: list[tuple]) -> set[str]:
    return {catalog_scope(school_id) for (school_id,) in rows}


# Which writes move the catalog's cached pages: any write to a course, a lecture or its times.
CACHE_SCOPES = {
    Course: Tracked(("school_id",), _catalogs_moved, moving=frozenset({"school", "school_id"})),
    Lecture: Tracked(("school_id",), _catalogs_moved, moving=frozenset({"school", "school_id"})),
    LectureTime: Tracked(
        ("lecture__school_id",), _catalogs_moved, moving=frozenset({"lecture", "lecture_id"})
    ),
}


def lecture_row(lecture: Lecture) -> dict[str, Any]:
    """A lecture (with its times and course) as the catalog and a timetable show it."""
    return {
        "id": lecture.id,
        "semester": lecture.semester_id,
        "code": lecture.code,
        "name": lecture.name,
        "professor": lecture.professor,
        "credits": lecture.credits,
        "category": lecture.category,
        "department": lecture.department,
        "capacity": lecture.capacity,
        "times": [
            {"day": t.day, "start": format_clock(t.start), "end": format_clock(t.end), "room": t.room}
            for t in lecture.times.all()
        ],
        "rating": {"average": lecture.course.rating_average, "count": lecture.course.rating_count},
    }


def catalog_search(*, viewer: User, filters: dict) -> QuerySet[Lecture]:
    """The viewer's school's lectures matching `filters` (`lecture_search`). Within a semester
    the catalog bounds a search (a few thousand lectures; 2,500 cost as much to read as asking
    the gram index first, measured). Across every semester of a school — a catalog that grows
    each term — a word few lectures hold is read from the gram index by id, as a post search is
    (core/search.py), and a common one reads the catalog in order and fills a page early."""
    lectures = lecture_search(lectures=lecture_list_for(viewer=viewer), filters=filters)
    search = filters.get("search")
    if filters.get("semester") is not None or not search or not search_is_indexed(lectures):
        return lectures
    if looks_common(Lecture, search, school_id=viewer.school_id):
        return lectures
    ids = index_candidates(Lecture, search, school_id=viewer.school_id)
    return lectures if ids is None else lectures.filter(pk__in=ids)


def catalog_page(*, viewer: User, filters: dict, page: PageRequest) -> Page:
    """A page of the viewer's school's lectures matching `filters` (`catalog_search`), as
    `lecture_row`s, through the school cache: every student of the school sees the same."""
    return school_cached_page(
        viewer=viewer, page=page, scopes=(catalog_scope(viewer.school_id),),
        parts=["lectures", filters], rows=lambda: catalog_search(viewer=viewer, filters=filters),
        shape=lambda lectures: [lecture_row(lecture) for lecture in lectures],
    )  # fmt: skip


def _timetables_full() -> QuerySet[Timetable]:
    return Timetable.objects.select_related("semester").prefetch_related(
        Prefetch("lectures", queryset=_lectures_with_times().order_by("code")),
        Prefetch("events", queryset=Event.objects.order_by("day", "start", "id")),
    )


def timetable_list_for(*, owner: User) -> QuerySet[Timetable]:
    return (
        _timetables_full().filter(user=owner).order_by("-semester__year", "-semester_id", "-is_primary", "id")
    )


def timetable_get_for(*, owner: User, pk: int) -> Timetable:
    return get_object_or_404(timetable_list_for(owner=owner), pk=pk)


def friend_list_for(*, viewer: User) -> QuerySet[User]:
    mine = Friendship.objects.filter(accepted_at__isnull=False)
    return User.objects.filter(
        Q(pk__in=mine.filter(from_user=viewer).values("to_user"))
        | Q(pk__in=mine.filter(to_user=viewer).values("from_user")),
        is_active=True,
    ).order_by("nickname")


def friend_request_list_for(*, viewer: User, direction: str) -> QuerySet[Friendship]:
    pending = Friendship.objects.filter(accepted_at__isnull=True).select_related("from_user", "to_user")
    if direction == "sent":
        return pending.filter(from_user=viewer, to_user__is_active=True).order_by("-id")
    return pending.filter(to_user=viewer, from_user__is_active=True).order_by("-id")


def _friend_timetables(*, viewer: User, semester_id: int) -> QuerySet[Timetable]:
    """Primary timetables of the viewer's friends that friends may see, for one semester."""
    return _timetables_full().filter(
        user__in=friend_list_for(viewer=viewer).order_by(),
        semester_id=semester_id,
        is_primary=True,
        visibility__in=[Timetable.Visibility.PUBLIC, Timetable.Visibility.FRIENDS],
    )


def friend_timetable_get(*, viewer: User, friend_id: UUID | str, semester_id: int) -> Timetable:
    """A friend's primary timetable they let friends see; anything else is indistinguishable (404)."""
    return get_object_or_404(_friend_timetables(viewer=viewer, semester_id=semester_id), user_id=friend_id)


def friend_timetables_get(*, viewer: User, friend_ids: list[str], semester_id: int) -> list[Timetable]:
    """`friend_timetable_get` for several friends in one read; a 404 if any of them is not there."""
    found = list(_friend_timetables(viewer=viewer, semester_id=semester_id).filter(user_id__in=friend_ids))
    if len(found) != len(set(friend_ids)):
        raise Http404
    return found


def busy_slots(timetable: Timetable | None) -> list[Slot]:
    """Every class time and event of a (prefetched) timetable."""
    if timetable is None:
        return []
    slots = [Slot(t.day, t.start, t.end) for lecture in timetable.lectures.all() for t in lecture.times.all()]
    return slots + [Slot(e.day, e.start, e.end) for e in timetable.events.all()]


FREE_TIME_MAX_FRIENDS = 10


def free_time_for(*, viewer: User, semester_id: int, friend_ids: list[str]) -> list[Slot]:
    """The weekday ranges when the viewer and every chosen friend (at most
    `FREE_TIME_MAX_FRIENDS`) are free. Without a primary timetable of my own I count as free; a
    friend whose timetable I may not see is a 404."""
    if len(set(friend_ids)) > FREE_TIME_MAX_FRIENDS:
        raise ApplicationError(f"한 번에 {FREE_TIME_MAX_FRIENDS}명까지 고를 수 있습니다.", field="users")
    mine = timetable_list_for(owner=viewer).filter(semester_id=semester_id, is_primary=True).first()
    busy = busy_slots(mine)
    for timetable in friend_timetables_get(viewer=viewer, friend_ids=friend_ids, semester_id=semester_id):
        busy += busy_slots(timetable)
    return free_ranges(busy=busy)


def review_list_for_lecture(*, lecture: Lecture) -> QuerySet[Review]:
    return Review.objects.filter(course_id=lecture.course_id).select_related("semester_taken").order_by("-id")


REVIEW_ITEMS = ["assignment", "group_work", "grading", "attendance", "exams"]


def review_item_modes(*, lecture: Lecture) -> dict[str, object]:
    """The most common answer to each 강의평 item over the course's reviews (a tie goes to the
    newest review's answer), or an empty dict with no review yet."""
    answers = Review.objects.filter(course_id=lecture.course_id).order_by("-id").values_list(*REVIEW_ITEMS)
    columns = list(zip(*answers, strict=True))  # one tuple of answers per item, none without a review
    if not columns:
        return {}
    return {
        item: Counter(values).most_common(1)[0][0] for item, values in zip(REVIEW_ITEMS, columns, strict=True)
    }


def review_get_for(*, viewer: User, pk: int) -> Review:
    return get_object_or_404(Review.objects.filter(course__school_id=viewer.school_id), pk=pk)


def grade_list_for(*, owner: User) -> QuerySet[GradeEntry]:
    return GradeEntry.objects.filter(user=owner).order_by("year", "id")


def grade_get_for(*, owner: User, pk: int) -> GradeEntry:
    entry = GradeEntry.objects.filter(user=owner, pk=pk).first()
    if entry is None:
        raise ApplicationError("성적을 찾을 수 없습니다.", code=ErrorCode.NOT_FOUND)
    return entry
