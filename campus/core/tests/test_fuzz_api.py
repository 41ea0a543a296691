"""The OpenAPI schema against the running app (schemathesis).

Every operation gets a fixed set of generated requests (derandomized, so CI is repeatable) from a
logged-in student who has a board, a post, a comment, a conversation, a lecture and a timetable
to aim at. Each answer must be no server error, have a documented status code, a documented
content type, and a body that matches the documented schema for that status.

Then the cases found from outside, as explicit examples over every operation the schema
lists: forged cursors on each paginated list, and deeply nested JSON on each JSON body.
"""

import pytest
import schemathesis
from django.core.management.color import no_style
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from campus.accounts.services import tokens_for
from campus.core.tests.test_pagination import FORGED
from config.wsgi import application

schema = (
    schemathesis.openapi.from_wsgi("/api/schema/", application)
    # These end the fuzzing user's session; their bad input is covered in test_me_api.
    .exclude(path="/api/v1/me/", method="DELETE")
    .exclude(path="/api/v1/me/password/")
    .exclude(path="/api/v1/auth/logout/")
)
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def in_test_transaction():
    """Calling the WSGI app directly would close the test's connection at request end;
    Django's own test client unhooks the same handlers."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def student(db, in_test_transaction):
    from campus.accounts.tests.factories import UserFactory
    from campus.boards.models import Board, Comment, Post
    from campus.boards.tests.factories import BoardFactory, CommentFactory, PostFactory
    from campus.messaging.models import Conversation, Message
    from campus.timetables.models import GradeEntry, Lecture, Review, Semester, Timetable
    from campus.timetables.services.reviews import review_create
    from campus.timetables.tests.factories import LectureFactory, SemesterFactory

    person = UserFactory()
    other = UserFactory(school=person.school)
    board = BoardFactory(school=person.school, id=1)
    post = PostFactory(board=board, id=1, is_anonymous=True, author=other)
    CommentFactory(post=post, id=1, author=other)
    conversation = Conversation.objects.create(
        id=1,
        starter=person,
        recipient=other,
        origin_post=post,
        is_anonymous=True,
        last_message_at=post.created_at,
    )
    Message.objects.create(conversation=conversation, sender=other, content="hi")
    semester = SemesterFactory(id=1)
    lecture = LectureFactory(school=person.school, semester=semester, id=1, slots=[(0, "09:00", "10:15")])
    Timetable.objects.create(user=person, semester=semester, name="t", id=1, is_primary=True)
    GradeEntry.objects.create(id=1, user=person, year=2025, term="1", course_name="c", credits=3, grade="A+")
    review = review_create(lecture=lecture, author=person, rating=4, content="좋아요", assignment="normal",
                  group_work="none", grading="normal", attendance="none", exams=2)  # fmt: skip
    Review.objects.filter(pk=review.pk).update(id=1)  # the rating moved with it through the service
    # Rows made with explicit ids leave PostgreSQL's sequences behind; the app's inserts must not collide.
    models = [Board, Post, Comment, Conversation, Semester, Lecture, Timetable, GradeEntry, Review]
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)
    return person


def auth_headers(person) -> dict:
    return {"Authorization": f"Bearer {tokens_for(person)['access']}"}


@schema.parametrize()
@settings(max_examples=12, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_every_operation_answers_as_documented(case, student, settings):
    settings.DEBUG_PROPAGATE_EXCEPTIONS = True
    response = case.call(headers=auth_headers(student))
    case.validate_response(response, checks=CHECKS)


def operations() -> list[tuple[str, str, dict]]:
    return [
        (path, method.upper(), operation)
        for path, item in schema.raw_schema["paths"].items()
        for method, operation in item.items()
        if method in {"get", "post", "patch", "put", "delete"}
    ]


def concrete(path: str) -> str:
    """The path with every parameter filled with an object the fixture made (id 1)."""
    return (
        path.replace("{id}", "1")
        .replace("{user_id}", "00000000-0000-0000-0000-000000000001")
        .replace("{lecture_id}", "1")
        .replace("{event_id}", "1")
    )


PAGINATED = [(path, op) for path, method, op in operations() if method == "GET"
             and any(p["name"] == "cursor" for p in op.get("parameters", []))]  # fmt: skip
JSON_BODIES = [(path, method) for path, method, op in operations()
               if "application/json" in op.get("requestBody", {}).get("content", {})]  # fmt: skip


def test_the_schema_documents_every_paginated_list():
    assert len(PAGINATED) == 12
    for path, operation in PAGINATED:
        schema_ref = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
        assert schema_ref.split("/")[-1].startswith("Paginated"), path


@pytest.mark.parametrize(("path", "operation"), PAGINATED, ids=[path for path, _ in PAGINATED])
def test_forged_cursors_are_a_documented_400_on_every_paginated_list(path, operation, student, client):
    assert "400" in operation["responses"]
    for cursor in FORGED:
        res = client.get(concrete(path), {"cursor": cursor}, headers=auth_headers(student))
        assert (res.status_code, res.json()) == (400, {"cursor": ["잘못된 커서입니다."]}), path


@pytest.mark.parametrize(("path", "method"), JSON_BODIES, ids=[f"{m} {p}" for p, m in JSON_BODIES])
def test_deeply_nested_json_is_a_400_on_every_json_body(path, method, student, client):
    for body in ("[" * 50_000 + "]" * 50_000, '{"a":' * 1_000 + "1" + "}" * 1_000):
        res = client.generic(
            method, concrete(path), body, content_type="application/json", headers=auth_headers(student)
        )
        assert res.status_code == 400, (method, path, res.status_code)
        assert res.json()["code"] == "parse_error"
