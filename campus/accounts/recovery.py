"""Account recovery: 비밀번호 찾기 (a one-hour, single-use reset link) and 아이디 찾기.

Neither request tells whether an address has an account: the request only writes the address
down (`RecoveryRequest`) and queues a task with the row's id, whatever the address — the same
answer and the same work either way — and the task deletes the row, looks the account up and
mails it, if there is one. Requests are limited per address here and
per client by the views (the `recovery` throttle)."""

import hashlib
from typing import Literal

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks import task

from campus.accounts.models import RecoveryRequest, User
from campus.core.rates import rate_count
from campus.core.tasks import enqueue_with
from campus.mailing.services import mail_queue

Kind = Literal["password_reset", "find_username"]

ACCEPTED = "요청을 받았습니다. 그 이메일로 가입한 계정이 있으면 메일을 보냈습니다."

RESET_MAIL_SUBJECT = "[Campus] 비밀번호 재설정"
RESET_MAIL_BODY = """{username}님, 아래 링크에서 새 비밀번호를 정해 주세요.

{link}

링크는 한 시간 동안 한 번만 쓸 수 있습니다. 직접 요청하지 않았다면 이 메일을 무시하면 됩니다.
"""
USERNAME_MAIL_SUBJECT = "[Campus] 아이디 안내"
USERNAME_MAIL_BODY = """이 이메일로 가입한 Campus 아이디는 {username} 입니다.

로그인: {login}
"""
EMAIL_CHANGED_SUBJECT = "[Campus] 계정 이메일이 바뀌었습니다"
EMAIL_CHANGED_BODY = """{username}님 계정의 이메일이 다른 주소로 바뀌었습니다.

직접 바꾸지 않았다면 곧바로 비밀번호를 바꾸고 운영팀에 알려 주세요.
"""


def recovery_request(*, kind: Kind, email: str) -> None:
    """Mail the account with `email` a reset link (`password_reset`) or its username
    (`find_username`), if there is one."""
    address = email.strip().lower()
    rate_count(
        scope=f"recovery:{kind}",
        ident=hashlib.sha256(address.encode()).hexdigest(),
        rate=settings.RECOVERY_RATE_PER_ADDRESS,
        message="이 이메일로 요청이 너무 많습니다. {wait}초 뒤에 다시 시도해 주세요.",
    )
    with transaction.atomic():
        asked = RecoveryRequest.objects.create(kind=kind, email=address)
        enqueue_with(recovery_mail_task, asked.pk)


def recovery_answer(request_id: int) -> bool:
    """The task's work: forget the request, and mail the active account with its email, if any."""
    asked = RecoveryRequest.objects.select_for_update().filter(pk=request_id).first()
    if asked is None:
        return False  # answered by an earlier run (a requeued task)
    asked.delete()
    user = User.objects.filter(email__iexact=asked.email, is_active=True).first()
    if user is None:
        return False
    if asked.kind == RecoveryRequest.Kind.PASSWORD_RESET:
        uid = urlsafe_base64_encode(force_bytes(user.pk))
        token = default_token_generator.make_token(user)
        link = settings.SITE_URL + reverse("web:password-reset-confirm", args=[uid, token])
        mail_queue(
            to=user.email,
            subject=RESET_MAIL_SUBJECT,
            body=RESET_MAIL_BODY.format(username=user.username, link=link),
        )
    else:
        login = settings.SITE_URL + reverse("web:login")
        mail_queue(
            to=user.email,
            subject=USERNAME_MAIL_SUBJECT,
            body=USERNAME_MAIL_BODY.format(username=user.username, login=login),
        )
    return True


@task()
def recovery_mail_task(request_id: int) -> bool:
    with transaction.atomic():
        return recovery_answer(request_id)


def email_change_notice(*, user: User, old_email: str) -> None:
    mail_queue(
        to=old_email, subject=EMAIL_CHANGED_SUBJECT, body=EMAIL_CHANGED_BODY.format(username=user.username)
    )
