import json

import pytest

from campus.accounts.tests.factories import UserFactory
from campus.core.tests.helpers import run_concurrently
from campus.timetables.models import Course, Review
from campus.timetables.services.reviews import review_create
from campus.timetables.tests.factories import LectureFactory, SemesterFactory

pytestmark = pytest.mark.django_db

BODY = {
    "rating": 4,
    "content": "과제가 많지만 배울 게 많아요",
    "assignment": "many",
    "group_work": "none",
    "grading": "generous",
    "attendance": "electronic",
    "exams": 2,
}


@pytest.fixture
def course_lectures(school):
    fall, spring = SemesterFactory(year=2026, term="2"), SemesterFactory(year=2026, term="1")
    now = LectureFactory(school=school, semester=fall, code="CSE2010-01", professor="김교수")
    before = LectureFactory(school=school, semester=spring, code="CSE2010-01", professor="김교수")
    return now, before


def test_review_is_anonymous_and_rates_every_semester(make_user, course_lectures):
    now, before = course_lectures
    a, b = make_user(), make_user()
    res = a.client.post(
        f"/api/v1/lectures/{now.id}/reviews/", {**BODY, "semester_taken": before.semester_id}, format="json"
    )
    assert res.status_code == 201
    review = res.json()
    assert review["is_mine"] is True
    assert (review["rating"], review["semester_taken"], review["exams"]) == (4, before.semester_id, 2)
    b.client.post(f"/api/v1/lectures/{before.id}/reviews/", {**BODY, "rating": 5}, format="json")
    for lecture in (now, before):
        rating = b.client.get(f"/api/v1/lectures/{lecture.id}/").json()["rating"]
        assert rating == {"average": 4.5, "count": 2}
    listed = b.client.get(f"/api/v1/lectures/{now.id}/reviews/").json()["results"]
    assert [(r["rating"], r["is_mine"]) for r in listed] == [(5, True), (4, False)]
    text = json.dumps(listed, ensure_ascii=False)
    for secret in (str(a.id), a.username, a.nickname):
        assert secret not in text


def test_one_review_per_course(make_user, course_lectures):
    now, before = course_lectures
    a = make_user()
    assert a.client.post(f"/api/v1/lectures/{now.id}/reviews/", BODY, format="json").status_code == 201
    again = a.client.post(f"/api/v1/lectures/{before.id}/reviews/", BODY, format="json")
    assert again.status_code == 409
    assert Course.objects.get().rating_count == 1


@pytest.mark.parametrize(
    "change",
    [
        {"rating": 6},
        {"rating": 0},
        {"rating": "five"},
        {"rating": 4.5},
        {"grading": "lenient"},
        {"assignment": "lots"},
        {"attendance": "sometimes"},
        {"exams": 5},
        {"exams": -1},
        {"content": ""},
        {"semester_taken": 999999},
    ],
)
def test_bad_review_input(make_user, course_lectures, change):
    a = make_user()
    res = a.client.post(
        f"/api/v1/lectures/{course_lectures[0].id}/reviews/", {**BODY, **change}, format="json"
    )
    assert res.status_code == 400
    assert set(res.json()) == set(change)
    assert Review.objects.count() == 0


def test_edit_and_delete_author_only_keep_rating_right(make_user, course_lectures, other_school):
    now, _ = course_lectures
    a, b = make_user(), make_user()
    stranger = make_user(school=other_school)
    rid = a.client.post(f"/api/v1/lectures/{now.id}/reviews/", BODY, format="json").json()["id"]
    b.client.post(f"/api/v1/lectures/{now.id}/reviews/", {**BODY, "rating": 2}, format="json")
    assert b.client.patch(f"/api/v1/reviews/{rid}/", {"rating": 1}, format="json").status_code == 403
    assert stranger.client.patch(f"/api/v1/reviews/{rid}/", {"rating": 1}, format="json").status_code == 404
    res = a.client.patch(
        f"/api/v1/reviews/{rid}/", {"rating": 5, "content": "다시 생각해보니 최고"}, format="json"
    )
    assert (res.status_code, res.json()["rating"], res.json()["content"]) == (200, 5, "다시 생각해보니 최고")
    assert a.client.get(f"/api/v1/lectures/{now.id}/").json()["rating"] == {"average": 3.5, "count": 2}
    assert b.client.delete(f"/api/v1/reviews/{rid}/").status_code == 403
    assert a.client.delete(f"/api/v1/reviews/{rid}/").status_code == 204
    assert a.client.get(f"/api/v1/lectures/{now.id}/").json()["rating"] == {"average": 2.0, "count": 1}


def test_reviews_query_budget(make_user, course_lectures, django_assert_max_num_queries):
    now, _ = course_lectures
    for person in UserFactory.create_batch(15, school=now.school):
        review_create(lecture=now, author=person, **BODY)
    me = make_user()
    with django_assert_max_num_queries(4):
        res = me.client.get(f"/api/v1/lectures/{now.id}/reviews/?page_size=50")
    assert len(res.json()["results"]) == 15


@pytest.mark.django_db(transaction=True)
def test_concurrent_reviews_keep_the_rating_exact():
    lecture = LectureFactory()
    people = UserFactory.create_batch(10, school=lecture.school)

    def write(person, rating):
        review_create(lecture=lecture, author=person, **{**BODY, "rating": rating})

    errors = run_concurrently(write, [(person, i % 5 + 1) for i, person in enumerate(people)])

    assert errors == []
    course = Course.objects.get(pk=lecture.course_id)
    assert (course.rating_count, course.rating_sum) == (10, 30)
