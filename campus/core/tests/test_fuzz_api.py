"""Schema-driven fuzzing (schemathesis): no generated request may produce a server error.

Every operation of the OpenAPI schema gets a fixed set of generated requests (derandomized,
so CI is repeatable) from a logged-in student who has a board, a post, a comment, a lecture
and a timetable to aim at.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from campus.accounts.services import tokens_for
from config.wsgi import application

schema = (
    schemathesis.openapi.from_wsgi("/api/schema/", application)
    # These end the fuzzing user's session; their bad input is covered in test_me_api.
    .exclude(path="/api/v1/me/", method="DELETE")
    .exclude(path="/api/v1/me/password/")
    .exclude(path="/api/v1/auth/logout/")
)


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
    from campus.boards.tests.factories import BoardFactory, CommentFactory, PostFactory
    from campus.timetables.models import Timetable
    from campus.timetables.tests.factories import LectureFactory, SemesterFactory

    person = UserFactory()
    board = BoardFactory(school=person.school, id=1)
    post = PostFactory(board=board, id=1, is_anonymous=True)
    CommentFactory(post=post, id=1)
    semester = SemesterFactory(id=1)
    LectureFactory(school=person.school, semester=semester, id=1, slots=[(0, "09:00", "10:15")])
    Timetable.objects.create(user=person, semester=semester, name="t", id=1, is_primary=True)
    return person


@schema.parametrize()
@settings(max_examples=12, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_no_server_errors(case, student, settings):
    settings.DEBUG_PROPAGATE_EXCEPTIONS = True
    response = case.call(headers={"Authorization": f"Bearer {tokens_for(student)['access']}"})
    assert response.status_code < 500, (case.method, case.formatted_path, case.body, response.text[:500])
