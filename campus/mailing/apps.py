import logging

from django.apps import AppConfig
from django.conf import settings

logger = logging.getLogger("campus.mailing")


class MailingConfig(AppConfig):
    name = "campus.mailing"
    label = "mailing"
    verbose_name = "메일"

    def ready(self) -> None:
        if settings.EMAIL_BACKEND == "campus.mailing.backends.LogBackend":
            logger.warning(
                "EMAIL_URL is not set: mail (학교 인증, password reset) is only noted in the log, "
                "not sent. Set EMAIL_URL=smtp://… (README, Mail)."
            )
