"""Timetables: one primary per user and semester, lectures and events that never clash
(unless the caller forces it, which removes what was in the way)."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction

from campus.accounts.models import User
from campus.core.db import lock_row
from campus.core.errors import ApplicationError, ErrorCode
from campus.timetables.clock import Slot
from campus.timetables.models import Event, Lecture, LectureTime, Semester, Timetable, TimetableLecture

NAME_TAKEN = "같은 학기에 같은 이름의 시간표가 있습니다."


def _lock_user_semester(*, user: User, semester_id: int) -> list[Timetable]:
    """Lock the user's timetables of a semester in pk order, so primary changes never race."""
    return list(
        Timetable.objects.select_for_update().filter(user=user, semester_id=semester_id).order_by("pk")
    )


def timetable_create(
    *, user: User, semester: Semester, name: str, visibility: str = Timetable.Visibility.FRIENDS
) -> Timetable:
    try:
        with transaction.atomic():
            existing = _lock_user_semester(user=user, semester_id=semester.pk)
            if any(t.name == name for t in existing):
                raise ApplicationError(NAME_TAKEN, field="name", code=ErrorCode.TAKEN)
            return Timetable.objects.create(
                user=user, semester=semester, name=name, visibility=visibility, is_primary=not existing
            )
    except IntegrityError as error:
        raise ApplicationError(NAME_TAKEN, field="name", code=ErrorCode.TAKEN) from error


def timetable_primary_ensure(*, user: User, semester: Semester) -> Timetable:
    """The user's primary timetable of a semester, made ("시간표 1") on their first visit."""
    try:
        with transaction.atomic():
            existing = _lock_user_semester(user=user, semester_id=semester.pk)
            primary = next((t for t in existing if t.is_primary), None)
            return primary or Timetable.objects.create(
                user=user, semester=semester, name="시간표 1", is_primary=True
            )
    except IntegrityError:  # a concurrent first visit made it
        return Timetable.objects.get(user=user, semester=semester, is_primary=True)


def timetable_create_numbered(*, user: User, semester: Semester) -> Timetable:
    """Another timetable of the semester, named "시간표 N" with the first free N (renamed later)."""
    taken = set(Timetable.objects.filter(user=user, semester=semester).values_list("name", flat=True))
    number = next(n for n in range(1, len(taken) + 2) if f"시간표 {n}" not in taken)
    return timetable_create(user=user, semester=semester, name=f"시간표 {number}")


@transaction.atomic
def timetable_update(
    *,
    timetable: Timetable,
    name: str | None = None,
    visibility: str | None = None,
    is_primary: bool | None = None,
) -> Timetable:
    siblings = _lock_user_semester(user=timetable.user, semester_id=timetable.semester_id)
    fields = []
    if name is not None and name != timetable.name:
        if any(t.name == name and t.pk != timetable.pk for t in siblings):
            raise ApplicationError(NAME_TAKEN, field="name", code=ErrorCode.TAKEN)
        timetable.name = name
        fields.append("name")
    if visibility is not None:
        timetable.visibility = visibility
        fields.append("visibility")
    if is_primary is False and timetable.is_primary:
        raise ApplicationError("다른 시간표를 기본 시간표로 지정하면 바뀝니다.", field="is_primary")
    if is_primary and not timetable.is_primary:
        Timetable.objects.filter(pk__in=[t.pk for t in siblings], is_primary=True).update(is_primary=False)
        timetable.is_primary = True
        fields.append("is_primary")
    if fields:
        timetable.save(update_fields=[*fields, "updated_at"])
    return timetable


@transaction.atomic
def timetable_delete(*, timetable: Timetable) -> None:
    siblings = _lock_user_semester(user=timetable.user, semester_id=timetable.semester_id)
    timetable.delete()
    if timetable.is_primary:
        remaining = [t for t in siblings if t.pk != timetable.pk]
        if remaining:  # the oldest one left becomes primary
            Timetable.objects.filter(pk=remaining[0].pk).update(is_primary=True)


@dataclass(frozen=True)
class Clash:
    """A class time of a lecture, or an event, already in the timetable and in the way."""

    slot: Slot
    lecture_id: int | None = None
    event_id: int | None = None


class TimetableClash(ApplicationError):
    """A 409 that says what is in the way (`clashes`); the API shows them as `conflicts`."""

    def __init__(self, clashes: list[Clash]) -> None:
        super().__init__("시간이 겹치는 강의나 일정이 있습니다.", code=ErrorCode.CONFLICT)
        self.clashes = clashes


def timetable_clashes(*, timetable: Timetable, slots: list[Slot]) -> list[Clash]:
    """What in `timetable` overlaps any of `slots`, by day and start."""
    days = {s.day for s in slots}
    clashes = []
    times = LectureTime.objects.filter(lecture__in=timetable.entries.values("lecture"), day__in=days)
    for time in times.order_by("day", "start"):
        if any(Slot(time.day, time.start, time.end).overlaps(s) for s in slots):
            clashes.append(Clash(Slot(time.day, time.start, time.end), lecture_id=time.lecture_id))
    for event in timetable.events.filter(day__in=days).order_by("day", "start"):
        if any(Slot(event.day, event.start, event.end).overlaps(s) for s in slots):
            clashes.append(Clash(Slot(event.day, event.start, event.end), event_id=event.pk))
    return clashes


def _resolve_clashes(*, timetable: Timetable, slots: list[Slot], force: bool) -> None:
    clashes = timetable_clashes(timetable=timetable, slots=slots)
    if not clashes:
        return
    if not force:
        raise TimetableClash(clashes)
    TimetableLecture.objects.filter(
        timetable=timetable, lecture_id__in={c.lecture_id for c in clashes if c.lecture_id}
    ).delete()
    Event.objects.filter(timetable=timetable, pk__in={c.event_id for c in clashes if c.event_id}).delete()


@transaction.atomic
def timetable_lecture_add(*, timetable: Timetable, lecture: Lecture, force: bool = False) -> None:
    """Add a lecture of the timetable's semester. A clash is a 409 listing what is in the way;
    `force` removes those entries instead. Adding a lecture already there changes nothing."""
    lock_row(Timetable, timetable.pk)
    if lecture.semester_id != timetable.semester_id:
        raise ApplicationError("시간표와 다른 학기의 강의입니다.", field="lecture")
    if TimetableLecture.objects.filter(timetable=timetable, lecture=lecture).exists():
        return
    slots = [Slot(t.day, t.start, t.end) for t in lecture.times.all()]
    _resolve_clashes(timetable=timetable, slots=slots, force=force)
    TimetableLecture.objects.create(timetable=timetable, lecture=lecture)


@transaction.atomic
def timetable_lecture_remove(*, timetable: Timetable, lecture_id: int) -> None:
    deleted, _ = TimetableLecture.objects.filter(timetable=timetable, lecture_id=lecture_id).delete()
    if not deleted:
        raise ApplicationError("시간표에 없는 강의입니다.", code=ErrorCode.NOT_FOUND)


@transaction.atomic
def timetable_event_add(
    *, timetable: Timetable, title: str, day: int, start: int, end: int, place: str = "", force: bool = False
) -> Event:
    if start >= end:
        raise ApplicationError("끝나는 시각은 시작 시각보다 늦어야 합니다.", field="end")
    lock_row(Timetable, timetable.pk)
    _resolve_clashes(timetable=timetable, slots=[Slot(day, start, end)], force=force)
    return Event.objects.create(timetable=timetable, title=title, day=day, start=start, end=end, place=place)


@transaction.atomic
def timetable_event_remove(*, timetable: Timetable, event_id: int) -> None:
    deleted, _ = Event.objects.filter(timetable=timetable, pk=event_id).delete()
    if not deleted:
        raise ApplicationError("시간표에 없는 일정입니다.", code=ErrorCode.NOT_FOUND)
