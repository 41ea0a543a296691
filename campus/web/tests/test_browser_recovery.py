"""학교 인증 and account recovery in a real Chromium: the pages of WEB.md, "Verification and
recovery", with the mails read from the outbox after the worker's tasks ran."""

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from campus.accounts.models import School, SchoolDomain
from campus.accounts.tests.factories import SchoolFactory, UserFactory
from campus.boards.tests.factories import BoardFactory
from campus.core.tests.helpers import run_queued_tasks
from campus.web.tests.browsing import log_in, no_sideways_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SAME_MESSAGE = "요청을 받았습니다. 그 이메일로 가입한 계정이 있으면 메일을 보냈습니다."


def mails_sent() -> list:
    mail.outbox.clear()
    while run_queued_tasks():
        pass
    return list(mail.outbox)


def test_an_outsider_verifies_by_webmail_and_then_reads_the_school(page: Page, site):
    school = SchoolFactory(name="홍익대학교", verification=School.Verification.REQUIRED)
    SchoolDomain.objects.create(school=school, domain="hongik.ac.kr")
    BoardFactory(school=school, name="자유게시판")
    student = UserFactory(school=school)
    log_in(page, site, student)
    assert page.url == f"{site}/verify/"  # the home page sent them here
    expect(page.get_by_role("heading", name="학교 인증")).to_be_visible()
    expect(page.get_by_text("@hongik.ac.kr")).to_be_visible()
    page.goto(f"{site}/search/?q=아무거나")
    assert page.url == f"{site}/verify/"
    page.get_by_label("학교 이메일").fill("gildong@x.hongik.ac.kr")
    page.get_by_role("button", name="인증번호 받기").click()
    expect(page.get_by_text("홍익대학교의 학교 메일 주소가 아닙니다.")).to_be_visible()
    page.get_by_label("학교 이메일").fill("gildong@hongik.ac.kr")
    page.get_by_role("button", name="인증번호 받기").click()
    expect(page.get_by_text("인증번호를 메일로 보냈습니다.")).to_be_visible()
    no_sideways_scroll(page)
    [sent] = mails_sent()
    code = re.search(r"\b(\d{6})\b", sent.body).group(1)
    page.get_by_label("인증번호").fill("000000" if code != "000000" else "111111")
    page.get_by_role("button", name="인증하기").click()
    expect(page.get_by_text("남은 입력 횟수 4번")).to_be_visible()
    page.get_by_label("인증번호").fill(code)
    page.get_by_role("button", name="인증하기").click()
    expect(page.get_by_text("학교 인증을 마쳤습니다.")).to_be_visible()
    assert page.url == f"{site}/"
    expect(page.get_by_role("link", name="자유게시판").first).to_be_visible()
    page.goto(f"{site}/me/")
    expect(page.get_by_text("인증됨")).to_be_visible()


def test_a_forgotten_password_is_reset_by_the_mailed_link(page: Page, site):
    student = UserFactory(school=SchoolFactory(name="서강대학교"), email="me@example.com")
    page.goto(f"{site}/login/")
    page.get_by_role("link", name="비밀번호 찾기").click()
    assert page.url == f"{site}/password-reset/"
    for address in ("nobody@example.com", "ME@example.com"):  # the same answer either way
        page.get_by_label("이메일").fill(address)
        page.get_by_role("button", name="재설정 메일 보내기").click()
        expect(page.get_by_text(SAME_MESSAGE)).to_be_visible()
    [sent] = mails_sent()
    assert sent.to == ["me@example.com"]
    link = re.search(r"http://127\.0\.0\.1:8000(/password-reset/\S+/)", sent.body).group(1)
    page.goto(site + link)
    page.get_by_label("새 비밀번호", exact=True).fill("a-Fresh-pass-2026")
    page.get_by_label("새 비밀번호 확인").fill("a-Different-one-2026")
    page.get_by_role("button", name="비밀번호 변경").click()
    expect(page.get_by_text("새 비밀번호가 서로 다릅니다.")).to_be_visible()
    page.get_by_label("새 비밀번호", exact=True).fill("a-Fresh-pass-2026")
    page.get_by_label("새 비밀번호 확인").fill("a-Fresh-pass-2026")
    page.get_by_role("button", name="비밀번호 변경").click()
    assert page.url == f"{site}/login/"
    expect(page.get_by_text("비밀번호를 바꿨습니다.")).to_be_visible()
    log_in(page, site, student, password="a-Fresh-pass-2026")
    page.goto(site + link)  # used once already
    expect(page.get_by_role("alert")).to_contain_text("이미 사용되었습니다")
    page.get_by_role("link", name="비밀번호 찾기 다시 요청하기").click()
    assert page.url == f"{site}/password-reset/"


def test_a_forgotten_username_is_mailed(page: Page, site):
    student = UserFactory(school=SchoolFactory(name="연세대학교"), email="who@example.com")
    page.goto(f"{site}/login/")
    page.get_by_role("link", name="아이디 찾기").click()
    page.get_by_label("이메일").fill("who@example.com")
    page.get_by_role("button", name="아이디 찾기").click()
    expect(page.get_by_text(SAME_MESSAGE)).to_be_visible()
    [sent] = mails_sent()
    assert sent.to == ["who@example.com"] and student.username in sent.body
