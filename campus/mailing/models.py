from django.db import models


class OutboundMail(models.Model):
    """A mail waiting to be sent: written in the transaction of the write that causes it, with
    the task that sends it, and deleted once the mail server took it — so a school address or a
    인증번호 stays in the database only until the mail is gone (campus.mailing.services)."""

    to = models.CharField(max_length=254)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    # Past this, sending is pointless (a 인증번호 that expired) and the mail is dropped.
    discard_after = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "보낼 메일"
        verbose_name_plural = "보낼 메일"

    def __str__(self) -> str:
        return self.subject
