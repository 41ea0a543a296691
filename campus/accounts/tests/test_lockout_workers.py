"""The login lockout across real server processes: gunicorn with two workers and no Redis, the
failures sent at once so that both workers take some. It must hold at exactly the configured
count — not five per worker, as when each process counted in its own memory."""

import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.conf import settings

from campus.accounts.tests.factories import UserFactory
from campus.core.tests.helpers import database_url, free_port

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-Long-pass-123"
LIMIT = 5


@pytest.fixture
def gunicorn(tmp_path):
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent))
    assert gunicorn, "gunicorn is a dependency"
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DATABASE_URL"}},
        "DATABASE_URL": database_url(), "DEBUG": "0", "SECRET_KEY": "lockout-test-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1", "LOGIN_FAILURE_LIMIT_PER_USERNAME": str(LIMIT),
        "STATIC_ROOT": str(tmp_path / "static"),
    }  # fmt: skip
    log = tmp_path / "access.log"
    server = subprocess.Popen(
        [gunicorn, "config.wsgi:application", "-w", "2", "-b", f"127.0.0.1:{port}",
         "--access-logfile", str(log), "--access-logformat", "%(p)s %(r)s %(s)s"],
        cwd=settings.BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        yield base, log
    finally:
        server.terminate()
        server.wait(10)


def login(base: str, username: str, password: str) -> int:
    request = urllib.request.Request(
        f"{base}/api/v1/auth/login/",
        data=json.dumps({"username": username, "password": password}).encode(),
        headers={"Content-Type": "application/json"},
    )
    try:
        return urllib.request.urlopen(request, timeout=30).status
    except urllib.error.HTTPError as error:
        return error.code


def test_the_lockout_holds_at_exactly_the_limit_across_two_workers(gunicorn, settings):
    base, log = gunicorn
    # Hashed as the servers hash (the tests' own fast hasher is not in their settings).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    locked_out, still_in = UserFactory(password=PASSWORD), UserFactory(password=PASSWORD)

    with ThreadPoolExecutor(max_workers=LIMIT) as pool:
        wrong = list(pool.map(lambda _: login(base, locked_out.username, "wrong-pass-1"), range(LIMIT)))
        almost = list(pool.map(lambda _: login(base, still_in.username, "wrong-pass-1"), range(LIMIT - 1)))
    assert wrong == [401] * LIMIT and almost == [401] * (LIMIT - 1)
    # The limit's worth of failures locks the username, for the right password too; one fewer does not.
    assert login(base, locked_out.username, PASSWORD) == 429
    assert login(base, still_in.username, PASSWORD) == 200

    # The access log names the worker process ("<pid>") that served each request.
    served_by = {
        re.sub(r"\D", "", line.split()[0]) for line in log.read_text().splitlines() if "/auth/" in line
    }
    assert len(served_by) == 2, f"both workers must have counted failures: {served_by}"
