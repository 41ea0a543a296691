"""학교 인증 through the API: the codes, their limits, and what the database keeps of them."""

import re
import shutil
import subprocess
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from campus.accounts.models import School, SchoolDomain, User, VerificationCode
from campus.accounts.tests.factories import TEST_PASSWORD, SchoolFactory, UserFactory
from campus.core.tests.helpers import run_queued_tasks
from campus.mailing.models import OutboundMail
from conftest import client_for

REQUEST = "/api/v1/me/verification/"
CONFIRM = "/api/v1/me/verification/confirm/"
ADDRESS = "Gildong.Hong@hongik.ac.kr"


@pytest.fixture
def hongik(db):
    school = SchoolFactory(name="홍익대학교", verification=School.Verification.REQUIRED)
    SchoolDomain.objects.create(school=school, domain="hongik.ac.kr")
    SchoolDomain.objects.create(school=school, domain="MAIL.hongik.ac.kr")  # stored lower-case
    return school


@pytest.fixture
def outsider(hongik):
    student = UserFactory(school=hongik)
    student.client = client_for(student)
    return student


def request_code(student, address=ADDRESS):
    mail.outbox.clear()
    res = student.client.post(REQUEST, {"school_email": address}, format="json")
    if res.status_code != 202:
        return res, None
    assert run_queued_tasks() == 1  # the mail's task, from the outbox
    [sent] = mail.outbox
    assert sent.to == [address.strip().lower()] and sent.subject == "[Campus] 학교 인증번호"
    return res, re.search(r"\b(\d{6})\b", sent.body).group(1)


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


def test_a_code_by_webmail_verifies_the_student(outsider):
    res, code = request_code(outsider)
    expires = parse_datetime(res.json()["expires_at"])
    assert timedelta(minutes=9, seconds=55) < expires - timezone.now() <= timedelta(minutes=10)
    res = outsider.client.post(CONFIRM, {"code": code}, format="json")
    assert res.status_code == 200, res.content
    body = res.json()
    assert body["is_verified"] is True and parse_datetime(body["verified_at"]) <= timezone.now()
    assert outsider.client.get("/api/v1/me/").json()["is_verified"] is True
    assert not VerificationCode.objects.filter(user=outsider).exists()
    assert not OutboundMail.objects.exists()  # sent, and gone


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("not an address", "올바른 이메일 주소가 아닙니다."),
        (
            "gildong@x.hongik.ac.kr",
            "홍익대학교의 학교 메일 주소가 아닙니다.",
        ),  # a subdomain is another domain
        ("gildong@hongik.ac.kr.evil.com", "홍익대학교의 학교 메일 주소가 아닙니다."),
        ("gildong@gmail.com", "홍익대학교의 학교 메일 주소가 아닙니다."),
    ],
)
def test_an_address_off_the_schools_domains_is_refused(outsider, address, message):
    res = outsider.client.post(REQUEST, {"school_email": address}, format="json")
    assert res.status_code == 400 and res.json()["school_email"][0].startswith(message)
    assert not VerificationCode.objects.exists() and not OutboundMail.objects.exists()


def test_every_domain_of_the_school_works_in_any_case(outsider):
    res, code = request_code(outsider, "GILDONG@Mail.Hongik.AC.KR")
    assert res.status_code == 202 and code


def test_five_wrong_tries_void_the_code_even_for_the_right_one(outsider):
    _, code = request_code(outsider)
    for left in (4, 3, 2, 1):
        res = outsider.client.post(CONFIRM, {"code": wrong(code)}, format="json")
        assert res.status_code == 400 and f"남은 입력 횟수 {left}번" in res.json()["code"][0]
    res = outsider.client.post(CONFIRM, {"code": wrong(code)}, format="json")
    assert res.status_code == 400 and "다시 받아 주세요" in res.json()["code"][0]
    res = outsider.client.post(CONFIRM, {"code": code}, format="json")
    assert res.status_code == 400
    outsider.refresh_from_db()
    assert outsider.verified_at is None
    _, fresh = request_code(outsider)  # a new code works again
    assert outsider.client.post(CONFIRM, {"code": fresh}, format="json").status_code == 200


def test_an_expired_code_and_a_voided_one_are_refused(outsider):
    _, first = request_code(outsider)
    _, second = request_code(outsider)  # voids the first
    if first != second:
        assert outsider.client.post(CONFIRM, {"code": first}, format="json").status_code == 400
    VerificationCode.objects.filter(user=outsider).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert outsider.client.post(CONFIRM, {"code": second}, format="json").status_code == 400
    outsider.refresh_from_db()
    assert outsider.verified_at is None


def test_a_sixth_code_in_an_hour_is_throttled(outsider):
    for _ in range(5):
        assert request_code(outsider)[0].status_code == 202
    res = outsider.client.post(REQUEST, {"school_email": ADDRESS}, format="json")
    assert res.status_code == 429 and res.json()["code"] == "throttled" and int(res["Retry-After"]) > 3000
    assert VerificationCode.objects.filter(user=outsider).count() == 5
    VerificationCode.objects.update(created_at=timezone.now() - timedelta(minutes=61))
    assert request_code(outsider)[0].status_code == 202


def test_one_address_verifies_one_active_account(outsider, hongik):
    _, code = request_code(outsider)
    assert outsider.client.post(CONFIRM, {"code": code}, format="json").status_code == 200
    second = UserFactory(school=hongik)
    second.client = client_for(second)
    res = second.client.post(REQUEST, {"school_email": ADDRESS.upper()}, format="json")
    assert res.status_code == 409 and res.json()["code"] == "email_taken"
    # Withdrawing frees the address.
    outsider.client.delete("/api/v1/me/", {"password": TEST_PASSWORD}, format="json")
    res, code = request_code(second)
    assert res.status_code == 202
    assert second.client.post(CONFIRM, {"code": code}, format="json").json()["is_verified"] is True


def test_neither_the_address_nor_the_code_is_kept(outsider, tmp_path):
    """A dump of every table after a verification holds neither (PostgreSQL: pg_dump too, in
    test_verification_privacy_pg)."""
    _, code = request_code(outsider)
    assert outsider.client.post(CONFIRM, {"code": code}, format="json").status_code == 200
    dump = tmp_path / "dump.json"
    call_command("dumpdata", output=str(dump), verbosity=0)
    text = dump.read_text().lower()
    assert "gildong" not in text and "hongik.ac.kr" in text  # the domains are there, the address not
    assert code not in text
    digest = User.objects.get(pk=outsider.pk).school_email_digest
    assert digest and len(digest) == 64 and digest in text


def test_a_verified_student_can_be_marked_by_an_operator(outsider, admin_client):
    res = admin_client.post(
        "/admin/accounts/user/", {"action": "grant_verification", "_selected_action": [outsider.pk]}
    )
    assert res.status_code == 302
    outsider.refresh_from_db()
    assert outsider.is_verified


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    not settings.IS_POSTGRES or shutil.which("pg_dump") is None,
    reason="pg_dump of the PostgreSQL test database",
)
def test_a_pg_dump_after_a_verification_names_nobody(tmp_path):
    school = SchoolFactory(name="홍익대학교", verification=School.Verification.REQUIRED)
    SchoolDomain.objects.create(school=school, domain="hongik.ac.kr")
    student = UserFactory(school=school)
    student.client = client_for(student)
    _, code = request_code(student)
    assert student.client.post(CONFIRM, {"code": code}, format="json").status_code == 200
    db = connection.settings_dict
    dump = subprocess.run(
        ["pg_dump", "--data-only", "-h", db["HOST"] or "127.0.0.1", "-p", str(db["PORT"] or 5432),
         "-U", db["USER"], db["NAME"]],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "COPY public.accounts_user" in dump and student.username in dump  # the dump is real
    assert ADDRESS.lower() not in dump.lower() and "gildong" not in dump.lower()
    assert not re.search(rf"\b{code}\b", dump)


@pytest.mark.django_db(transaction=True)
def test_two_accounts_racing_with_one_address_verify_one(hongik):
    from campus.accounts import verification
    from campus.core.errors import ApplicationError, ErrorCode
    from campus.core.tests.helpers import run_concurrently

    students = [UserFactory(school=hongik) for _ in range(2)]
    codes = {}
    for student in students:
        student.client = client_for(student)
        codes[student.pk] = request_code(student)[1]  # neither is verified yet: both may ask
    errors = run_concurrently(
        lambda student: verification.verification_confirm(
            user=User.objects.select_related("school").get(pk=student.pk), code=codes[student.pk]
        ),
        [(student,) for student in students],
    )
    assert [(type(error), error.code) for error in errors] == [(ApplicationError, ErrorCode.EMAIL_TAKEN)]
    assert User.objects.filter(verified_at__isnull=False).count() == 1


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        (REQUEST, {}, "school_email"),
        (REQUEST, {"school_email": ["a@hongik.ac.kr"]}, "school_email"),
        (REQUEST, {"school_email": "a" * 300 + "@hongik.ac.kr"}, "school_email"),
        (REQUEST, {"school_email": "a@hongik.ac.kr\u0000"}, "school_email"),
        (CONFIRM, {}, "code"),
        (CONFIRM, {"code": None}, "code"),
        (CONFIRM, {"code": "1" * 50}, "code"),
    ],
)
def test_careless_and_hostile_bodies_get_a_400_and_change_nothing(outsider, path, body, field):
    res = outsider.client.post(path, body, format="json")
    assert res.status_code == 400 and field in res.json()
    outsider.refresh_from_db()
    assert outsider.verified_at is None and not OutboundMail.objects.exists()
    assert not VerificationCode.objects.filter(wrong_tries__gt=0).exists()
