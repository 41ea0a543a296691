"""Account writes: signup, login, profile, password, withdrawal. Every rule lives here."""

from django.conf import settings
from django.contrib.auth import authenticate, password_validation
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken
from rest_framework_simplejwt.tokens import RefreshToken
from rest_framework_simplejwt.utils import datetime_from_epoch

from campus.accounts import throttling
from campus.accounts.models import School, User, username_validator
from campus.accounts.recovery import email_change_notice
from campus.accounts.selectors import user_field_taken
from campus.core.errors import ApplicationError, ErrorCode

MIN_ADMISSION_YEAR = 1950

UNIQUE_FIELD_MESSAGES = {
    "username": "이미 사용 중인 아이디입니다.",
    "email": "이미 사용 중인 이메일입니다.",
    "nickname": "이미 사용 중인 닉네임입니다.",
}


def _raise_for_duplicate(error: IntegrityError) -> None:
    """Two requests raced past `_unique_refusals`; the database constraint names the field."""
    text = str(error).lower()
    for field, message in UNIQUE_FIELD_MESSAGES.items():
        if field in text:
            raise ApplicationError(message, field=field, code=ErrorCode.TAKEN) from error
    raise ApplicationError("이미 사용 중인 정보입니다.", code=ErrorCode.TAKEN) from error


def _unique_refusals(*, exclude: User | None = None, **values: str | None) -> dict[str, list[str]]:
    """For each of username/email/nickname given: refused when another account uses it (any case)."""
    return {
        field: [UNIQUE_FIELD_MESSAGES[field]]
        for field, value in values.items()
        if value is not None and user_field_taken(field=field, value=value, exclude=exclude)
    }


def _password_refusals(password: str, user: User, *, field: str) -> dict[str, list[str]]:
    """Django's password validators (AUTH_PASSWORD_VALIDATORS), for `user` as it will be."""
    try:
        password_validation.validate_password(password, user=user)
    except ValidationError as error:
        return {field: list(error.messages)}
    return {}


def _refuse(refusals: dict[str, list[str]], *, code: ErrorCode = ErrorCode.INVALID) -> None:
    if refusals:
        raise ApplicationError.fields(refusals, code=code)


def tokens_for(user: User) -> dict[str, str]:
    refresh = RefreshToken.for_user(user)
    return {"access": str(refresh.access_token), "refresh": str(refresh)}


def user_signup(
    *,
    school: School,
    username: str,
    password: str,
    email: str,
    nickname: str,
    admission_year: int,
) -> User:
    """A new student of `school`. Refused by field: a username that is not 4–30 of `A–Z a–z 0–9 _ .`,
    a username, email or nickname in use, an admission year in the future (or before
    `MIN_ADMISSION_YEAR`); then a password Django's validators refuse."""
    taken = _unique_refusals(username=username, email=email, nickname=nickname)
    refusals: dict[str, list[str]] = {}
    try:
        username_validator(username)
    except ValidationError as error:
        refusals["username"] = list(error.messages)
    if admission_year > timezone.localdate().year:
        refusals["admission_year"] = ["입학년도는 미래일 수 없습니다."]
    elif admission_year < MIN_ADMISSION_YEAR:
        refusals["admission_year"] = [f"입학년도는 {MIN_ADMISSION_YEAR}년 이후여야 합니다."]
    _refuse({**taken, **refusals}, code=ErrorCode.INVALID if refusals else ErrorCode.TAKEN)
    candidate = User(username=username, email=email, nickname=nickname)
    _refuse(_password_refusals(password, candidate, field="password"))
    try:
        with transaction.atomic():
            return User.objects.create_user(
                username,
                password,
                email=email,
                nickname=nickname,
                admission_year=admission_year,
                school=school,
            )
    except IntegrityError as error:
        _raise_for_duplicate(error)
        raise


def auth_login(*, username: str, password: str, ip: str) -> User:
    """Check credentials; the same answer whether the username exists or not."""
    if throttling.login_locked(username=username, ip=ip):
        raise ApplicationError(
            "로그인 시도가 너무 많습니다. 잠시 후 다시 시도해 주세요.",
            code=ErrorCode.LOGIN_LOCKED,
            retry_after=settings.LOGIN_FAILURE_WINDOW_SECONDS,
        )
    user = authenticate(username=username, password=password)
    if user is None:
        throttling.login_failure_record(username=username, ip=ip)
        raise ApplicationError(
            "아이디 또는 비밀번호가 올바르지 않습니다.", code=ErrorCode.INVALID_CREDENTIALS
        )
    throttling.login_failures_clear(username=username)
    return user


def auth_logout(*, user: User, refresh: str) -> None:
    try:
        token = RefreshToken(refresh)  # type: ignore[arg-type]  # the stubs miss a token's text
    except TokenError as error:
        raise ApplicationError(
            "유효하지 않은 토큰입니다.", field="refresh", code=ErrorCode.INVALID_TOKEN
        ) from error
    if str(token.get("user_id")) != str(user.pk):
        raise ApplicationError("유효하지 않은 토큰입니다.", field="refresh", code=ErrorCode.INVALID_TOKEN)
    token.blacklist()


REFRESH_REFUSED = "유효하지 않거나 이미 사용된 refresh 토큰입니다. 다시 로그인해 주세요."


def _refresh_refused() -> ApplicationError:
    # simplejwt's code for a bad token, so that clients see one code for every refusal.
    return ApplicationError(REFRESH_REFUSED, code=ErrorCode.TOKEN_NOT_VALID)


def auth_refresh(*, refresh: str) -> dict[str, str]:
    """Rotate a refresh token: exactly one redemption of a token may ever succeed.

    The atomic test is the insert of its blacklist row, which the database keeps unique: of two
    concurrent redemptions one inserts, the other fails on the constraint (PostgreSQL makes it
    wait for the first to commit; SQLite serialises the writers) and gets a 401.
    """
    try:
        token = RefreshToken(refresh)  # type: ignore[arg-type]  # signature, expiry, type, not blacklisted
    except TokenError as error:
        raise _refresh_refused() from error
    user = User.objects.filter(
        pk=token.get(str(settings.SIMPLE_JWT["USER_ID_CLAIM"])), is_active=True
    ).first()
    if user is None:
        raise _refresh_refused()
    access = str(token.access_token)
    with transaction.atomic():
        outstanding, _ = OutstandingToken.objects.get_or_create(
            jti=token["jti"],
            defaults={"user": user, "token": refresh, "expires_at": datetime_from_epoch(token["exp"])},
        )
        try:
            with transaction.atomic():
                BlacklistedToken.objects.create(token=outstanding)
        except IntegrityError as error:
            raise _refresh_refused() from error
        token.set_jti()
        token.set_exp()
        token.set_iat()
        token.outstand()
    return {"access": access, "refresh": str(token)}


def blacklist_all_refresh_tokens(user: User) -> None:
    outstanding = OutstandingToken.objects.filter(user=user, expires_at__gt=timezone.now()).exclude(
        blacklistedtoken__isnull=False
    )
    BlacklistedToken.objects.bulk_create(
        [BlacklistedToken(token=token) for token in outstanding], ignore_conflicts=True
    )


@transaction.atomic
def user_profile_update(
    *, user: User, nickname: str | None = None, email: str | None = None, password: str | None = None
) -> User:
    """A new nickname or email; refused (by field) when another account uses it. A new email
    (where reset links go) needs the current password, and the old address is told."""
    old_email = user.email
    if email is not None and User.objects.normalize_email(email).lower() == old_email.lower():
        email = None  # not a change
    refusals = _unique_refusals(exclude=user, nickname=nickname, email=email)
    if email is not None and not (password and user.check_password(password)):
        message = (
            "현재 비밀번호가 올바르지 않습니다."
            if password
            else "이메일을 바꾸려면 현재 비밀번호가 필요합니다."
        )
        _refuse(
            {**refusals, "password": [message]},
            code=ErrorCode.TAKEN if refusals else ErrorCode.WRONG_PASSWORD,
        )
    _refuse(refusals, code=ErrorCode.TAKEN)
    if nickname is not None:
        user.nickname = nickname
    if email is not None:
        user.email = User.objects.normalize_email(email)
        email_change_notice(user=user, old_email=old_email)
    try:
        with transaction.atomic():
            user.save(update_fields=["nickname", "email"])
    except IntegrityError as error:
        _raise_for_duplicate(error)
        raise
    return user


@transaction.atomic
def user_password_change(*, user: User, old_password: str, new_password: str) -> None:
    _refuse(_password_refusals(new_password, user, field="new_password"))
    if not user.check_password(old_password):
        raise ApplicationError(
            "현재 비밀번호가 올바르지 않습니다.", field="old_password", code=ErrorCode.WRONG_PASSWORD
        )
    user.set_password(new_password)
    user.save(update_fields=["password"])
    # Access tokens carry a hash of the password (CHECK_REVOKE_TOKEN) and die with it;
    # refresh tokens are blacklisted so that no earlier session can come back.
    blacklist_all_refresh_tokens(user)


def user_verification_grant(*, user: User) -> User:
    """학교 인증 without webmail: an operator checked a certificate by hand (the admin's action).
    Idempotent: an earlier verification keeps its time."""
    if user.verified_at is None:
        user.verified_at = timezone.now()
        user.save(update_fields=["verified_at"])
    return user


@transaction.atomic
def user_withdraw(*, user: User, password: str) -> None:
    if not user.check_password(password):
        raise ApplicationError(
            "비밀번호가 올바르지 않습니다.", field="password", code=ErrorCode.WRONG_PASSWORD
        )
    now = timezone.now()
    user.is_active = False
    user.withdrawn_at = now
    # The address is personal data we no longer need; the username stays reserved so that
    # nobody can sign up under the withdrawn person's name.
    user.email = f"withdrawn-{user.pk.hex}@invalid.invalid"
    user.set_unusable_password()
    user.school_email_digest = None  # the school address may verify another account
    user.save(update_fields=["is_active", "withdrawn_at", "email", "password", "school_email_digest"])
    blacklist_all_refresh_tokens(user)


LINK_REFUSED = "비밀번호 재설정 링크가 올바르지 않거나 만료되었거나 이미 사용되었습니다. 다시 요청해 주세요."


def reset_link_user(*, uid: str, token: str) -> User | None:
    """The account a reset link is for, while the link is valid: an hour, and only until the
    password changes (Django's token carries a hash of it), so it works once."""
    try:
        user = User.objects.filter(pk=force_str(urlsafe_base64_decode(uid)), is_active=True).first()
    except (ValueError, TypeError, OverflowError, ValidationError):  # not base64, not a UUID
        return None
    if user is None or not default_token_generator.check_token(user, token):
        return None
    return user


@transaction.atomic
def password_reset_confirm(*, uid: str, token: str, new_password: str) -> User:
    """A new password by a reset link. It ends every refresh token (blacklisted) and web session
    (their hash of the password no longer matches) of the account, and the link itself."""
    user = reset_link_user(uid=uid, token=token)
    if user is None:
        raise ApplicationError(LINK_REFUSED, field="token", code=ErrorCode.INVALID_TOKEN)
    _refuse(_password_refusals(new_password, user, field="new_password"))
    user.set_password(new_password)
    user.save(update_fields=["password"])
    blacklist_all_refresh_tokens(user)
    throttling.login_failures_clear(username=user.username)  # the owner is back: no lockout
    return user
