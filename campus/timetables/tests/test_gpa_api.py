import pytest

from campus.timetables.models import GradeEntry

pytestmark = pytest.mark.django_db

GRADES = "/api/v1/me/grades/"


def add(person, **fields):
    body = {"year": 2025, "term": "1", "course_name": "과목", "credits": 3, "grade": "A+", "is_major": False}
    res = person.client.post(GRADES, {**body, **fields}, format="json")
    assert res.status_code == 201, res.json()
    return res.json()


def test_gpa_on_the_45_scale(make_user):
    me, other = make_user(), make_user()
    assert me.client.get("/api/v1/me/gpa/").json() == {
        "gpa": None,
        "major_gpa": None,
        "credits": 0,
        "semesters": [],
    }
    add(me, course_name="자료구조", credits=3, grade="A+", is_major=True)
    add(me, course_name="운영체제", credits=3, grade="B0", is_major=True)
    add(me, course_name="채플", credits=1, grade="P")
    add(me, year=2025, term="2", course_name="글쓰기", credits=2, grade="C+")
    add(me, year=2025, term="2", course_name="체육", credits=1, grade="NP")
    add(me, year=2025, term="summer", course_name="계절", credits=3, grade="F")
    add(other, credits=3, grade="F")
    gpa = me.client.get("/api/v1/me/gpa/").json()
    # (4.5*3 + 3.0*3 + 2.5*2 + 0*3) / 11 = 27.5 / 11 = 2.5
    assert gpa["gpa"] == 2.5
    assert gpa["major_gpa"] == 3.75
    assert gpa["credits"] == 13
    assert gpa["semesters"] == [
        {"year": 2025, "term": "1", "gpa": 3.75, "credits": 7},
        {"year": 2025, "term": "summer", "gpa": 0.0, "credits": 3},
        {"year": 2025, "term": "2", "gpa": 2.5, "credits": 3},
    ]


def test_rounding_to_two_places(make_user):
    me = make_user()
    add(me, credits=3, grade="A+")
    add(me, credits=3, grade="A0")
    add(me, credits=1, grade="B+")
    # (13.5 + 12 + 3.5) / 7 = 4.142857…
    assert me.client.get("/api/v1/me/gpa/").json()["gpa"] == 4.14


def test_only_pass_fail_has_no_gpa(make_user):
    me = make_user()
    add(me, credits=2, grade="P")
    assert me.client.get("/api/v1/me/gpa/").json() == {
        "gpa": None,
        "major_gpa": None,
        "credits": 2,
        "semesters": [{"year": 2025, "term": "1", "gpa": None, "credits": 2}],
    }


@pytest.mark.parametrize(
    "change",
    [
        {"grade": "Z"},
        {"grade": "a+"},
        {"credits": -1},
        {"credits": 31},
        {"credits": "three"},
        {"term": "3"},
        {"year": 3000},
        {"course_name": ""},
        {"is_major": "maybe"},
    ],
)
def test_bad_grade_input(make_user, change):
    me = make_user()
    body = {"year": 2025, "term": "1", "course_name": "과목", "credits": 3, "grade": "A+", **change}
    res = me.client.post(GRADES, body, format="json")
    assert res.status_code == 400
    assert set(res.json()) == set(change)
    assert GradeEntry.objects.count() == 0


def test_edit_delete_own_only(make_user):
    me, other = make_user(), make_user()
    entry = add(me, grade="B0")
    assert other.client.patch(f"{GRADES}{entry['id']}/", {"grade": "A+"}, format="json").status_code == 404
    res = me.client.patch(f"{GRADES}{entry['id']}/", {"grade": "A+"}, format="json")
    assert res.json()["grade"] == "A+"
    assert me.client.patch(f"{GRADES}{entry['id']}/", {"grade": "Z"}, format="json").status_code == 400
    assert [g["grade"] for g in me.client.get(GRADES).json()] == ["A+"]
    assert other.client.get(GRADES).json() == []
    assert other.client.delete(f"{GRADES}{entry['id']}/").status_code == 404
    assert me.client.delete(f"{GRADES}{entry['id']}/").status_code == 204
    assert GradeEntry.objects.count() == 0
