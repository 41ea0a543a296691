"""Outages of the parts around the app: a Redis that is down or frozen, a database that goes
away under a request. The product degrades; it does not answer 500s or hang."""

import json
import os
import signal
import time
import urllib.error
import urllib.request
from unittest import mock

import pytest
from django.db import OperationalError
from rest_framework.test import APIClient

from campus.accounts.tests.factories import UserFactory
from campus.boards.tests.factories import PostFactory
from campus.core.tests.helpers import database_lost_then

pytestmark = pytest.mark.django_db

PASSWORD = "a-Long-pass-123"


def login(username, password=PASSWORD):
    return APIClient().post(
        "/api/v1/auth/login/", {"username": username, "password": password}, format="json"
    )


def everyday_requests(board, school):
    """Signup, login, and a 쪽지: what broke when Redis went away. Returns their statuses."""
    author = UserFactory(school=school)
    post = PostFactory(board=board, author=author)
    signup = APIClient().post(
        "/api/v1/auth/signup/",
        {
            "school": school.id,
            "username": f"fresh{time.monotonic_ns() % 10**8}",
            "password": PASSWORD,
            "email": f"f{time.monotonic_ns()}@example.com",
            "nickname": f"새내기{time.monotonic_ns() % 10**6}",
            "admission_year": 2025,
        },
        format="json",
    )
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {signup.json()['access']}")
    message = client.post("/api/v1/conversations/", {"post": post.id, "content": "안녕"}, format="json")
    logged_in = login(signup.json()["user"]["username"])
    return signup.status_code, message.status_code, logged_in.status_code


def test_with_redis_up_the_cache_is_reported_ok(redis_cache, api, board, school):
    assert everyday_requests(board, school) == (201, 201, 200)
    assert api.get("/healthz").json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_redis_down_degrades_to_local_memory_and_health_says_so(redis_cache, api, board, school, caplog):
    redis_cache.terminate()
    redis_cache.wait(5)
    started = time.monotonic()
    assert everyday_requests(board, school) == (201, 201, 200)
    assert time.monotonic() - started < 3
    res = api.get("/healthz")
    assert (res.status_code, res.json()["cache"], res.json()["status"]) == (200, "down", "ok")
    assert any("Redis does not answer" in record.getMessage() for record in caplog.records)
    # The lockout still holds meanwhile, in this process's memory.
    victim = UserFactory(school=school, password=PASSWORD)
    statuses = [login(victim.username, "wrong-password").status_code for _ in range(6)]
    assert statuses == [401] * 5 + [429]
    assert login(victim.username).status_code == 429


def test_a_frozen_redis_costs_a_short_timeout_not_a_hang(redis_cache, api, board, school):
    os.kill(redis_cache.pid, signal.SIGSTOP)
    try:
        started = time.monotonic()
        assert everyday_requests(board, school) == (201, 201, 200)
        assert time.monotonic() - started < 3  # one 0.25 s timeout, then local memory
        assert api.get("/healthz").json()["cache"] == "down"
    finally:
        os.kill(redis_cache.pid, signal.SIGCONT)
    time.sleep(0.6)  # the circuit tries Redis again after RETRY_SECONDS
    assert api.get("/healthz").json()["cache"] == "ok"


def test_without_redis_configured_the_cache_is_local(api):
    assert api.get("/healthz").json() == {"status": "ok", "database": "ok", "cache": "local"}


def test_database_unavailable_is_a_503_json_with_retry_after(make_user, board):
    me = make_user()
    me.client.raise_request_exception = False
    error = OperationalError("server closed the connection unexpectedly")
    with mock.patch("campus.boards.selectors.board_page", side_effect=error):
        res = me.client.get(f"/api/v1/boards/{board.id}/posts/")
    assert (res.status_code, res["Retry-After"]) == (503, "5")
    assert res.json()["code"] == "service_unavailable"


def test_database_unavailable_on_a_web_page_is_a_korean_page(client):
    client.raise_request_exception = False
    with mock.patch("campus.core.views.serve", side_effect=OperationalError("gone")):
        res = client.get("/media/posts/x.jpg")
    assert res.status_code == 503
    assert "잠시 후 다시 시도해 주세요" in res.content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_connection_killed_mid_request_is_a_503_and_the_next_request_recovers(live_server):
    """Through a real server thread. On PostgreSQL the server really ends the session, as a
    restart does; SQLite has no server to lose, so there the driver's own error stands in."""
    from campus.boards import selectors

    user = UserFactory(password=PASSWORD)
    board = PostFactory(board__school=user.school).board
    token = json.loads(
        urllib.request.urlopen(
            urllib.request.Request(
                f"{live_server.url}/api/v1/auth/login/",
                data=json.dumps({"username": user.username, "password": PASSWORD}).encode(),
                headers={"Content-Type": "application/json"},
            )
        ).read()
    )["access"]
    feed = urllib.request.Request(
        f"{live_server.url}/api/v1/boards/{board.id}/posts/", headers={"Authorization": f"Bearer {token}"}
    )
    with (
        mock.patch.object(selectors, "post_list_for", database_lost_then(selectors.post_list_for)),
        pytest.raises(urllib.error.HTTPError) as failed,
    ):
        urllib.request.urlopen(feed)
    assert failed.value.code == 503
    assert failed.value.headers["Retry-After"] == "5"
    assert json.loads(failed.value.read())["code"] == "service_unavailable"
    recovered = urllib.request.urlopen(feed)
    assert recovered.status == 200
    assert len(json.loads(recovered.read())["results"]) == 1


@pytest.mark.django_db(transaction=True)
def test_a_logged_in_page_that_loses_its_database_is_the_korean_503_page(live_server, client):
    """A web page whose database goes away mid-request (a restart: on PostgreSQL the server ends
    the session) answers the Korean 503 page with Retry-After — rendered without the request's
    context, which would read the user, the session and the unread count from that database —
    and the next request recovers."""
    from campus.boards import feeds

    user = UserFactory(password=PASSWORD)
    board = PostFactory(board__school=user.school, title="살아 있는 글").board
    client.force_login(user)  # a session in the database, as without Redis
    page = urllib.request.Request(
        f"{live_server.url}/boards/{board.id}/",
        headers={"Cookie": f"sessionid={client.cookies['sessionid'].value}"},
    )
    lost = database_lost_then(feeds.board_shown)
    with mock.patch.object(feeds, "board_shown", lost), pytest.raises(urllib.error.HTTPError) as failed:
        urllib.request.urlopen(page)
    assert failed.value.code == 503
    assert failed.value.headers["Retry-After"] == "5"
    body = failed.value.read().decode()
    assert "잠시 후 다시 시도해 주세요" in body and '<html lang="ko">' in body
    assert failed.value.headers["Content-Type"].startswith("text/html")
    recovered = urllib.request.urlopen(page)
    assert recovered.status == 200
    assert "살아 있는 글" in recovered.read().decode()
