import logging
from collections.abc import Sequence

from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend

logger = logging.getLogger("campus.mailing")


class LogBackend(BaseEmailBackend):
    """No EMAIL_URL with DEBUG off: each mail is noted in the log by its subject only. Its
    recipients and body (a school address, a 인증번호, a reset link) never reach a log."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        for message in email_messages:
            logger.warning("Mail not sent (EMAIL_URL is not set): %s", message.subject)
        return len(email_messages)
