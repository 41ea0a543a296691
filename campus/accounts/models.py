import uuid

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from campus.core.models import ChangeTracking, ChangeTrackingQuerySet, TimestampedModel

WITHDRAWN_NICKNAME = "(탈퇴한 사용자)"

username_validator = RegexValidator(
    r"^[A-Za-z0-9_.]{4,30}\Z",
    "아이디는 영문, 숫자, 밑줄(_), 마침표(.)로 4~30자여야 합니다.",
)


class School(ChangeTracking, TimestampedModel):
    class Verification(models.TextChoices):
        REQUIRED = "required", "학교 인증 필수"  # only verified students read the community
        OPTIONAL = "optional", "학교 인증 선택"

    name = models.CharField(max_length=100, unique=True)
    verification = models.CharField(
        "학교 인증", max_length=10, choices=Verification.choices, default=Verification.OPTIONAL
    )

    # Every request's student is kept with the schools' generation (accounts.students).
    objects = ChangeTrackingQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "학교"
        verbose_name_plural = "학교"

    def __str__(self) -> str:
        return self.name


class SchoolDomain(models.Model):
    """A webmail domain of a school (`hongik.ac.kr`): an address exactly at it, case aside, may
    verify a student of that school (`x.hongik.ac.kr` is another domain)."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="domains")
    domain = models.CharField("도메인", max_length=100, unique=True)

    class Meta:
        ordering = ["id"]
        verbose_name = "학교 메일 도메인"
        verbose_name_plural = "학교 메일 도메인"
        constraints = [
            models.CheckConstraint(condition=models.Q(domain=Lower("domain")), name="school_domain_lowercase")
        ]

    def __str__(self) -> str:
        return self.domain

    def save(self, *args, **kwargs) -> None:
        self.domain = self.domain.strip().lower()  # how addresses are compared
        super().save(*args, **kwargs)


# What a student is shown as next to what they wrote (`display_name`): changing it moves on the
# school's cached pages (boards.feeds.CACHE_SCOPES), whichever code changes it.
NAME_FIELDS = frozenset({"nickname", "withdrawn_at"})


class UserManager(BaseUserManager.from_queryset(ChangeTrackingQuerySet)):  # type: ignore[misc]  # dynamic base
    use_in_migrations = True

    def get_by_natural_key(self, username: str | None) -> "User":
        # Usernames are unique case-insensitively, so logging in ignores case too.
        return self.get(username__iexact=username)

    def create_user(self, username: str, password: str | None = None, **extra) -> "User":
        if not username:
            raise ValueError("username is required")
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        email = self.normalize_email(extra.pop("email", ""))
        user = self.model(username=username, email=email, **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, username: str, password: str | None = None, **extra) -> "User":
        extra["is_staff"] = True
        extra["is_superuser"] = True
        if "school" not in extra and "school_id" not in extra:
            extra["school"], _ = School.objects.get_or_create(name="Campus 운영팀")
        extra.setdefault("nickname", username)
        extra.setdefault("admission_year", timezone.localdate().year)
        return self.create_user(username, password, **extra)


class User(ChangeTracking, AbstractBaseUser, PermissionsMixin):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    username = models.CharField("아이디", max_length=30, unique=True, validators=[username_validator])
    email = models.EmailField("이메일", max_length=254)
    nickname = models.CharField("닉네임", max_length=20)
    admission_year = models.PositiveSmallIntegerField("입학년도")
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="users", verbose_name="학교")
    is_staff = models.BooleanField("운영자", default=False)
    is_active = models.BooleanField("활성", default=True)
    date_joined = models.DateTimeField("가입일", default=timezone.now)
    withdrawn_at = models.DateTimeField("탈퇴일", null=True, blank=True)
    # 학교 인증: when the student proved they are of their school (webmail, or an operator who
    # checked a certificate by hand); None until then.
    verified_at = models.DateTimeField("학교 인증", null=True, blank=True)
    # The school address it was verified with, as a keyed hash only (accounts.verification): one
    # address verifies one active account, and a copy of the database does not name anybody.
    school_email_digest = models.CharField(max_length=64, null=True, blank=True, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "username"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["email"]

    class Meta:
        verbose_name = "사용자"
        verbose_name_plural = "사용자"
        constraints = [
            models.UniqueConstraint(Lower("username"), name="user_username_ci_unique"),
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
            models.UniqueConstraint(Lower("nickname"), name="user_nickname_ci_unique"),
            models.UniqueConstraint(fields=["school_email_digest"], name="user_school_email_unique"),
        ]
        indexes = [models.Index(fields=["school", "date_joined"], name="user_school_joined_idx")]

    def __str__(self) -> str:
        return self.username

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    @property
    def is_community_member(self) -> bool:
        """학교 인증's rule: in a school whose policy is `required`, only a verified student reads
        and writes the community (boards, posts, comments, 쪽지, writing a review)."""
        return self.verified_at is not None or self.school.verification != School.Verification.REQUIRED

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def display_name(self) -> str:
        """The name shown next to named content: withdrawn users are not shown by nickname."""
        return WITHDRAWN_NICKNAME if self.is_withdrawn else self.nickname


class LoginFailure(models.Model):
    """Failed logins counted for one username or one client address (`key`: a hash, never the
    name or the address) in a window that opens at the first failure: the login lockout. In the
    database, as every process sees it — a security control, not a cache (accounts/throttling.py)."""

    key = models.CharField(max_length=64, unique=True)
    count = models.PositiveIntegerField(default=0)
    window_start = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["window_start"], name="login_failure_window_idx")]

    def __str__(self) -> str:
        return f"{self.key[:8]}… ×{self.count}"


class VerificationCode(models.Model):
    """A 인증번호 sent to a school address: the code and the address as keyed hashes only. A new
    request voids the student's earlier codes; rows of the last hour count against the rate."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="verification_codes")
    code_digest = models.CharField(max_length=64)
    address_digest = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    wrong_tries = models.PositiveSmallIntegerField(default=0)
    void = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["user", "-created_at"], name="verification_code_user_idx")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.created_at:%Y-%m-%d %H:%M}"


class RecoveryRequest(models.Model):
    """An address typed into 비밀번호 찾기 or 아이디 찾기, waiting for the worker (accounts.recovery):
    the task carries only this row's id and deletes the row when it answers it, so the address
    — perhaps of somebody without an account — is kept neither here nor in the task queue."""

    class Kind(models.TextChoices):
        PASSWORD_RESET = "password_reset", "비밀번호 찾기"
        FIND_USERNAME = "find_username", "아이디 찾기"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    email = models.CharField(max_length=254)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.kind} {self.created_at:%Y-%m-%d %H:%M}"
