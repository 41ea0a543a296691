"""학교 인증 by webmail: a code mailed to a school address. The address and the 인증번호 are
stored only as keyed hashes (HMAC-SHA256) under
`SCHOOL_EMAIL_KEYS` (docs/decisions.md, "학교 인증"). Without the key a copy of the database cannot
test an address (unlike a plain hash, which anyone can compute for a guessed address)."""

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from campus.accounts.models import User, VerificationCode
from campus.accounts.selectors import school_domain_of, school_email_taken
from campus.core.errors import ApplicationError, ErrorCode
from campus.mailing.services import mail_queue


def _digest(key: str, kind: str, value: str) -> str:
    return hmac.new(key.encode(), f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()


def normalize_address(address: str) -> str:
    return address.strip().lower()


def address_digest(address: str) -> str:
    """Under the current key: what is stored."""
    return _digest(settings.SCHOOL_EMAIL_KEYS[0], "address", normalize_address(address))


def address_digests(address: str) -> list[str]:
    """Under every key still honoured: what an address may have been stored as."""
    return [_digest(key, "address", normalize_address(address)) for key in settings.SCHOOL_EMAIL_KEYS]


def code_digest(*, user_id: object, address_digest: str, code: str) -> str:
    return _digest(settings.SCHOOL_EMAIL_KEYS[0], "code", f"{user_id}:{address_digest}:{code}")


def _new_code() -> str:
    return f"{secrets.randbelow(1_000_000):06d}"


EMAIL_TAKEN = "이 학교 메일로 이미 다른 계정이 인증했습니다."
CODE_MAIL_SUBJECT = "[Campus] 학교 인증번호"
CODE_MAIL_BODY = """{school} 학교 인증번호는 {code} 입니다.

{minutes}분 안에 Campus의 학교 인증 화면에 입력해 주세요.
직접 요청하지 않았다면 이 메일을 무시하면 됩니다.
"""


@transaction.atomic
def verification_request(*, user: User, school_email: str) -> datetime:
    """Mail a 6-digit code to `school_email`, an address at one of the school's domains that no
    other active account verified with; the code works for VERIFICATION_CODE_MINUTES and voids
    the student's earlier ones. Returns when it expires. After the mail is sent the address is
    stored nowhere, only its keyed hash (here, and on the student once verified)."""
    address = normalize_address(school_email)
    try:
        validate_email(address)
    except ValidationError as error:
        raise ApplicationError(
            "올바른 이메일 주소가 아닙니다.", field="school_email", code=ErrorCode.INVALID
        ) from error
    if not school_domain_of(school=user.school, address=address):
        domains = ", ".join(user.school.domains.values_list("domain", flat=True)) or "없음"
        raise ApplicationError(
            f"{user.school.name}의 학교 메일 주소가 아닙니다. (도메인: {domains})",
            field="school_email", code=ErrorCode.INVALID,
        )  # fmt: skip
    digests = address_digests(address)
    if school_email_taken(digests=digests, exclude=user):
        raise ApplicationError(EMAIL_TAKEN, code=ErrorCode.EMAIL_TAKEN)  # 409 {"detail", "code"}
    User.objects.select_for_update().filter(pk=user.pk).first()  # one request at a time per student
    now = timezone.now()
    hour_ago = now - timedelta(hours=1)
    sent = VerificationCode.objects.filter(user=user, created_at__gt=hour_ago).order_by("created_at")
    if sent.count() >= settings.VERIFICATION_CODES_PER_HOUR:
        oldest = sent.values_list("created_at", flat=True).first() or now
        wait = max(1, int((oldest - hour_ago).total_seconds()))
        raise ApplicationError(
            "인증번호는 한 시간에 5번까지 받을 수 있습니다. 잠시 후 다시 시도해 주세요.",
            code=ErrorCode.THROTTLED, retry_after=wait,
        )  # fmt: skip
    VerificationCode.objects.filter(user=user, void=False).update(void=True)
    VerificationCode.objects.filter(user=user, created_at__lte=hour_ago).delete()  # counted no more
    code = _new_code()
    stored = address_digest(address)
    expires_at = now + timedelta(minutes=settings.VERIFICATION_CODE_MINUTES)
    VerificationCode.objects.create(
        user=user,
        address_digest=stored,
        code_digest=code_digest(user_id=user.pk, address_digest=stored, code=code),
        created_at=now,
        expires_at=expires_at,
    )
    mail_queue(
        to=address,
        subject=CODE_MAIL_SUBJECT,
        body=CODE_MAIL_BODY.format(
            school=user.school.name, code=code, minutes=settings.VERIFICATION_CODE_MINUTES
        ),
        discard_after=expires_at,
    )
    return expires_at


CODE_REFUSED = "인증번호가 올바르지 않습니다."
CODE_GONE = "인증번호가 만료되었거나 입력 횟수를 넘었습니다. 인증번호를 다시 받아 주세요."


def verification_confirm(*, user: User, code: str) -> User:
    """The code of the student's newest request, within its time and tries, verifies them. A
    wrong code counts a try; the fifth voids it, and then even the right one is refused."""
    with transaction.atomic():
        pending = (
            VerificationCode.objects.select_for_update()
            .filter(user=user, void=False, expires_at__gt=timezone.now())
            .order_by("-created_at")
            .first()
        )
        if pending is None:
            raise ApplicationError(CODE_GONE, field="code", code=ErrorCode.INVALID)
        expected = code_digest(user_id=user.pk, address_digest=pending.address_digest, code=code.strip())
        if not hmac.compare_digest(expected, pending.code_digest):
            pending.wrong_tries += 1
            pending.void = pending.wrong_tries >= settings.VERIFICATION_CODE_TRIES
            pending.save(update_fields=["wrong_tries", "void"])
            left = settings.VERIFICATION_CODE_TRIES - pending.wrong_tries
            refusal = ApplicationError(
                f"{CODE_REFUSED} (남은 입력 횟수 {left}번)" if left else CODE_GONE, field="code"
            )
        else:
            refusal = None
    if refusal is not None:
        raise refusal  # after the commit: the wrong try stays counted
    try:
        with transaction.atomic():
            user.verified_at = timezone.now()
            user.school_email_digest = pending.address_digest
            user.save(update_fields=["verified_at", "school_email_digest"])
            VerificationCode.objects.filter(user=user).delete()
    except IntegrityError as error:  # another account verified with the address meanwhile
        user.refresh_from_db()
        raise ApplicationError(EMAIL_TAKEN, code=ErrorCode.EMAIL_TAKEN) from error
    return user
