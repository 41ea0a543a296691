"""The lecture catalog through the school cache (core/pages.py): a page read once is read from
the cache by the school's other students, and every write to the catalog drops it."""

import pytest

from campus.timetables.models import Course, Lecture, LectureTime
from campus.timetables.services.reviews import review_create
from campus.timetables.tests.factories import LectureFactory

pytestmark = pytest.mark.django_db


def catalog(person, fall, query="") -> list[dict]:
    res = person.client.get(f"/api/v1/lectures/?semester={fall.id}{query}")
    assert res.status_code == 200, res.content
    return res.json()["results"]


@pytest.fixture
def lectures(school, fall):
    return [
        LectureFactory(school=school, semester=fall, name="자료구조", slots=[(0, "09:00", "10:15")]),
        LectureFactory(school=school, semester=fall, name="운영체제"),
    ]


def test_the_next_student_reads_the_cached_page_in_one_query(
    lectures, fall, make_user, django_assert_num_queries
):
    first, student = catalog(make_user(), fall, "&search=자료"), make_user()
    with django_assert_num_queries(1):  # the viewer
        again = catalog(student, fall, "&search=자료")
    assert again == first
    assert [row["name"] for row in again] == ["자료구조"]
    assert [row["name"] for row in catalog(make_user(), fall)] == ["자료구조", "운영체제"]


def test_another_school_never_reads_the_cached_page(lectures, fall, make_user, other_school):
    catalog(make_user(), fall)
    assert catalog(make_user(school=other_school), fall) == []


def _renamed(lectures):
    Lecture.objects.filter(pk=lectures[0].pk).update(name="고급자료구조")
    return lambda rows: rows[0]["name"] == "고급자료구조"


def _moved(lectures):
    LectureTime.objects.filter(lecture=lectures[0]).update(room="T999")
    return lambda rows: rows[0]["times"][0]["room"] == "T999"


def _new_time(lectures):
    LectureTime.objects.create(lecture=lectures[1], day=2, start=600, end=675, room="P101")
    return lambda rows: [t["room"] for t in rows[1]["times"]] == ["P101"]


def _reviewed(lectures):
    review_create(
        lecture=lectures[0], author=lectures.reviewer, rating=4, content="좋아요", assignment="normal",
        group_work="none", grading="generous", attendance="none", exams=2,
    )  # fmt: skip
    return lambda rows: rows[0]["rating"] == {"average": 4.0, "count": 1}


def _added(lectures):
    LectureFactory(school=lectures[0].school, semester=lectures[0].semester, name="컴파일러")
    return lambda rows: [row["name"] for row in rows] == ["자료구조", "운영체제", "컴파일러"]


def _course_reset(lectures):
    Course.objects.filter(pk=lectures[0].course_id).update(rating_sum=10, rating_count=2)
    return lambda rows: rows[0]["rating"] == {"average": 5.0, "count": 2}


WRITES = [_renamed, _moved, _new_time, _reviewed, _added, _course_reset]


@pytest.mark.parametrize("write", WRITES, ids=[w.__name__.strip("_") for w in WRITES])
def test_every_catalog_write_drops_the_cached_pages(lectures, fall, make_user, write):
    reader = make_user()

    class Lectures(list):
        reviewer = make_user()

    catalog(reader, fall)
    expected = write(Lectures(lectures))
    assert expected(catalog(reader, fall))
    assert expected(catalog(make_user(), fall))
