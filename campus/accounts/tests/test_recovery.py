"""비밀번호 찾기, 아이디 찾기 and the email change, through the API; the mails through the outbox."""

import json
import re

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.cache import cache
from django_tasks_db.models import DBTaskResult
from rest_framework.throttling import ScopedRateThrottle
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken

from campus.accounts.models import RecoveryRequest
from campus.accounts.tests.factories import TEST_PASSWORD
from campus.core.tests.helpers import run_queued_tasks
from campus.mailing.models import OutboundMail

RESET = "/api/v1/auth/password-reset/"
RESET_CONFIRM = "/api/v1/auth/password-reset/confirm/"
FIND = "/api/v1/auth/find-username/"
NEW_PASSWORD = "a-Brand-new-pass-77"


def sent_mails() -> list:
    mail.outbox.clear()
    run_queued_tasks()  # the recovery task, then the mail it queued
    run_queued_tasks()
    return list(mail.outbox)


def reset_link(user, api) -> tuple[str, str]:
    assert api.post(RESET, {"email": user.email.upper()}, format="json").status_code == 202
    [sent] = sent_mails()
    assert sent.to == [user.email] and sent.subject == "[Campus] 비밀번호 재설정"
    uid, token = re.search(r"http://127\.0\.0\.1:8000/password-reset/([^/]+)/([^/]+)/", sent.body).groups()
    return uid, token


def test_the_same_answer_whether_or_not_an_account_has_the_address(user, api):
    known = api.post(RESET, {"email": user.email}, format="json")
    unknown = api.post(RESET, {"email": "nobody@example.com"}, format="json")
    assert (known.status_code, unknown.status_code) == (202, 202)
    assert known.json() == unknown.json()
    [sent] = sent_mails()  # only the account's address gets a mail
    assert sent.to == [user.email]
    # Answered, the typed addresses are kept nowhere: not as requests, not in the task queue.
    assert not RecoveryRequest.objects.exists() and not OutboundMail.objects.exists()
    queued = json.dumps(list(DBTaskResult.objects.values_list("args_kwargs", "return_value")))
    assert "nobody@example.com" not in queued and user.email not in queued
    known = api.post(FIND, {"email": user.email}, format="json")
    unknown = api.post(FIND, {"email": "nobody@example.com"}, format="json")
    assert known.json() == unknown.json() and known.status_code == unknown.status_code == 202
    [sent] = sent_mails()
    assert sent.to == [user.email] and user.username in sent.body and sent.subject == "[Campus] 아이디 안내"


def test_a_reset_link_works_once_and_ends_every_session(user, api, client):
    refresh = api.post("/api/v1/auth/login/", {"username": user.username, "password": TEST_PASSWORD}).json()[
        "refresh"
    ]
    client.force_login(user)
    assert Session.objects.count() == 1 and client.get("/me/").status_code == 200
    uid, token = reset_link(user, api)
    res = api.post(RESET_CONFIRM, {"uid": uid, "token": token, "new_password": "12345678"}, format="json")
    assert res.status_code == 400 and "new_password" in res.json()
    res = api.post(RESET_CONFIRM, {"uid": uid, "token": token, "new_password": NEW_PASSWORD}, format="json")
    assert res.status_code == 204
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    # Every refresh token and web session of the account has ended.
    assert api.post("/api/v1/auth/refresh/", {"refresh": refresh}, format="json").status_code == 401
    assert BlacklistedToken.objects.count() == OutstandingToken.objects.filter(user=user).count() >= 1
    assert client.get("/me/").status_code == 302
    # The link worked once.
    res = api.post(
        RESET_CONFIRM, {"uid": uid, "token": token, "new_password": "another-Pass-88"}, format="json"
    )
    assert res.status_code == 400
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


@pytest.mark.parametrize("forged", ["uid", "token"])
def test_a_forged_or_expired_link_is_refused(user, api, settings, forged):
    uid, token = reset_link(user, api)
    data = {"uid": uid, "token": token, "new_password": NEW_PASSWORD, forged: "AAAA" + token[4:]}
    assert api.post(RESET_CONFIRM, data, format="json").status_code == 400
    settings.PASSWORD_RESET_TIMEOUT = -1  # an hour has passed
    data = {"uid": uid, "token": token, "new_password": NEW_PASSWORD}
    assert api.post(RESET_CONFIRM, data, format="json").status_code == 400
    user.refresh_from_db()
    assert user.check_password(TEST_PASSWORD)


def test_requests_are_throttled_per_address_and_per_client(user, api, monkeypatch):
    for _ in range(5):
        assert api.post(RESET, {"email": user.email}, format="json").status_code == 202
    res = api.post(RESET, {"email": user.email}, format="json")
    assert res.status_code == 429 and int(res["Retry-After"]) > 0
    assert api.post(RESET, {"email": "other@example.com"}, format="json").status_code == 202
    cache.clear()
    monkeypatch.setattr(
        ScopedRateThrottle, "THROTTLE_RATES", {**ScopedRateThrottle.THROTTLE_RATES, "recovery": "3/hour"}
    )
    for n in range(3):
        assert api.post(FIND, {"email": f"n{n}@example.com"}, format="json").status_code == 202
    res = api.post(FIND, {"email": "n9@example.com"}, format="json")  # another address, the same client
    assert res.status_code == 429 and res.json()["code"] == "throttled"


def test_changing_the_email_needs_the_password_and_tells_the_old_address(user, auth_api):
    old = user.email
    for password, message in (
        (None, "이메일을 바꾸려면 현재 비밀번호가 필요합니다."),
        ("wrong", "현재 비밀번호가 올바르지 않습니다."),
    ):
        body = {"email": "new@example.com"} | ({"password": password} if password else {})
        res = auth_api.patch("/api/v1/me/", body, format="json")
        assert res.status_code == 400 and res.json()["password"] == [message]
        user.refresh_from_db()
        assert user.email == old
    assert not sent_mails()
    res = auth_api.patch(
        "/api/v1/me/", {"email": "new@example.com", "password": TEST_PASSWORD}, format="json"
    )
    assert res.status_code == 200 and res.json()["email"] == "new@example.com"
    [notice] = sent_mails()
    assert notice.to == [old] and notice.subject == "[Campus] 계정 이메일이 바뀌었습니다"
    # A nickname alone needs no password.
    assert auth_api.patch("/api/v1/me/", {"nickname": "새별명"}, format="json").status_code == 200
