"""Mail goes out through the outbox: `mail_queue` writes the mail and its sending task in the
caller's transaction (campus.core.tasks); `mail_deliver` (the task) hands it to the mail server,
deletes it, and when the server is down or refuses, tries again later with a growing wait."""

import logging
import smtplib
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from campus.core.tasks import enqueue_with, queued_in_database
from campus.mailing.models import OutboundMail

logger = logging.getLogger("campus.mailing")

FIRST_RETRY_SECONDS = 10
LONGEST_RETRY_SECONDS = 15 * 60


def retry_delay(attempts: int) -> timedelta:
    """10 s after the first failure, doubling, at most 15 minutes apart."""
    return timedelta(seconds=min(FIRST_RETRY_SECONDS * 2 ** (attempts - 1), LONGEST_RETRY_SECONDS))


def mail_queue(*, to: str, subject: str, body: str, discard_after: datetime | None = None) -> None:
    """Send a mail once the caller's transaction commits (never for one that rolls back)."""
    newest = timezone.now() + timedelta(hours=settings.MAIL_RETRY_HOURS)
    mail = OutboundMail.objects.create(
        to=to, subject=subject, body=body, discard_after=min(discard_after or newest, newest)
    )
    enqueue_with(deliver_mail, mail.pk)


@task()
def deliver_mail(mail_id: int) -> str:
    """The task that sends a queued mail."""
    return mail_deliver(mail_id)


def mail_deliver(mail_id: int) -> str:
    """Send one queued mail. Errors are told by their kind only: an SMTP error's text names the
    recipient, and neither a log nor the task's stored result may."""
    # No lock held while the mail server talks (SQLite would stop every writer meanwhile): a mail
    # is sent by one task; only a requeued task of a lost worker may send it a second time.
    mail = OutboundMail.objects.filter(pk=mail_id).first()
    if mail is None:
        return "gone"  # sent by an earlier run, or dropped
    if mail.discard_after <= timezone.now():
        mail.delete()
        logger.warning("Mail %s dropped after %s attempts: too late to be of use", mail_id, mail.attempts)
        return "dropped"
    try:
        EmailMessage(mail.subject, mail.body, settings.DEFAULT_FROM_EMAIL, [mail.to]).send()
    except (smtplib.SMTPException, OSError) as error:
        return _retry_later(mail, error)
    mail.delete()
    return "sent"


def _retry_later(mail: OutboundMail, error: Exception) -> str:
    mail.attempts += 1
    if not queued_in_database(deliver_mail):  # no worker to come back later (make run)
        mail.delete()
        logger.warning("Mail %s not sent (%s); no worker to retry it", mail.pk, type(error).__name__)
        return "failed"
    wait = retry_delay(mail.attempts)
    with transaction.atomic():
        mail.save(update_fields=["attempts"])
        enqueue_with(deliver_mail, mail.pk, run_after=timezone.now() + wait)
    logger.warning(
        "Mail %s not sent (%s), attempt %s; again in %s s",
        mail.pk, type(error).__name__, mail.attempts, int(wait.total_seconds()),
    )  # fmt: skip
    return "retrying"
