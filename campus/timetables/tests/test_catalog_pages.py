"""강의평, 친구 and 학점계산기 pages through Django's test client: who sees what, the values
shown, refusals next to the field, and constant query counts."""

import re

import pytest

from campus.accounts.tests.factories import SchoolFactory, UserFactory
from campus.core.tests.helpers import page_html
from campus.timetables.models import Course, Friendship, GradeEntry, Review, Timetable, TimetableLecture
from campus.timetables.tests.factories import LectureFactory

pytestmark = pytest.mark.django_db

REVIEW = {
    "rating": "4",
    "assignment": "many",
    "group_work": "none",
    "grading": "generous",
    "attendance": "electronic",
    "exams": "2",
    "content": "과제가 많지만 배울 게 많아요",
}


@pytest.fixture
def student(make_user, client, fall):
    me = make_user(nickname="나야나")
    client.force_login(me)
    return me


def test_lecture_search_finds_my_schools_lectures(client, student, fall, django_assert_max_num_queries):
    for n in range(5):
        LectureFactory(
            school=student.school, semester=fall, name=f"자료구조 {n}", slots=[(0, "09:00", "10:15")]
        )
    LectureFactory(school=student.school, semester=fall, name="경제원론", category="교양")
    LectureFactory(school=SchoolFactory(), semester=fall, name="자료구조 남의 학교")
    with django_assert_max_num_queries(9):
        html = page_html(client, "/lectures/", data={"q": "자료"})
    assert re.findall(r'<span class="post-title">([^<]+)</span>', html) == [f"자료구조 {n}" for n in range(5)]
    html = page_html(client, "/lectures/", data={"category": "교양"}, HTTP_HX_REQUEST="true")
    assert "<html" not in html and re.findall(r'<span class="post-title">([^<]+)</span>', html) == [
        "경제원론"
    ]
    assert '<option value="교양">교양</option>' in page_html(client, "/lectures/")
    # A very long query is searched by its first 100 characters, as the API does, not refused.
    html = page_html(client, "/lectures/", data={"q": "경제원론" + "x" * 900})
    assert "찾는 강의가 없습니다." in html


def test_lecture_page_reviews_summary_and_writing(
    client, student, fall, make_user, django_assert_max_num_queries
):
    lecture = LectureFactory(school=student.school, semester=fall, name="운영체제", professor="박교수")
    writers = [make_user(username=f"writer{n}", nickname=f"작성자{n}") for n in range(3)]
    for writer, rating, grading in zip(writers, [5, 3, 4], ["strict", "strict", "generous"], strict=True):
        Review.objects.create(
            course=lecture.course, author=writer, rating=rating, content=f"{writer.nickname}의 후기는 비밀",
            assignment="normal", group_work="none", grading=grading, attendance="mixed", exams=1,
        )  # fmt: skip
    Course.objects.filter(pk=lecture.course_id).update(rating_sum=12, rating_count=3)
    with django_assert_max_num_queries(8):
        html = page_html(client, f"/lectures/{lecture.id}/")
    assert "<h1>운영체제</h1>" in html and "박교수" in html
    assert "<strong>4.0</strong> / 5" in html
    modes = dict(re.findall(r"<dt>([^<]+)</dt><dd>([^<]+)</dd>", html.split('id="rating-heading"')[1]))
    assert modes == {"과제": "보통", "조모임": "없음", "성적": "깐깐함", "출결": "혼용", "시험 횟수": "한 번"}
    for writer in writers:  # reviews are anonymous: never an author
        assert (
            writer.username not in html and str(writer.id) not in html and f">{writer.nickname}<" not in html
        )

    res = client.post(f"/lectures/{lecture.id}/", {**REVIEW, "rating": "9"})
    assert res.status_code == 400 and 'value="9"' not in res.content.decode()
    assert "과제가 많지만" in res.content.decode()  # what was typed stays
    res = client.post(f"/lectures/{lecture.id}/", REVIEW)
    assert res.status_code == 302
    mine = Review.objects.get(author=student)
    assert (mine.rating, mine.exams, mine.grading) == (4, 2, "generous")
    lecture.course.refresh_from_db()
    assert (lecture.course.rating_sum, lecture.course.rating_count) == (16, 4)
    res = client.post(f"/lectures/{lecture.id}/", REVIEW)
    assert res.status_code == 400 and "이 강의에는 이미 강의평을 썼습니다." in res.content.decode()
    assert Review.objects.filter(author=student).count() == 1

    other = Review.objects.get(author=writers[0])
    res = client.post(f"/reviews/{other.id}/delete/", {"lecture": lecture.id}, follow=True)
    assert "작성자만 할 수 있습니다." in res.content.decode() and Review.objects.filter(pk=other.pk).exists()
    client.post(f"/reviews/{mine.id}/delete/", {"lecture": lecture.id})
    lecture.course.refresh_from_db()
    assert not Review.objects.filter(pk=mine.pk).exists() and lecture.course.rating_count == 3


def test_another_schools_lecture_is_404(client, student, fall):
    elsewhere = LectureFactory(school=SchoolFactory(), semester=fall)
    assert client.get(f"/lectures/{elsewhere.id}/").status_code == 404
    assert client.post(f"/lectures/{elsewhere.id}/", REVIEW).status_code == 404
    assert not Review.objects.exists()


def test_friend_requests_from_the_page(client, student, make_user, django_assert_max_num_queries):
    friend = make_user(username="friend_one", nickname="친구하나")
    asker = make_user(username="asker", nickname="요청자")
    outsider = UserFactory(school=SchoolFactory(), username="outsider")
    Friendship.objects.create(from_user=asker, to_user=student)

    for username, message in [("outsider", "사용자를 찾을 수 없습니다."), (student.username, "자기 자신")]:
        res = client.post("/friends/", {"username": username})
        assert res.status_code == 400 and message in res.content.decode()
        assert f'value="{username}"' in res.content.decode()
    assert client.post("/friends/", {"username": "FRIEND_ONE"}).status_code == 302
    assert Friendship.objects.filter(from_user=student, to_user=friend, accepted_at=None).exists()
    res = client.post("/friends/", {"username": "asker"})
    assert "상대가 이미 친구 요청을 보냈습니다" in res.content.decode()

    with django_assert_max_num_queries(6):
        html = page_html(client, "/friends/")
    received = html.split('id="received-heading"')[1].split("</section>")[0]
    assert "요청자" in received and "수락" in received and "거절" in received
    request = Friendship.objects.get(from_user=asker)
    client.post(f"/friends/requests/{request.id}/accept/")
    request.refresh_from_db()
    assert request.accepted_at is not None
    html = page_html(client, "/friends/")
    assert f'<a href="/friends/{asker.id}/timetable/">요청자' in html
    assert outsider.username not in html

    # Someone else's request cannot be answered or cancelled from my session.
    theirs = Friendship.objects.create(from_user=outsider, to_user=friend)
    for answer in ("accept", "reject", "cancel"):
        client.post(f"/friends/requests/{theirs.id}/{answer}/")
    theirs.refresh_from_db()
    assert theirs.accepted_at is None
    assert client.post(f"/friends/requests/{theirs.id}/nonsense/").status_code == 404


def test_friend_timetable_only_when_its_visibility_allows(
    client, student, fall, make_user, django_assert_max_num_queries
):
    friend = make_user(nickname="친구")
    Friendship.objects.create(from_user=student, to_user=friend, accepted_at="2026-09-01T00:00Z")
    stranger = make_user()
    table = Timetable.objects.create(user=friend, semester=fall, name="내 시간표", is_primary=True)
    lecture = LectureFactory(
        school=student.school, semester=fall, name="선형대수학", slots=[(1, "13:00", "14:15")]
    )
    TimetableLecture.objects.create(timetable=table, lecture=lecture)
    Timetable.objects.create(user=stranger, semester=fall, name="x", is_primary=True, visibility="public")

    with django_assert_max_num_queries(10):
        html = page_html(client, f"/friends/{friend.id}/timetable/")
    assert "<h1>친구의 시간표</h1>" in html and "선형대수학" in html and "삭제" not in html
    table.visibility = "private"
    table.save()
    assert client.get(f"/friends/{friend.id}/timetable/").status_code == 404
    assert client.get(f"/friends/{stranger.id}/timetable/").status_code == 404
    assert client.get("/friends/not-a-uuid/timetable/").status_code == 404


def test_free_time_on_a_grid(client, student, fall, make_user, django_assert_max_num_queries):
    friend = make_user(nickname="친구")
    Friendship.objects.create(from_user=friend, to_user=student, accepted_at="2026-09-01T00:00Z")
    table = Timetable.objects.create(user=friend, semester=fall, name="t", is_primary=True)
    busy = LectureFactory(
        school=student.school, semester=fall, slots=[(d, "09:00", "22:00") for d in range(4)]
    )
    TimetableLecture.objects.create(timetable=table, lecture=busy)
    with django_assert_max_num_queries(11):
        html = page_html(client, "/friends/free-time/", data={"users": [str(friend.id)], "semester": fall.id})
    free = re.findall(r'class="tt-block[^"]* free gc-(\d+) gr-(\d+) ge-(\d+)"', html)
    assert free == [("6", "2", "158")]  # only Friday, 09:00–22:00
    res = client.get("/friends/free-time/", {"users": [str(make_user().id)], "semester": fall.id})
    assert res.status_code == 400  # not a friend: not a choice


def test_calculator_gpa_and_chart(client, student, django_assert_max_num_queries):
    for name, credits, grade, major in [
        ("자료구조", 3, "A+", True),
        ("글쓰기", 3, "B0", False),
        ("체육", 1, "P", False),
    ]:
        res = client.post(
            "/calculator/",
            {"year": 2025, "term": "1", "course_name": name, "credits": credits, "grade": grade,
             **({"is_major": "on"} if major else {})},
        )  # fmt: skip
        assert res.status_code == 302
    GradeEntry.objects.create(
        user=student, year=2025, term="2", course_name="알고리즘", credits=3, grade="B+"
    )
    with django_assert_max_num_queries(5):
        html = page_html(client, "/calculator/")
    totals = dict(re.findall(r'<dt>([^<]+)</dt><dd id="[^"]+"><strong>([^<]+)</strong>', html))
    assert totals == {"전체 평점": "3.67", "전공 평점": "4.5", "취득 학점": "10"}
    assert re.search(r"<title[^>]*>학기별 평점: 25-1 3.75, 25-2 3.5</title>", html)
    assert len(re.findall(r'<circle [^>]*class="dot"', html)) == 2

    res = client.post(
        "/calculator/", {"year": 2099, "term": "1", "course_name": "x", "credits": 3, "grade": "A+"}
    )
    assert res.status_code == 400 and "먼 미래의 학기입니다." in res.content.decode()
    res = client.post(
        "/calculator/", {"year": 2025, "term": "1", "course_name": "x", "credits": 99, "grade": "Z"}
    )
    assert res.status_code == 400 and GradeEntry.objects.filter(user=student).count() == 4

    theirs = GradeEntry.objects.create(
        user=UserFactory(), year=2025, term="1", course_name="y", credits=3, grade="F"
    )
    client.post(f"/calculator/{theirs.id}/delete/")
    assert GradeEntry.objects.filter(pk=theirs.pk).exists()
    mine = GradeEntry.objects.get(user=student, course_name="체육")
    client.post(f"/calculator/{mine.id}/delete/")
    assert GradeEntry.objects.filter(user=student).count() == 3


def test_refused_search_filters_are_a_400_with_the_message(client, student, fall):
    LectureFactory(school=student.school, semester=fall, name="자료구조")
    for url in ("/lectures/", "/timetable/"):
        for bad in (
            {"q": "자료", "day": "9"},
            {"q": "자료", "credits": "셋"},
            {"q": "자료", "category": "없는구분"},
        ):
            res = client.get(url, bad)
            body = res.content.decode()
            assert res.status_code == 400 and "올바르게 선택해 주세요" in body, (url, bad)
            assert 'value="자료"' in body and "자료구조</" not in body  # kept, and nothing searched
