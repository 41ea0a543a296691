"""The account rules, called as the API and the web pages call them: the services decide, and a
refusal writes nothing."""

import pytest
from django.utils import timezone
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken

from campus.accounts import services
from campus.accounts.models import User
from campus.accounts.tests.factories import TEST_PASSWORD, UserFactory
from campus.core.errors import ApplicationError, ErrorCode

pytestmark = pytest.mark.django_db

STRONG = "kettle-Harbor-93"


def signup(school, **changes):
    fields = {
        "school": school, "username": "new_student", "password": STRONG, "email": "new@example.com",
        "nickname": "새내기", "admission_year": 2025,
    }  # fmt: skip
    return services.user_signup(**{**fields, **changes})


def refusal(call) -> ApplicationError:
    with pytest.raises(ApplicationError) as caught:
        call()
    return caught.value


class TestSignup:
    def test_a_new_student_of_the_school(self, school):
        user = signup(school, email="New@Example.COM")
        assert (user.username, user.nickname, user.school_id, user.admission_year) == (
            "new_student", "새내기", school.id, 2025,
        )  # fmt: skip
        assert user.email == "New@example.com"  # the domain part lower-cased, as Django does
        assert user.check_password(STRONG)

    def test_every_name_in_use_is_refused_at_once_ignoring_case(self, school, user):
        error = refusal(lambda: signup(school, username=user.username.upper(), email=user.email.upper(),
                                       nickname=user.nickname))  # fmt: skip
        assert error.code == ErrorCode.TAKEN
        assert error.field_errors == {
            "username": ["이미 사용 중인 아이디입니다."],
            "email": ["이미 사용 중인 이메일입니다."],
            "nickname": ["이미 사용 중인 닉네임입니다."],
        }
        assert User.objects.count() == 1

    def test_a_malformed_username_and_a_future_year_are_refused_together(self, school):
        error = refusal(lambda: signup(school, username="a b", admission_year=timezone.localdate().year + 1))
        assert error.code == ErrorCode.INVALID
        assert set(error.field_errors) == {"username", "admission_year"}
        assert error.field_errors["admission_year"] == ["입학년도는 미래일 수 없습니다."]
        assert refusal(lambda: signup(school, admission_year=1949)).field == "admission_year"
        assert not User.objects.exists()

    def test_the_password_validators_apply_to_the_student_as_they_will_be(self, school):
        error = refusal(lambda: signup(school, username="kimminsu", password="kimminsu1"))
        assert error.field == "password"
        assert len(error.field_errors["password"]) >= 1  # too similar to the username
        assert refusal(lambda: signup(school, password="12345678")).field_errors["password"] == [
            "너무 흔히 사용되는 비밀번호입니다.",
            "비밀번호가 전부 숫자로 되어 있습니다.",
        ]
        assert not User.objects.exists()

    def test_names_are_checked_before_the_password(self, school, user):
        error = refusal(lambda: signup(school, username=user.username, password="1"))
        assert set(error.field_errors) == {"username"}


class TestProfile:
    def test_a_name_someone_else_uses_is_refused_and_nothing_changes(self, user, make_user):
        other = make_user(nickname="남의닉")
        error = refusal(
            lambda: services.user_profile_update(
                user=user, nickname="남의닉", email=other.email, password=TEST_PASSWORD
            )
        )
        assert error.code == ErrorCode.TAKEN and set(error.field_errors) == {"nickname", "email"}
        user.refresh_from_db()
        assert user.nickname != "남의닉"

    def test_keeping_my_own_name_is_no_conflict(self, user):
        updated = services.user_profile_update(
            user=user, nickname=user.nickname.upper(), email="Me@Campus.kr", password=TEST_PASSWORD
        )
        assert (updated.nickname, updated.email) == (user.nickname.upper(), "Me@campus.kr")


class TestPassword:
    def test_a_change_ends_every_refresh_token(self, user):
        services.tokens_for(user), services.tokens_for(user)
        services.user_password_change(user=user, old_password=TEST_PASSWORD, new_password=STRONG)
        user.refresh_from_db()
        assert user.check_password(STRONG)
        assert BlacklistedToken.objects.filter(token__user=user).count() == OutstandingToken.objects.filter(
            user=user
        ).count() == 2  # fmt: skip

    def test_a_wrong_current_password_and_a_weak_new_one_are_refused(self, user):
        wrong = refusal(
            lambda: services.user_password_change(user=user, old_password="nope", new_password=STRONG)
        )
        assert (wrong.code, wrong.field) == (ErrorCode.WRONG_PASSWORD, "old_password")
        weak = refusal(
            lambda: services.user_password_change(user=user, old_password=TEST_PASSWORD, new_password="1234")
        )
        assert weak.field == "new_password"
        user.refresh_from_db()
        assert user.check_password(TEST_PASSWORD)


class TestLogin:
    def test_the_same_answer_for_no_such_user_and_a_wrong_password(self, user):
        unknown = refusal(lambda: services.auth_login(username="nobody_here", password="x", ip="10.0.0.1"))
        wrong = refusal(lambda: services.auth_login(username=user.username, password="x", ip="10.0.0.2"))
        assert (unknown.code, unknown.message) == (wrong.code, wrong.message)
        assert unknown.code == ErrorCode.INVALID_CREDENTIALS

    def test_a_username_locks_after_the_limit_even_for_the_right_password(self, user, settings):
        settings.LOGIN_FAILURE_LIMIT_PER_USERNAME = 3
        for n in range(3):
            refusal(lambda n=n: services.auth_login(username=user.username, password="x", ip=f"10.0.0.{n}"))
        locked = refusal(
            lambda: services.auth_login(username=user.username.upper(), password=TEST_PASSWORD, ip="10.0.1.1")
        )
        assert locked.code == ErrorCode.LOGIN_LOCKED and locked.retry_after == 15 * 60


def test_withdrawal_frees_the_email_keeps_the_names_and_ends_logins(user):
    old_email = user.email
    services.tokens_for(user)
    services.user_withdraw(user=user, password=TEST_PASSWORD)
    user.refresh_from_db()
    assert (user.is_active, user.is_withdrawn, user.has_usable_password()) == (False, True, False)
    assert user.email.endswith("@invalid.invalid")
    assert user.display_name == "(탈퇴한 사용자)"
    assert BlacklistedToken.objects.filter(token__user=user).count() == 1
    UserFactory(email=old_email, school=user.school)  # the old address is free for a new account
    assert refusal(lambda: signup(user.school, username=user.username)).field == "username"


def test_an_operator_grants_verification_once(user):
    assert not user.is_verified
    first = services.user_verification_grant(user=user).verified_at
    assert first is not None and user.is_verified
    assert services.user_verification_grant(user=user).verified_at == first  # kept, not moved


def test_the_demo_schools_require_verification_by_their_webmail_domains():
    from django.core.management import call_command

    from campus.accounts.models import School

    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)  # twice: the same schools and domains
    schools = {
        school.name: (school.verification, [d.domain for d in school.domains.order_by("domain")])
        for school in School.objects.prefetch_related("domains")
    }
    assert schools == {
        "홍익대학교": ("required", ["hongik.ac.kr", "mail.hongik.ac.kr"]),
        "이화여자대학교": ("required", ["ewha.ac.kr", "ewhain.net"]),
        "서강대학교": ("required", ["sogang.ac.kr"]),
        "연세대학교": ("required", ["yonsei.ac.kr"]),
    }
