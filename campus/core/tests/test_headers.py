"""The headers browsers expect, on every kind of answer: the Content-Security-Policy, framing
refused, a student's pages kept out of shared caches, HSTS behind TLS only."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

POLICY = {
    "default-src": "'self'", "script-src": "'self'", "style-src": "'self'", "img-src": "'self' data:",
    "font-src": "'self'", "connect-src": "'self'", "object-src": "'none'", "base-uri": "'self'",
    "form-action": "'self'", "frame-ancestors": "'none'",
}  # fmt: skip


def policy(response) -> dict[str, str]:
    parts = response["Content-Security-Policy"].split(";")
    return dict(part.strip().split(" ", 1) for part in parts)


def kinds(client, student_client, auth_api, board):
    """One answer of each kind the site gives."""
    return {
        "landing page": client.get("/"),
        "login page": client.get("/login/"),
        "student's page": student_client.get(f"/boards/{board.id}/"),
        "404 page": student_client.get("/posts/999999/"),
        "NUL guard": client.get("/search/?q=%00"),
        "API": auth_api.get("/api/v1/me/"),
        "API docs": client.get("/api/docs/"),
    }


def test_every_kind_of_answer_carries_the_policy_and_refuses_framing(client, user, auth_api, board):
    from django.test import Client

    student_client = Client()
    student_client.force_login(user)
    for kind, response in kinds(client, student_client, auth_api, board).items():
        assert policy(response) == POLICY, kind
        assert response["X-Frame-Options"] == "DENY", kind
    assert client.get("/search/?q=%00").status_code == 400


def test_swagger_ui_loads_its_setup_as_a_script_of_its_own(client):
    page = client.get("/api/docs/").content.decode()
    assert "<script>" not in page  # nothing inline
    setup = client.get("/api/docs/?script")
    assert setup.status_code == 200 and "SwaggerUIBundle" in setup.content.decode()


def test_a_student_s_answers_are_private_and_never_stored(client, user, auth_api, board):
    from django.test import Client

    student_client = Client()
    student_client.force_login(user)
    for response in (
        student_client.get(f"/boards/{board.id}/"),
        student_client.get("/messages/"),
        student_client.get("/posts/999999/"),  # an error page shown to a student too
        auth_api.get("/api/v1/me/"),
    ):
        assert set(response["Cache-Control"].replace(" ", "").split(",")) >= {"private", "no-store"}
    assert "Cache-Control" not in client.get("/")  # a visitor's landing page is public


def test_hsts_is_sent_behind_tls_only(client, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    assert client.get("/", secure=True)["Strict-Transport-Security"] == "max-age=31536000"
    assert "Strict-Transport-Security" not in client.get("/")  # plain HTTP never gets it


@pytest.mark.parametrize(
    ("env", "seconds"),
    [({"SECURE_SSL_REDIRECT": "1"}, 31_536_000), ({"SECURE_SSL_REDIRECT": "0"}, 0),
     ({"SECURE_SSL_REDIRECT": "1", "SECURE_HSTS_SECONDS": "600"}, 600)],
)  # fmt: skip
def test_hsts_follows_the_tls_redirect_setting(env, seconds):
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("SECURE_")}
    environment = {**inherited, "DEBUG": "0", "SECRET_KEY": "x" * 50, **env}
    out = subprocess.run(
        [sys.executable, "-c", "import config.settings as s; print(s.SECURE_HSTS_SECONDS)"],
        env=environment, capture_output=True, text=True, check=True, cwd=settings.BASE_DIR,
    )  # fmt: skip
    assert int(out.stdout) == seconds
