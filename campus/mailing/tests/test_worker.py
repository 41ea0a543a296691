"""`manage.py db_worker` processes against the test database and a real SMTP server: a 학교 인증
end to end, and a worker killed with `kill -9` in the middle of a mail."""

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from campus.accounts.models import School, SchoolDomain, VerificationCode
from campus.accounts.tests.factories import SchoolFactory, UserFactory
from campus.core.tests.helpers import database_url
from campus.mailing.models import OutboundMail
from campus.mailing.services import mail_queue
from conftest import client_for

pytestmark = pytest.mark.django_db(transaction=True)
PROJECT = Path(__file__).resolve().parents[3]


def worker(smtp_server, *extra: str, **env: str) -> subprocess.Popen:
    environment = {
        **os.environ, "DATABASE_URL": database_url(), "EMAIL_URL": smtp_server.url, "DEBUG": "0",
        "TASK_BACKEND": "database", "LOG_LEVEL": "DEBUG", **env,
    }  # fmt: skip
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "--interval", "0.1", "-v2", *extra],
        cwd=PROJECT, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip


def wait_for(condition, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_a_verification_end_to_end_with_a_worker_leaves_no_address_in_any_log(
    smtp_server, caplog, record_property
):
    hongik = SchoolFactory(name="홍익대학교", verification=School.Verification.REQUIRED)
    SchoolDomain.objects.create(school=hongik, domain="hongik.ac.kr")
    student = UserFactory(school=hongik)
    client = client_for(student)
    address = "gildong.hong@hongik.ac.kr"
    started = time.monotonic()
    assert (
        client.post("/api/v1/me/verification/", {"school_email": address}, format="json").status_code == 202
    )
    process = worker(smtp_server, "--batch")
    output, _ = process.communicate(timeout=60)
    assert process.returncode == 0, output
    [received] = smtp_server.inbox.mails
    elapsed = time.monotonic() - started
    assert received["To"] == address
    code = re.search(r"\b(\d{6})\b", received.get_content()).group(1)
    res = client.post("/api/v1/me/verification/confirm/", {"code": code}, format="json")
    assert res.status_code == 200 and res.json()["is_verified"] is True
    assert "deliver_mail" in output and "SUCCESSFUL" in output  # the worker did log its work
    # The server's log and the worker's (the SMTP server's own log, `mail.log`, names its recipients).
    server_log = "\n".join(record.getMessage() for record in caplog.records if record.name != "mail.log")
    for log in (output, server_log):
        assert address not in log.lower() and code not in log
    assert not OutboundMail.objects.exists() and not VerificationCode.objects.exists()
    record_property("verification_mailed_seconds", round(elapsed, 2))
    assert elapsed < 30


def test_a_worker_killed_mid_mail_loses_nothing(smtp_server):
    mail_queue(to="student@example.com", subject="[Campus] 시험", body="꼭 가야 하는 메일")
    smtp_server.inbox.hold()  # the server takes the mail and hangs before answering
    first = worker(smtp_server, TASK_STALE_SECONDS="2", TASK_REAP_INTERVAL_SECONDS="1")
    try:
        wait_for(smtp_server.inbox.held.is_set)
        os.kill(first.pid, signal.SIGKILL)
        first.wait(timeout=10)
    finally:
        first.kill()
    smtp_server.inbox.release()
    task = DBTaskResult.objects.get()
    assert task.status == TaskResultStatus.RUNNING  # django-tasks-db alone would leave it so for ever
    assert OutboundMail.objects.count() == 1 and smtp_server.inbox.mails == []
    second = worker(smtp_server, TASK_STALE_SECONDS="2", TASK_REAP_INTERVAL_SECONDS="1")
    try:
        wait_for(lambda: len(smtp_server.inbox.mails) == 1)
        wait_for(lambda: DBTaskResult.objects.get().status == TaskResultStatus.SUCCESSFUL)
    finally:
        second.send_signal(signal.SIGTERM)
        output, _ = second.communicate(timeout=20)
    assert "Requeued 1 task(s)" in output
    [received] = smtp_server.inbox.mails
    assert received.get_content().strip() == "꼭 가야 하는 메일"
    assert not OutboundMail.objects.exists()
    assert len(DBTaskResult.objects.get().worker_ids) == 2  # taken twice: by the dead worker, then again


KILLED_AFTER_COMMIT = """
import os, signal, django
django.setup()
from django.db import transaction
from campus.mailing.services import mail_queue
with transaction.atomic():
    # The process dies as its commit's hooks start: anything sent from an on_commit hook is lost.
    transaction.on_commit(lambda: os.kill(os.getpid(), signal.SIGKILL))
    mail_queue(to="student@example.com", subject="[Campus] 시험", body="커밋과 함께 남는 메일")
"""


def test_a_web_process_killed_right_after_its_commit_loses_no_mail(smtp_server):
    environment = {**os.environ, "DATABASE_URL": database_url(), "DEBUG": "0", "TASK_BACKEND": "database",
                   "DJANGO_SETTINGS_MODULE": "config.settings"}  # fmt: skip
    process = subprocess.run(
        [sys.executable, "-c", KILLED_AFTER_COMMIT], check=False, cwd=PROJECT, env=environment, timeout=60
    )
    assert process.returncode == -signal.SIGKILL
    assert OutboundMail.objects.count() == 1 and DBTaskResult.objects.ready().count() == 1
    sender = worker(smtp_server, "--batch")
    output, _ = sender.communicate(timeout=60)
    assert sender.returncode == 0, output
    assert [mail.get_content().strip() for mail in smtp_server.inbox.mails] == ["커밋과 함께 남는 메일"]
