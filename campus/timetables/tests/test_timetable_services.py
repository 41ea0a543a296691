"""Clash resolution and GPA, called as services: the rules without HTTP around them."""

import pytest

from campus.accounts.tests.factories import UserFactory
from campus.timetables.clock import Slot, format_clock, parse_clock
from campus.timetables.models import GradeEntry, Timetable, TimetableLecture
from campus.timetables.services import timetables
from campus.timetables.services.grades import GpaSummary, SemesterGpa, gpa_summary
from campus.timetables.tests.factories import LectureFactory, SemesterFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def timetable():
    user = UserFactory()
    return Timetable.objects.create(user=user, semester=SemesterFactory(), name="기본", is_primary=True)


def lecture_at(timetable, *slots):
    return LectureFactory(school=timetable.user.school, semester=timetable.semester, slots=list(slots))


def test_clashes_list_what_is_in_the_way_and_touching_ends_do_not_clash(timetable):
    first = lecture_at(timetable, (0, "09:00", "10:15"), (2, "09:00", "10:15"))
    timetables.timetable_lecture_add(timetable=timetable, lecture=first)
    event = timetables.timetable_event_add(timetable=timetable, title="동아리", day=2, start=615, end=720)

    touching = lecture_at(timetable, (0, "10:15", "11:30"))
    timetables.timetable_lecture_add(timetable=timetable, lecture=touching)  # 10:15 end, 10:15 start

    clashing = lecture_at(timetable, (2, "10:00", "11:00"), (0, "11:00", "12:00"))
    with pytest.raises(timetables.TimetableClash) as raised:
        timetables.timetable_lecture_add(timetable=timetable, lecture=clashing)
    assert raised.value.status == 409
    assert raised.value.clashes == [
        timetables.Clash(Slot(0, 615, 690), lecture_id=touching.id),
        timetables.Clash(Slot(2, 540, 615), lecture_id=first.id),
        timetables.Clash(Slot(2, 615, 720), event_id=event.id),
    ]
    assert set(TimetableLecture.objects.filter(timetable=timetable).values_list("lecture_id", flat=True)) == {
        first.id,
        touching.id,
    }


def test_force_removes_only_what_clashes(timetable):
    keep = lecture_at(timetable, (1, "09:00", "10:00"))
    drop = lecture_at(timetable, (3, "13:00", "14:00"))
    for lecture in (keep, drop):
        timetables.timetable_lecture_add(timetable=timetable, lecture=lecture)
    event = timetables.timetable_event_add(
        timetable=timetable, title="알바", day=3, start=14 * 60, end=15 * 60
    )
    newcomer = lecture_at(timetable, (3, "13:30", "14:30"))
    timetables.timetable_lecture_add(timetable=timetable, lecture=newcomer, force=True)
    lectures = set(TimetableLecture.objects.filter(timetable=timetable).values_list("lecture_id", flat=True))
    assert lectures == {keep.id, newcomer.id}
    assert not timetable.events.filter(pk=event.pk).exists()


def test_adding_a_lecture_twice_changes_nothing(timetable):
    lecture = lecture_at(timetable, (4, "09:00", "10:00"))
    timetables.timetable_lecture_add(timetable=timetable, lecture=lecture)
    timetables.timetable_lecture_add(timetable=timetable, lecture=lecture)
    assert TimetableLecture.objects.filter(timetable=timetable).count() == 1


@pytest.mark.parametrize(("text", "minutes"), [("09:00", 540), ("9:05", 545), ("00:00", 0), ("24:00", 1440)])
def test_clock_parses_and_formats(text, minutes):
    assert parse_clock(text) == minutes
    assert format_clock(minutes) == text.zfill(5)


@pytest.mark.parametrize("text", ["24:01", "12:60", "١٢:٠٠", "12", "12:5", "", "noon"])
def test_clock_refuses_what_is_not_a_time(text):
    with pytest.raises(ValueError, match="잘못된 시각"):
        parse_clock(text)


def entry(year, term, grade, credits=3, major=False):
    return GradeEntry(year=year, term=term, course_name="과목", credits=credits, grade=grade, is_major=major)


def test_gpa_on_the_four_point_five_scale_per_semester_and_major():
    entries = [
        entry(2025, "2", "A+", major=True),
        entry(2025, "2", "B0"),
        entry(2025, "1", "P", credits=1),
        entry(2025, "1", "C+", credits=2, major=True),
        entry(2024, "winter", "F", credits=1),
    ]
    assert gpa_summary(entries) == GpaSummary(
        gpa=3.06,  # (4.5×3 + 3.0×3 + 2.5×2 + 0×1) / 9 = 3.0555…; P counts toward credits only
        major_gpa=3.7,  # (4.5×3 + 2.5×2) / 5
        credits=10,
        semesters=[
            SemesterGpa(2024, "winter", 0.0, 1),
            SemesterGpa(2025, "1", 2.5, 3),
            SemesterGpa(2025, "2", 3.75, 6),
        ],
    )


def test_no_graded_course_means_no_gpa():
    summary = gpa_summary([entry(2025, "1", "P"), entry(2025, "1", "NP")])
    assert (summary.gpa, summary.major_gpa, summary.credits) == (None, None, 6)
