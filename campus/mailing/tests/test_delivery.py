"""Mail through the outbox to a real SMTP server: sent after the commit, never for a rollback,
retried with a growing wait while the server is down, gone from the database once sent."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from campus.core.tests.helpers import run_queued_tasks
from campus.mailing.config import email_settings
from campus.mailing.models import OutboundMail
from campus.mailing.services import mail_queue, retry_delay

pytestmark = pytest.mark.django_db


def queue(to="student@example.com", body="본문입니다"):
    with transaction.atomic():
        mail_queue(to=to, subject="[Campus] 시험", body=body)


def test_a_queued_mail_reaches_the_smtp_server_and_leaves_the_database(smtp_server):
    queue()
    assert OutboundMail.objects.count() == 1 and DBTaskResult.objects.ready().count() == 1
    assert run_queued_tasks() == 1
    [received] = smtp_server.inbox.mails
    assert received["To"] == "student@example.com" and received["Subject"] == "[Campus] 시험"
    assert received.get_content().strip() == "본문입니다"
    assert not OutboundMail.objects.exists()
    assert DBTaskResult.objects.get().status == TaskResultStatus.SUCCESSFUL


def test_a_rolled_back_write_sends_nothing(smtp_server):
    def write_that_fails():
        with transaction.atomic():
            mail_queue(to="student@example.com", subject="x", body="y")
            raise RuntimeError

    with pytest.raises(RuntimeError):
        write_that_fails()
    assert not OutboundMail.objects.exists() and not DBTaskResult.objects.exists()
    assert run_queued_tasks() == 0 and smtp_server.inbox.mails == []


def test_an_smtp_outage_is_waited_out(smtp_server):
    smtp_server.stop()
    queue()
    assert run_queued_tasks() == 1  # tried, refused at the door
    mail = OutboundMail.objects.get()
    assert mail.attempts == 1
    retry = DBTaskResult.objects.filter(status="READY").get()
    assert timedelta(seconds=8) < retry.run_after - timezone.now() <= timedelta(seconds=10)
    assert run_queued_tasks() == 0  # not due yet
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())  # ten seconds pass
    assert run_queued_tasks() == 1
    assert OutboundMail.objects.get().attempts == 2  # still down: the wait doubles
    later = DBTaskResult.objects.filter(status="READY").get()
    assert timedelta(seconds=18) < later.run_after - timezone.now() <= timedelta(seconds=20)
    smtp_server.start()
    DBTaskResult.objects.filter(pk=later.pk).update(run_after=timezone.now())
    assert run_queued_tasks() == 1
    assert [m["To"] for m in smtp_server.inbox.mails] == ["student@example.com"]
    assert not OutboundMail.objects.exists()


def test_a_mail_past_its_use_is_dropped(smtp_server):
    queue()
    OutboundMail.objects.update(discard_after=timezone.now())
    assert run_queued_tasks() == 1
    assert smtp_server.inbox.mails == [] and not OutboundMail.objects.exists()


def test_waits_double_up_to_a_quarter_hour():
    assert [retry_delay(n).total_seconds() for n in range(1, 9)] == [10, 20, 40, 80, 160, 320, 640, 900]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("smtp://u:p%40ss@mail.example.com", ("mail.example.com", 25, "u", "p@ss", False, False)),
        ("smtp+tls://u:p@mail.example.com:2587", ("mail.example.com", 2587, "u", "p", True, False)),
        ("smtp+ssl://mail.example.com", ("mail.example.com", 465, "", "", False, True)),
    ],
)
def test_email_url_says_where_mail_goes(url, expected):
    parsed = email_settings(url)
    assert parsed["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert tuple(parsed[key] for key in ("EMAIL_HOST", "EMAIL_PORT", "EMAIL_HOST_USER", "EMAIL_HOST_PASSWORD",
                                         "EMAIL_USE_TLS", "EMAIL_USE_SSL")) == expected  # fmt: skip
    assert email_settings("console:")["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert email_settings("")["EMAIL_BACKEND"] == "campus.mailing.backends.LogBackend"


@pytest.fixture
def immediate_tasks(settings):
    """`make run`'s backend: tasks run in the web process once the transaction commits."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def test_without_a_worker_mail_goes_once_the_write_commits(
    immediate_tasks, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as hooks:
        queue()
        assert smtp_server.inbox.mails == []  # not before the commit
    assert len(hooks) == 1 and [m["To"] for m in smtp_server.inbox.mails] == ["student@example.com"]
    assert not OutboundMail.objects.exists() and not DBTaskResult.objects.exists()  # nothing queued


def test_without_a_worker_a_failed_mail_is_dropped_not_kept(
    immediate_tasks, smtp_server, django_capture_on_commit_callbacks
):
    smtp_server.stop()
    with django_capture_on_commit_callbacks(execute=True):
        queue()
    assert not OutboundMail.objects.exists()  # no worker would ever retry it: the address is not kept
