from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone

from campus.accounts.models import School, SchoolDomain, User, VerificationCode
from campus.core.errors import ApplicationError, ErrorCode


def school_list(*, search: str = "") -> QuerySet[School]:
    schools = School.objects.order_by("name").prefetch_related("domains")
    if search:
        schools = schools.filter(name__icontains=search)
    return schools


def user_field_taken(*, field: str, value: str, exclude: User | None = None) -> bool:
    """Whether another account already uses `value` for username/email/nickname, ignoring case."""
    users = User.objects.filter(**{f"{field}__iexact": value})
    if exclude is not None:
        users = users.exclude(pk=exclude.pk)
    return users.exists()


VERIFICATION_REQUIRED = "학교 인증을 마친 학생만 커뮤니티를 이용할 수 있습니다. 학교 메일로 인증해 주세요."


def community_access_check(*, viewer: User) -> None:
    """학교 인증's rule, the one place it is asked: an unverified student of a `required` school
    reads and writes nothing of the community (`403 verification_required`). The API's
    community endpoints (`CommunityMember`), the community pages (`community_required`) and the
    review service ask it; notifications hide the community's from such a student."""
    if not viewer.is_community_member:
        raise ApplicationError(VERIFICATION_REQUIRED, code=ErrorCode.VERIFICATION_REQUIRED)


def school_domain_of(*, school: School, address: str) -> bool:
    """Whether `address` is exactly at one of the school's webmail domains (case aside)."""
    domain = address.rpartition("@")[2].strip().lower()
    return SchoolDomain.objects.filter(school=school, domain=domain).exists()


def school_email_taken(*, digests: list[str], exclude: User) -> bool:
    """Another active account verified with this address (a withdrawn one freed it)."""
    return (
        User.objects.filter(school_email_digest__in=digests, is_active=True).exclude(pk=exclude.pk).exists()
    )


def verification_pending_until(*, user: User) -> datetime | None:
    """When the student's newest usable 인증번호 expires, if there is one."""
    return (
        VerificationCode.objects.filter(user=user, void=False, expires_at__gt=timezone.now())
        .order_by("-created_at")
        .values_list("expires_at", flat=True)
        .first()
    )
