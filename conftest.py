"""Project-wide test fixtures and the test-only setting overrides."""

import os
import shutil
import signal
import socket
import subprocess
import time

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from campus.accounts.services import tokens_for
from campus.core import cache as resilient_cache
from campus.core.tests.helpers import free_port


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    # Argon2 costs ~0.3 s a hash; tests only need hashing to work.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    # The manifest storage needs `collectstatic` first; tests render admin/docs pages without it.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Every test reads lists through the page cache (one process, so its memory will do): a
    # write that leaves a cached page stale fails the test that reads the list after it.
    settings.PAGE_CACHE_SECONDS = 30
    # Tests send many 쪽지 through the services in a second; the rate's own tests set it low.
    settings.MESSAGE_RATE = "1000/minute"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api() -> APIClient:
    return APIClient()


@pytest.fixture
def school(db):
    from campus.accounts.tests.factories import SchoolFactory

    return SchoolFactory()


@pytest.fixture
def other_school(db):
    from campus.accounts.tests.factories import SchoolFactory

    return SchoolFactory()


@pytest.fixture
def user(school):
    from campus.accounts.tests.factories import UserFactory

    return UserFactory(school=school)


def client_for(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens_for(user)['access']}")
    return client


@pytest.fixture
def auth_api(user) -> APIClient:
    return client_for(user)


@pytest.fixture
def board(school):
    from campus.boards.tests.factories import BoardFactory

    return BoardFactory(school=school, name="자유게시판")


@pytest.fixture
def make_user(school):
    """A student of `school` (or of the school given), with an authenticated client."""
    from campus.accounts.tests.factories import UserFactory

    def make(**kwargs):
        kwargs.setdefault("school", school)
        person = UserFactory(**kwargs)
        person.client = client_for(person)
        return person

    return make


@pytest.fixture
def redis_server():
    """A Redis of our own on a free port, to stop and freeze without touching the machine's."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail("redis-server is required for the outage tests (apt-get install redis-server)")
    port = free_port()
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            break
        except OSError:
            time.sleep(0.05)
    yield process, f"redis://127.0.0.1:{port}/0"
    if process.poll() is None:
        os.kill(process.pid, signal.SIGCONT)
        process.terminate()
        process.wait(5)


@pytest.fixture
def redis_cache(redis_server, settings, monkeypatch):
    process, url = redis_server
    monkeypatch.setattr(resilient_cache, "RETRY_SECONDS", 0.5)
    settings.CACHES = {
        "default": {
            "BACKEND": "campus.core.cache.ResilientRedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        }
    }
    return process
