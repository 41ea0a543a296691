"""The timetable page through Django's test client: the grid's rows and columns, adding and
removing lectures and events, clashes that change nothing, several timetables, settings."""

import re

import pytest

from campus.accounts.tests.factories import SchoolFactory
from campus.core.tests.helpers import page_html
from campus.timetables.grid import Block, grid_of
from campus.timetables.models import Event, Timetable, TimetableLecture
from campus.timetables.tests.factories import LectureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def student(make_user, client, fall):
    me = make_user()
    client.force_login(me)
    return me


def blocks(html: str) -> list[tuple[str, str, str]]:
    """(name, grid-column, grid-row) of each block on the page."""
    found = re.findall(
        r'<div class="tt-block[^"]* gc-(\d+) gr-(\d+) ge-(\d+)"[^>]*>\s*<strong[^>]*>([^<]+)</strong>', html
    )
    return [(name, column, f"{start} / {end}") for column, start, end, name in found]


def test_grid_rows_are_five_minutes_from_nine_and_weekend_columns_only_when_used():
    grid = grid_of([Block("자료구조", 0, 9 * 60, 10 * 60 + 15), Block("알바", 5, 18 * 60 + 2, 20 * 60)])
    assert [name for _, name in grid.days] == ["월", "화", "수", "목", "금", "토"]
    first, second = grid.blocks
    # 09:00 is the first row (line 2, after the day names); 10:15 is 15 rows later.
    assert (first.column, first.row_start, first.row_end) == (2, 2, 2 + 15)
    # 18:02 starts in the 18:00 row; 20:00 ends the grid, which grew from 18:00 to 20:00.
    assert (second.column, second.row_start, second.row_end) == (7, 2 + 108, 2 + 132)
    assert grid.rows == 11 * 12 and grid.hours[0] == (2, "09") and grid.hours[-1] == (2 + 120, "19")
    assert [name for _, name in grid_of([]).days] == ["월", "화", "수", "목", "금"]


def test_first_visit_makes_the_primary_timetable_and_shows_the_grid(
    client, student, fall, django_assert_max_num_queries
):
    page_html(client, "/timetable/")
    timetable = Timetable.objects.get(user=student)
    assert (timetable.name, timetable.is_primary, timetable.semester) == ("시간표 1", True, fall)
    lecture = LectureFactory(
        school=student.school,
        semester=fall,
        name="자료구조",
        slots=[(0, "09:00", "10:15"), (2, "09:00", "10:15")],
    )
    TimetableLecture.objects.create(timetable=timetable, lecture=lecture)
    Event.objects.create(
        timetable=timetable, title="동아리", day=6, start=19 * 60, end=21 * 60, place="학생회관"
    )
    for n in range(4):  # more lectures, the same number of queries
        other = LectureFactory(
            school=student.school, semester=fall, slots=[(1, f"{13 + n}:00", f"{13 + n}:50")]
        )
        TimetableLecture.objects.create(timetable=timetable, lecture=other)
    with django_assert_max_num_queries(14):
        html = page_html(client, "/timetable/")
    assert Timetable.objects.filter(user=student).count() == 1  # not made twice
    assert [b for b in blocks(html) if not b[0].startswith("강의")] == [
        ("자료구조", "2", "2 / 17"),
        ("자료구조", "4", "2 / 17"),
        ("동아리", "8", "122 / 146"),
    ]
    assert re.findall(r'class="tt-day[^"]*"[^>]*>([^<]+)<', html) == [
        "월",
        "화",
        "수",
        "목",
        "금",
        "토",
        "일",
    ]
    assert "학생회관" in html and "T101" in html
    assert re.search(r"총 <strong>15</strong>학점", html)


def test_search_add_clash_and_remove(client, student, fall):
    html = page_html(client, "/timetable/")
    timetable = Timetable.objects.get(user=student)
    first = LectureFactory(
        school=student.school, semester=fall, name="자료구조", slots=[(0, "09:00", "10:15")]
    )
    rival = LectureFactory(
        school=student.school, semester=fall, name="운영체제", slots=[(0, "10:00", "11:15")]
    )
    LectureFactory(school=SchoolFactory(), semester=fall, name="자료구조 (남의 학교)")

    results = page_html(client, "/timetable/", data={"q": "자료"}, HTTP_HX_REQUEST="true")
    assert "<html" not in results
    assert re.findall(r"<strong>([^<]+)</strong> <span class=\"muted\">", results) == ["자료구조"]

    res = client.post(f"/timetable/{timetable.id}/lectures/", {"lecture": first.id})
    assert res.status_code == 302 and res.url == f"/timetable/{timetable.id}/"
    assert list(timetable.lectures.all()) == [first]

    # A clash names what is in the way and changes nothing, with htmx and without.
    fragment = client.post(
        f"/timetable/{timetable.id}/lectures/", {"lecture": rival.id}, HTTP_HX_REQUEST="true"
    )
    text = fragment.content.decode()
    assert fragment.status_code == 200 and "<html" not in text
    assert "시간이 겹치는 강의나 일정이 있습니다. 자료구조 (월 09:00–10:15)" in text
    assert blocks(text) == [("자료구조", "2", "2 / 17")]
    res = client.post(f"/timetable/{timetable.id}/lectures/", {"lecture": rival.id}, follow=True)
    assert "자료구조 (월 09:00–10:15)" in res.content.decode()
    assert list(timetable.lectures.all()) == [first]

    html = page_html(client, f"/timetable/{timetable.id}/", data={"q": "운영"})
    assert "<html" in html and "운영체제" in html  # the search works without JavaScript too

    fragment = client.post(f"/timetable/{timetable.id}/lectures/{first.id}/delete/", HTTP_HX_REQUEST="true")
    assert blocks(fragment.content.decode()) == []
    assert not timetable.lectures.exists()


def test_events_are_checked_like_the_api(client, student, fall):
    page_html(client, "/timetable/")
    timetable = Timetable.objects.get(user=student)
    url = f"/timetable/{timetable.id}/events/"
    res = client.post(url, {"title": "알바", "day": "4", "start": "18:00", "end": "21:00", "place": "편의점"})
    assert res.status_code == 302
    assert list(timetable.events.values_list("title", "day", "start", "end", "place")) == [
        ("알바", 4, 1080, 1260, "편의점")
    ]
    for bad, message in [
        ({"start": "21:00", "end": "18:00"}, "끝나는 시각은 시작 시각보다 늦어야 합니다."),
        ({"start": "25:00"}, "시각은 00:00–24:00 사이의 HH:MM입니다."),
        ({"day": "7"}, "올바르게 선택해 주세요"),
        ({"title": "a\u202eb"}, "보이지 않는 문자"),
        ({"start": "20:00", "end": "22:00", "title": "스터디"}, "알바 (금 18:00–21:00)"),
    ]:
        data = {"title": "스터디", "day": "4", "start": "09:00", "end": "10:00", **bad}
        res = client.post(url, data)
        body = res.content.decode()
        assert res.status_code == 400 and message in body, bad
        assert f'value="{data["title"]}"' in body  # what was typed stays
    assert timetable.events.count() == 1
    event = timetable.events.get()
    res = client.post(f"/timetable/{timetable.id}/events/{event.id}/delete/")
    assert res.status_code == 302 and not timetable.events.exists()


def test_several_timetables_settings_and_primary(client, student, fall):
    page_html(client, "/timetable/")
    first = Timetable.objects.get(user=student)
    res = client.post("/timetable/new/", {"semester": fall.id})
    second = Timetable.objects.exclude(pk=first.pk).get(user=student)
    assert res.url == f"/timetable/{second.id}/" and (second.name, second.is_primary) == ("시간표 2", False)

    res = client.post(f"/timetable/{second.id}/settings/", {"name": "시간표 1", "visibility": "private"})
    assert res.status_code == 400 and "같은 학기에 같은 이름의 시간표가 있습니다." in res.content.decode()
    res = client.post(f"/timetable/{second.id}/settings/", {"name": "플랜 B", "visibility": "private"})
    assert res.status_code == 302
    second.refresh_from_db()
    assert (second.name, second.visibility) == ("플랜 B", "private")

    client.post(f"/timetable/{second.id}/primary/")
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.is_primary, second.is_primary) == (False, True)
    html = page_html(client, "/timetable/")
    assert (
        "<h1>플랜 B</h1>" in html
        and re.findall(r'<nav class="tabs".*?</nav>', html, re.S)[0].count("<a ") == 2
    )

    res = client.post(f"/timetable/{second.id}/delete/")
    assert res.url == f"/timetable/?semester={fall.id}"
    first.refresh_from_db()
    assert first.is_primary and not Timetable.objects.filter(pk=second.pk).exists()


def test_other_peoples_timetables_and_schools_are_404(client, student, fall, make_user):
    theirs = Timetable.objects.create(user=make_user(), semester=fall, name="남의 것", is_primary=True)
    elsewhere = LectureFactory(school=SchoolFactory(), semester=fall)
    mine = page_html(client, "/timetable/") and Timetable.objects.get(user=student)
    for method, url, data in [
        ("get", f"/timetable/{theirs.id}/", {}),
        ("post", f"/timetable/{theirs.id}/lectures/", {"lecture": elsewhere.id}),
        ("post", f"/timetable/{theirs.id}/delete/", {}),
        ("post", f"/timetable/{theirs.id}/settings/", {"name": "x", "visibility": "public"}),
        ("post", f"/timetable/{mine.id}/lectures/", {"lecture": elsewhere.id}),
        ("post", f"/timetable/{mine.id}/lectures/", {"lecture": "١"}),
        ("post", f"/timetable/{mine.id}/lectures/", {"lecture": "9" * 30}),
        ("get", "/timetable/?semester=abc", {}),
        ("post", "/timetable/new/", {"semester": "0"}),
    ]:
        res = getattr(client, method)(url, data)
        assert res.status_code == 404, url
        assert "찾을 수 없" in res.content.decode()
    assert Timetable.objects.filter(user=student).count() == 1 and not mine.lectures.exists()
    theirs.refresh_from_db()
    assert theirs.name == "남의 것"


def test_logged_out_goes_to_login(client, fall):
    res = client.get("/timetable/")
    assert res.status_code == 302 and res.url == "/login/?next=%2Ftimetable%2F"
