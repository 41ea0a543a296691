import pytest

from campus.timetables.tests.factories import LectureFactory, SemesterFactory

pytestmark = pytest.mark.django_db

LECTURES = "/api/v1/lectures/"


def names(res):
    assert res.status_code == 200, res.json()
    return [lecture["name"] for lecture in res.json()["results"]]


@pytest.fixture
def catalog(school, other_school):
    fall, spring = SemesterFactory(year=2026, term="2"), SemesterFactory(year=2026, term="1")
    LectureFactory(
        school=school,
        semester=fall,
        name="자료구조",
        code="CSE2010-01",
        professor="Kim Minsu",
        slots=[(0, "09:00", "10:15"), (2, "09:00", "10:15")],
    )
    LectureFactory(
        school=school,
        semester=fall,
        name="경영학원론",
        code="BIZ1001-01",
        professor="이서연",
        credits=2,
        department="경영학과",
        category="전공필수",
        slots=[(1, "13:00", "14:15")],
    )
    LectureFactory(
        school=school,
        semester=spring,
        name="자료구조",
        code="CSE2010-01",
        professor="Kim Minsu",
        slots=[(4, "09:00", "11:50")],
    )
    LectureFactory(school=other_school, semester=fall, name="남의 자료구조", slots=[(0, "09:00", "10:00")])
    return fall, spring


def test_semesters(make_user, catalog):
    me = make_user()
    res = me.client.get("/api/v1/semesters/")
    assert res.status_code == 200
    assert [(s["year"], s["term"], s["name"]) for s in res.json()] == [
        (2026, "2", "2026년 2학기"),
        (2026, "1", "2026년 1학기"),
    ]


def test_lecture_shape(make_user, catalog):
    me = make_user()
    lecture = me.client.get(LECTURES, {"semester": catalog[0].id, "code": "CSE2010"}).json()["results"][0]
    assert lecture["times"] == [
        {"day": 0, "start": "09:00", "end": "10:15", "room": "T101"},
        {"day": 2, "start": "09:00", "end": "10:15", "room": "T101"},
    ]
    assert lecture["rating"] == {"average": None, "count": 0}
    assert lecture["semester"] == catalog[0].id
    assert {"id", "code", "name", "professor", "credits", "category", "department"} <= set(lecture)
    # Shaped by hand (speed): exactly the fields the schema declares, in its order.
    from campus.timetables.api.serializers import LectureOutput, LectureTimeOutput

    assert list(lecture) == list(LectureOutput().fields)
    assert list(lecture["times"][0]) == list(LectureTimeOutput().fields)
    assert me.client.get(f"/api/v1/lectures/{lecture['id']}/").json() == lecture


def test_filters(make_user, catalog):
    me = make_user()
    fall = catalog[0].id
    assert names(me.client.get(LECTURES)) == ["자료구조", "경영학원론", "자료구조"]
    assert names(me.client.get(LECTURES, {"semester": fall})) == ["자료구조", "경영학원론"]
    assert names(me.client.get(LECTURES, {"semester": fall, "search": "kim"})) == ["자료구조"]
    assert names(me.client.get(LECTURES, {"semester": fall, "search": "biz1"})) == ["경영학원론"]
    assert names(me.client.get(LECTURES, {"semester": fall, "search": "자료"})) == ["자료구조"]
    assert names(me.client.get(LECTURES, {"professor": "이서"})) == ["경영학원론"]
    assert names(me.client.get(LECTURES, {"department": "경영"})) == ["경영학원론"]
    assert names(me.client.get(LECTURES, {"category": "전공필수"})) == ["경영학원론"]
    assert names(me.client.get(LECTURES, {"credits": 2})) == ["경영학원론"]
    assert names(me.client.get(LECTURES, {"day": 1})) == ["경영학원론"]
    assert names(me.client.get(LECTURES, {"day": 4})) == ["자료구조"]
    assert names(me.client.get(LECTURES, {"day": 0, "semester": fall})) == ["자료구조"]


@pytest.mark.parametrize(
    "params",
    [
        {"day": 9},
        {"day": "mon"},
        {"credits": -1},
        {"credits": "abc"},
        {"semester": "x"},
        {"search": "x" * 101},
    ],
)
def test_bad_filters_are_400(make_user, catalog, params):
    me = make_user()
    res = me.client.get(LECTURES, params)
    assert res.status_code == 400
    assert set(res.json()) == set(params)


def test_other_school_lecture_is_404(make_user, catalog, other_school):
    from campus.timetables.models import Lecture

    me = make_user()
    foreign = Lecture.objects.get(school=other_school)
    assert me.client.get(f"{LECTURES}{foreign.id}/").status_code == 404
    assert me.client.get(f"{LECTURES}{foreign.id}/reviews/").status_code == 404
    assert "남의 자료구조" not in names(me.client.get(LECTURES, {"search": "자료"}))


def test_lecture_search_query_budget(make_user, school, django_assert_max_num_queries):
    me = make_user()
    semester = SemesterFactory()
    for i in range(40):
        LectureFactory(
            school=school,
            semester=semester,
            slots=[(i % 5, "09:00", "10:15"), ((i + 2) % 5, "13:00", "14:15")],
        )
    with django_assert_max_num_queries(4):
        res = me.client.get(LECTURES, {"semester": semester.id, "page_size": 40, "search": "강의"})
    assert len(res.json()["results"]) == 40
    assert all(len(lecture["times"]) == 2 for lecture in res.json()["results"])
