import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campus.notifications.models import Notification
from campus.timetables.models import Friendship, Timetable, TimetableLecture
from campus.timetables.tests.factories import LectureFactory, SemesterFactory

pytestmark = pytest.mark.django_db

REQUESTS = "/api/v1/friends/requests/"


def befriend(a, b):
    request_id = a.client.post(REQUESTS, {"username": b.username}, format="json").json()["id"]
    assert b.client.post(f"{REQUESTS}{request_id}/accept/").status_code == 200


def test_request_accept_and_list(make_user, django_capture_on_commit_callbacks):
    me, you = make_user(nickname="나"), make_user(nickname="너")
    with django_capture_on_commit_callbacks(execute=True):
        res = me.client.post(REQUESTS, {"username": you.username.upper()}, format="json")
    assert res.status_code == 201
    body = res.json()
    assert (body["from_user"]["username"], body["to_user"]["username"]) == (me.username, you.username)
    assert [r["id"] for r in you.client.get(REQUESTS).json()] == [body["id"]]
    assert [r["id"] for r in me.client.get(REQUESTS, {"direction": "sent"}).json()] == [body["id"]]
    assert me.client.get(REQUESTS).json() == []
    assert me.client.get(REQUESTS, {"direction": "sideways"}).status_code == 400
    assert me.client.post(f"{REQUESTS}{body['id']}/accept/").status_code == 404  # only the receiver
    with django_capture_on_commit_callbacks(execute=True):
        accepted = you.client.post(f"{REQUESTS}{body['id']}/accept/")
    assert accepted.status_code == 200
    assert accepted.json() == {"id": str(me.id), "nickname": "나", "username": me.username}
    assert me.client.get("/api/v1/friends/").json() == [
        {"id": str(you.id), "nickname": "너", "username": you.username}
    ]
    assert [f["id"] for f in you.client.get("/api/v1/friends/").json()] == [str(me.id)]
    kinds = Notification.objects.order_by("id").values_list("recipient", "kind")
    assert list(kinds) == [(you.id, "friend_request"), (me.id, "friend_accept")]


def test_reject_and_cancel(make_user):
    me, you = make_user(), make_user()
    first = me.client.post(REQUESTS, {"username": you.username}, format="json").json()["id"]
    assert me.client.post(f"{REQUESTS}{first}/reject/").status_code == 404
    assert you.client.post(f"{REQUESTS}{first}/reject/").status_code == 204
    second = me.client.post(REQUESTS, {"username": you.username}, format="json").json()["id"]
    assert you.client.delete(f"{REQUESTS}{second}/").status_code == 404
    assert me.client.delete(f"{REQUESTS}{second}/").status_code == 204
    assert Friendship.objects.count() == 0


def test_refusals(make_user, other_school):
    me, you = make_user(), make_user()
    stranger = make_user(school=other_school)
    gone = make_user(is_active=False)
    assert me.client.post(REQUESTS, {"username": me.username}, format="json").status_code == 400
    assert me.client.post(REQUESTS, {"username": stranger.username}, format="json").status_code == 404
    assert me.client.post(REQUESTS, {"username": gone.username}, format="json").status_code == 404
    assert me.client.post(REQUESTS, {"username": "nobody_here"}, format="json").status_code == 404
    assert me.client.post(REQUESTS, {}, format="json").status_code == 400
    assert me.client.post(REQUESTS, {"username": you.username}, format="json").status_code == 201
    assert me.client.post(REQUESTS, {"username": you.username}, format="json").status_code == 409
    reverse = you.client.post(REQUESTS, {"username": me.username}, format="json")
    assert reverse.status_code == 409
    assert "수락" in reverse.json()["detail"]
    assert Friendship.objects.count() == 1


def test_unfriend_from_either_side(make_user):
    me, you = make_user(), make_user()
    befriend(me, you)
    assert you.client.delete(f"/api/v1/friends/{me.id}/").status_code == 204
    assert me.client.get("/api/v1/friends/").json() == []
    assert me.client.delete(f"/api/v1/friends/{you.id}/").status_code == 404


def test_friend_timetable_visibility(make_user, fall):
    me, you, stranger = make_user(), make_user(), make_user()
    befriend(me, you)
    timetable = Timetable.objects.create(user=you, semester=fall, name="내 시간표", is_primary=True)
    Timetable.objects.create(user=you, semester=fall, name="비밀 계획", visibility="public")
    url = f"/api/v1/friends/{you.id}/timetable/"
    res = me.client.get(url, {"semester": fall.id})
    assert res.status_code == 200
    assert res.json()["name"] == "내 시간표"
    assert stranger.client.get(url, {"semester": fall.id}).status_code == 404
    assert me.client.get(url).status_code == 400
    Timetable.objects.filter(pk=timetable.pk).update(visibility="private")
    private = me.client.get(url, {"semester": fall.id})
    none = me.client.get(url, {"semester": SemesterFactory(year=2025, term="2").id})
    assert private.status_code == none.status_code == 404
    assert private.json() == none.json()
    Timetable.objects.filter(pk=timetable.pk).update(visibility="public")
    assert stranger.client.get(url, {"semester": fall.id}).status_code == 404  # public, but not a friend


def test_friend_timetable_query_budget(make_user, fall, django_assert_max_num_queries):
    me, you = make_user(), make_user()
    befriend(me, you)
    timetable = Timetable.objects.create(user=you, semester=fall, name="t", is_primary=True)
    for i in range(10):
        lecture = LectureFactory(
            school=you.school, semester=fall, slots=[(i % 5, f"{9 + i}:00", f"{9 + i}:50")]
        )
        TimetableLecture.objects.create(timetable=timetable, lecture=lecture)
    with django_assert_max_num_queries(7):
        res = me.client.get(f"/api/v1/friends/{you.id}/timetable/", {"semester": fall.id})
    assert len(res.json()["lectures"]) == 10


def test_free_time(make_user, fall):
    me, you, stranger = make_user(), make_user(), make_user()
    befriend(me, you)
    mine = Timetable.objects.create(user=me, semester=fall, name="m", is_primary=True)
    yours = Timetable.objects.create(user=you, semester=fall, name="y", is_primary=True)
    TimetableLecture.objects.create(
        timetable=mine, lecture=LectureFactory(school=me.school, semester=fall, slots=[(0, "09:00", "10:15")])
    )
    TimetableLecture.objects.create(
        timetable=yours,
        lecture=LectureFactory(
            school=me.school, semester=fall, slots=[(0, "10:00", "12:00"), (0, "13:00", "21:00")]
        ),
    )
    yours.events.create(title="알바", day=4, start=9 * 60, end=22 * 60)
    res = me.client.get("/api/v1/friends/free-time/", {"semester": fall.id, "users": str(you.id)})
    assert res.status_code == 200
    free = [(s["day"], s["start"], s["end"]) for s in res.json()["free"]]
    assert free[:2] == [(0, "12:00", "13:00"), (0, "21:00", "22:00")]
    assert (1, "09:00", "22:00") in free
    assert not [s for s in free if s[0] == 4]
    assert len(free) == 5
    denied = me.client.get("/api/v1/friends/free-time/", {"semester": fall.id, "users": str(stranger.id)})
    assert denied.status_code == 404
    bad = me.client.get("/api/v1/friends/free-time/", {"semester": fall.id, "users": "not-a-uuid"})
    assert bad.status_code == 400


def test_free_time_reads_every_friend_at_once(make_user, fall):
    me, stranger = make_user(), make_user()
    friends = [make_user() for _ in range(4)]
    for friend in friends:
        befriend(me, friend)
        table = Timetable.objects.create(user=friend, semester=fall, name="t", is_primary=True)
        TimetableLecture.objects.create(
            timetable=table,
            lecture=LectureFactory(school=me.school, semester=fall, slots=[(1, "09:00", "10:00")]),
        )
    url = "/api/v1/friends/free-time/"
    counts = []
    for chosen in (friends[:1], friends):
        with CaptureQueriesContext(connection) as queries:
            res = me.client.get(url, {"semester": fall.id, "users": ",".join(str(f.id) for f in chosen)})
        assert res.status_code == 200 and res.json()["free"][1] == {
            "day": 1,
            "start": "10:00",
            "end": "22:00",
        }
        counts.append(len(queries))
    assert counts[0] == counts[1]  # one friend or four: the same queries
    # One friend I may not see among the chosen ones makes the whole answer a 404, as for one.
    mixed = ",".join([str(friends[0].id), str(stranger.id)])
    assert me.client.get(url, {"semester": fall.id, "users": mixed}).status_code == 404
