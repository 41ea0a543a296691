import pytest

from campus.timetables.models import Event, Timetable, TimetableLecture
from campus.timetables.tests.factories import LectureFactory, SemesterFactory

pytestmark = pytest.mark.django_db

TIMETABLES = "/api/v1/timetables/"


def create(person, semester, name="시간표 1", **extra):
    res = person.client.post(TIMETABLES, {"semester": semester.id, "name": name, **extra}, format="json")
    assert res.status_code == 201, res.json()
    return res.json()


def test_first_is_primary_and_names_are_unique(make_user, fall):
    me = make_user()
    first = create(me, fall)
    assert (
        first["is_primary"],
        first["visibility"],
        first["lectures"],
        first["events"],
        first["total_credits"],
    ) == (
        True,
        "friends",
        [],
        [],
        0,
    )
    second = create(me, fall, "플랜 B", visibility="private")
    assert (second["is_primary"], second["visibility"]) == (False, "private")
    dup = me.client.post(TIMETABLES, {"semester": fall.id, "name": "플랜 B"}, format="json")
    assert dup.status_code == 400
    assert "name" in dup.json()
    spring = SemesterFactory(year=2026, term="1")
    assert create(me, spring, "플랜 B")["is_primary"] is True
    listed = me.client.get(TIMETABLES, {"semester": fall.id}).json()
    assert [(t["name"], t["is_primary"]) for t in listed] == [("시간표 1", True), ("플랜 B", False)]


@pytest.mark.parametrize(
    "body",
    [
        {"name": "x"},
        {"semester": 999999, "name": "x"},
        {"semester": "a", "name": "x"},
        {"semester": 1, "name": ""},
        {"semester": 1, "name": "x", "visibility": "everyone"},
        {"semester": 1, "name": "x" * 41},
    ],
)
def test_create_bad_input(make_user, fall, body):
    me = make_user()
    assert me.client.post(TIMETABLES, body, format="json").status_code == 400
    assert Timetable.objects.count() == 0


def test_primary_moves_and_is_promoted_on_delete(make_user, fall):
    me = make_user()
    a, b, c = (create(me, fall, name)["id"] for name in ("A", "B", "C"))
    res = me.client.patch(f"{TIMETABLES}{c}/", {"is_primary": True, "name": "C'"}, format="json")
    assert (res.json()["is_primary"], res.json()["name"]) == (True, "C'")
    assert list(Timetable.objects.filter(is_primary=True).values_list("id", flat=True)) == [c]
    assert me.client.patch(f"{TIMETABLES}{c}/", {"is_primary": False}, format="json").status_code == 400
    assert me.client.delete(f"{TIMETABLES}{c}/").status_code == 204
    assert list(Timetable.objects.filter(is_primary=True).values_list("id", flat=True)) == [a]
    assert me.client.patch(f"{TIMETABLES}{b}/", {"name": "A"}, format="json").status_code == 400


def test_others_get_404(make_user, fall):
    me, other = make_user(), make_user()
    mine = create(me, fall)["id"]
    lecture = LectureFactory(school=me.school, semester=fall)
    for call in (
        lambda c: c.get(f"{TIMETABLES}{mine}/"),
        lambda c: c.patch(f"{TIMETABLES}{mine}/", {"name": "x"}, format="json"),
        lambda c: c.delete(f"{TIMETABLES}{mine}/"),
        lambda c: c.post(f"{TIMETABLES}{mine}/lectures/", {"lecture": lecture.id}, format="json"),
    ):
        assert call(other.client).status_code == 404
    assert other.client.get(TIMETABLES).json() == []
    assert TimetableLecture.objects.count() == 0


def test_add_lectures_clash_and_force(make_user, fall):
    me = make_user()
    tid = create(me, fall)["id"]
    ds = LectureFactory(
        school=me.school, semester=fall, credits=3, slots=[(0, "09:00", "10:15"), (2, "09:00", "10:15")]
    )
    os_ = LectureFactory(school=me.school, semester=fall, credits=2, slots=[(2, "10:00", "11:15")])
    fine = LectureFactory(school=me.school, semester=fall, credits=1, slots=[(2, "10:15", "11:00")])
    url = f"{TIMETABLES}{tid}/lectures/"
    res = me.client.post(url, {"lecture": ds.id}, format="json")
    assert res.status_code == 201
    assert [lec["id"] for lec in res.json()["lectures"]] == [ds.id]
    assert res.json()["total_credits"] == 3
    clash = me.client.post(url, {"lecture": os_.id}, format="json")
    assert clash.status_code == 409
    assert clash.json()["conflicts"] == [{"lecture": ds.id, "day": 2, "start": "09:00", "end": "10:15"}]
    assert "detail" in clash.json()
    touching = me.client.post(
        url, {"lecture": fine.id}, format="json"
    )  # 10:15 start touches 10:15 end: no clash
    assert touching.status_code == 201
    assert touching.json()["total_credits"] == 4
    again = me.client.post(url, {"lecture": fine.id}, format="json")
    assert again.status_code == 201
    assert again.json()["total_credits"] == 4
    forced = me.client.post(url, {"lecture": os_.id, "force": True}, format="json")
    assert forced.status_code == 201
    assert sorted(lec["id"] for lec in forced.json()["lectures"]) == [os_.id]
    assert forced.json()["total_credits"] == 2
    assert me.client.delete(f"{url}{os_.id}/").status_code == 204
    assert me.client.delete(f"{url}{os_.id}/").status_code == 404
    assert TimetableLecture.objects.count() == 0


def test_lecture_of_other_semester_or_school(make_user, fall, other_school):
    me = make_user()
    tid = create(me, fall)["id"]
    spring_lecture = LectureFactory(school=me.school, semester=SemesterFactory(year=2026, term="1"))
    foreign = LectureFactory(school=other_school, semester=fall)
    url = f"{TIMETABLES}{tid}/lectures/"
    res = me.client.post(url, {"lecture": spring_lecture.id}, format="json")
    assert res.status_code == 400
    assert "lecture" in res.json()
    assert me.client.post(url, {"lecture": foreign.id}, format="json").status_code == 404
    assert me.client.post(url, {"lecture": "abc"}, format="json").status_code == 400
    assert TimetableLecture.objects.count() == 0


def test_events_follow_the_clash_rule(make_user, fall):
    me = make_user()
    tid = create(me, fall)["id"]
    lecture = LectureFactory(school=me.school, semester=fall, slots=[(1, "13:00", "14:15")])
    me.client.post(f"{TIMETABLES}{tid}/lectures/", {"lecture": lecture.id}, format="json")
    url = f"{TIMETABLES}{tid}/events/"
    res = me.client.post(
        url, {"title": "알바", "day": 1, "start": "14:15", "end": "18:00", "place": "카페"}, format="json"
    )
    assert res.status_code == 201
    event = res.json()["events"][0]
    assert event == {
        "id": event["id"],
        "title": "알바",
        "day": 1,
        "start": "14:15",
        "end": "18:00",
        "place": "카페",
    }
    clash = me.client.post(
        url, {"title": "스터디", "day": 1, "start": "12:00", "end": "15:00"}, format="json"
    )
    assert clash.status_code == 409
    assert clash.json()["conflicts"] == [
        {"lecture": lecture.id, "day": 1, "start": "13:00", "end": "14:15"},
        {"event": event["id"], "day": 1, "start": "14:15", "end": "18:00"},
    ]
    blocked = LectureFactory(school=me.school, semester=fall, slots=[(1, "17:00", "18:15")])
    res = me.client.post(f"{TIMETABLES}{tid}/lectures/", {"lecture": blocked.id}, format="json")
    assert res.json()["conflicts"] == [{"event": event["id"], "day": 1, "start": "14:15", "end": "18:00"}]
    assert me.client.delete(f"{url}{event['id']}/").status_code == 204
    assert Event.objects.count() == 0


@pytest.mark.parametrize(
    "body",
    [
        {"title": "x", "day": 9, "start": "09:00", "end": "10:00"},
        {"title": "x", "day": -1, "start": "09:00", "end": "10:00"},
        {"title": "x", "day": 0, "start": "11:00", "end": "10:00"},
        {"title": "x", "day": 0, "start": "10:00", "end": "10:00"},
        {"title": "x", "day": 0, "start": "25:00", "end": "26:00"},
        {"title": "x", "day": 0, "start": "9", "end": "10:00"},
        {"title": "x", "day": 0, "start": 540, "end": "10:00"},
        {"title": "", "day": 0, "start": "09:00", "end": "10:00"},
        {"title": "x", "day": "월", "start": "09:00", "end": "10:00"},
    ],
)
def test_bad_event_input(make_user, fall, body):
    me = make_user()
    tid = create(me, fall)["id"]
    res = me.client.post(f"{TIMETABLES}{tid}/events/", body, format="json")
    assert res.status_code == 400
    assert Event.objects.count() == 0


def test_timetable_query_budget(make_user, fall, django_assert_max_num_queries):
    me = make_user()
    tid = create(me, fall)["id"]
    timetable = Timetable.objects.get(pk=tid)
    for i in range(10):
        lecture = LectureFactory(
            school=me.school, semester=fall, slots=[(i % 5, f"{9 + i}:00", f"{9 + i}:50")]
        )
        TimetableLecture.objects.create(timetable=timetable, lecture=lecture)
    Event.objects.create(timetable=timetable, title="e", day=6, start=600, end=660)
    with django_assert_max_num_queries(6):
        res = me.client.get(f"{TIMETABLES}{tid}/")
    assert len(res.json()["lectures"]) == 10
    assert res.json()["total_credits"] == 30
