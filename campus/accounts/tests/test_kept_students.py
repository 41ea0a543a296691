"""Each request's student, kept in the process between their requests (accounts.students): no
query while nothing of theirs changed, and every change — whichever code makes it, to the
student or to a school — seen by the very next request."""

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from campus.accounts import authentication
from campus.accounts.models import School, User
from campus.accounts.students import SCHOOLS_SCOPE, KeptStudents, student_scope
from campus.accounts.tests.factories import TEST_PASSWORD
from campus.boards.feeds import names_scope
from campus.boards.tests.factories import BoardFactory
from campus.core import generations

pytestmark = pytest.mark.django_db


def test_a_student_s_next_request_reads_no_database(make_user, django_assert_num_queries):
    student = make_user(nickname="새내기")
    with django_assert_num_queries(1):  # the student
        first = student.client.get("/api/v1/me/")
    with django_assert_num_queries(0):
        again = student.client.get("/api/v1/me/")
    assert (first.status_code, again.status_code) == (200, 200)
    assert again.json() == first.json()
    assert (again.json()["nickname"], again.json()["school"]["id"]) == ("새내기", student.school_id)


def test_each_student_is_kept_as_themselves(make_user, django_assert_num_queries):
    one, two = make_user(nickname="하나"), make_user(nickname="둘")
    for person in (one, two):
        person.client.get("/api/v1/me/")
    with django_assert_num_queries(0):
        names = [person.client.get("/api/v1/me/").json()["nickname"] for person in (two, one, two)]
    assert names == ["둘", "하나", "둘"]


def test_a_ban_by_queryset_shuts_the_next_request_out(make_user):
    student = make_user()
    assert student.client.get("/api/v1/me/").status_code == 200
    User.objects.filter(pk=student.pk).update(is_active=False)  # the admin's bulk action
    assert student.client.get("/api/v1/me/").status_code == 401


def test_a_password_change_revokes_the_old_token_at_once(make_user):
    student = make_user()
    old_token = student.client  # holds the token signed before the change
    assert old_token.get("/api/v1/me/").status_code == 200
    res = old_token.post(
        "/api/v1/me/password/",
        {"old_password": TEST_PASSWORD, "new_password": "another-Long-pw-77"},
        format="json",
    )
    assert res.status_code == 204
    assert old_token.get("/api/v1/me/").status_code == 401


def test_a_change_saved_in_a_shell_shows_on_the_next_request(make_user):
    student = make_user(nickname="전닉네임")
    assert student.client.get("/api/v1/me/").json()["nickname"] == "전닉네임"
    fresh = User.objects.get(pk=student.pk)
    fresh.nickname = "새닉네임"
    fresh.verified_at = timezone.now()
    fresh.save()
    me = student.client.get("/api/v1/me/").json()
    assert (me["nickname"], me["is_verified"]) == ("새닉네임", True)


def test_a_school_that_starts_requiring_verification_shuts_its_unverified_students_out(make_user, school):
    board = BoardFactory(school=school)
    student = make_user()
    assert student.client.get(f"/api/v1/boards/{board.id}/posts/").status_code == 200
    School.objects.filter(pk=school.pk).update(verification=School.Verification.REQUIRED)
    assert student.client.get(f"/api/v1/boards/{board.id}/posts/").status_code == 403
    school.refresh_from_db()
    school.name = "새이름대학교"
    school.save()
    assert student.client.get("/api/v1/me/").json()["school"]["name"] == "새이름대학교"


def test_a_web_session_is_ended_by_a_ban_too(client, user):
    client.force_login(user)
    assert client.get("/me/").status_code == 200
    assert client.get("/me/").status_code == 200  # kept
    User.objects.filter(pk=user.pk).update(is_active=False)
    res = client.get("/me/")
    assert res.status_code == 302 and res["Location"].startswith("/login/")


def test_what_a_request_changes_in_memory_is_nobody_else_s(user):
    mine = authentication.student_get(user.pk)
    mine.nickname = "바꿨지만저장안함"
    mine.school.name = "바뀐학교"
    again = authentication.student_get(str(user.pk))  # as a session keeps it
    assert (again.nickname, again.school.name) == (user.nickname, user.school.name)
    assert again is not mine and again.school is not mine.school


def test_a_login_moves_the_student_on_and_leaves_the_school_s_pages(user):
    """`User` is tracked twice: every write moves the student's scope; only a name moves the
    pages that show names (a login's `last_login` must not empty the school's cache)."""
    before = generations.current(student_scope(user.pk), names_scope(user.school_id), SCHOOLS_SCOPE)
    user.last_login = timezone.now()
    user.save(update_fields=["last_login"])
    after = generations.current(student_scope(user.pk), names_scope(user.school_id), SCHOOLS_SCOPE)
    assert after[0] != before[0] and after[1:] == before[1:]
    user.nickname = "다른닉"
    user.save(update_fields=["nickname"])
    last = generations.current(student_scope(user.pk), names_scope(user.school_id), SCHOOLS_SCOPE)
    assert last[0] != after[0] and last[1] != after[1] and last[2] == after[2]


def test_no_id_and_nobody_are_nobody(user):
    for pk in ("", "not-an-id", None, 12, "00000000-0000-0000-0000-000000000000"):
        assert authentication.student_get(pk) is None
    res = APIClient().get("/api/v1/me/", HTTP_AUTHORIZATION="Bearer not-a-token")
    assert res.status_code == 401


def test_without_a_shared_cache_every_request_reads_its_student(
    settings, make_user, django_assert_num_queries
):
    settings.PAGE_CACHE_SECONDS = 0
    student = make_user()
    for _ in range(2):
        with django_assert_num_queries(1):
            assert student.client.get("/api/v1/me/").status_code == 200


def test_a_process_keeps_a_bounded_number_of_students(monkeypatch, make_user, django_assert_num_queries):
    monkeypatch.setattr(KeptStudents, "KEPT", 2)
    authentication.kept_students.forget()
    first, second, third = make_user(), make_user(), make_user()
    for person in (first, second, third):
        person.client.get("/api/v1/me/")
    with django_assert_num_queries(0):
        assert third.client.get("/api/v1/me/").status_code == 200
    with django_assert_num_queries(1):  # the longest kept made room
        assert first.client.get("/api/v1/me/").status_code == 200


def test_with_redis_a_ban_reaches_the_kept_student_and_an_outage_reads_the_database(
    redis_cache, make_user, django_assert_num_queries
):
    student = make_user()
    assert student.client.get("/api/v1/me/").status_code == 200
    with django_assert_num_queries(0):  # the numbers in Redis have not moved
        assert student.client.get("/api/v1/me/").status_code == 200
    User.objects.filter(pk=student.pk).update(is_active=False)
    assert student.client.get("/api/v1/me/").status_code == 401
    User.objects.filter(pk=student.pk).update(is_active=True)
    assert student.client.get("/api/v1/me/").status_code == 200
    redis_cache.terminate()
    redis_cache.wait(5)
    for _ in range(2):  # Redis down: this process's memory proves nothing, so the database
        with django_assert_num_queries(1):
            assert student.client.get("/api/v1/me/").status_code == 200
