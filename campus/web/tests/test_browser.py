"""A student's day in a real Chromium: sign up, write anonymously, comments numbered, 공감 in place,
another school's pages are 404s, nothing scrolls sideways at 375 px, nothing leaves the origin."""

import re

import pytest
from playwright.sync_api import Page, expect

from campus.accounts.models import User
from campus.accounts.services import tokens_for
from campus.accounts.tests.factories import SchoolFactory, UserFactory
from campus.boards.models import Post
from campus.boards.tests.factories import BoardFactory, PostFactory
from campus.web.tests.browsing import PASSWORD, log_in, no_sideways_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_up_through_the_form(page: Page, site):
    school = SchoolFactory(name="홍익대학교")
    page.goto(f"{site}/")
    page.get_by_role("link", name="회원가입").click()
    page.get_by_label("학교").select_option(label=school.name)
    page.get_by_label("아이디").fill("fresh_one")
    page.get_by_label("비밀번호").fill("12345678")  # refused by the password rules
    page.get_by_label("이메일").fill("fresh@example.com")
    page.get_by_label("닉네임").fill("새내기")
    page.get_by_label("입학연도").fill("2025")
    page.get_by_role("button", name="회원가입").click()
    expect(page.locator("#id_password-error")).to_contain_text("비밀번호가 전부 숫자로 되어 있습니다.")
    expect(page.get_by_label("이메일")).to_have_value("fresh@example.com")
    assert User.objects.count() == 0
    no_sideways_scroll(page)
    page.get_by_label("비밀번호").fill(PASSWORD)
    page.get_by_role("button", name="회원가입").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("홍익대학교")
    assert User.objects.get().username == "fresh_one"


def test_anonymous_post_numbered_comments_and_no_trace_in_the_source(page: Page, site):
    board = BoardFactory(name="자유게시판")
    writer, first, third = (UserFactory(school=board.school) for _ in range(3))
    log_in(page, site, writer)
    page.goto(f"{site}/boards/{board.id}/")
    page.get_by_label("제목").fill("익명으로 묻는 글")
    page.get_by_label("내용").fill("아무도 모르게 물어봅니다")
    expect(page.get_by_label("익명")).to_be_checked()
    page.get_by_role("button", name="작성").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("익명으로 묻는 글")
    post = Post.objects.get()
    assert post.is_anonymous

    for person, text in ((first, "첫 댓글"), (writer, "글쓴이 답")):
        log_in(page, site, person)
        page.goto(f"{site}/posts/{post.id}/")
        page.get_by_label("댓글", exact=True).fill(text)
        page.get_by_role("button", name="등록").last.click()
        expect(page.get_by_text(text)).to_be_visible()

    log_in(page, site, third)
    page.goto(f"{site}/posts/{post.id}/")
    expect(page.locator("strong.label")).to_have_text(["익명1", "익명(글쓴이)"])
    source = page.content()
    for person in (writer, first):
        for trace in (person.username, person.nickname, str(person.id), person.id.hex):
            assert trace not in source
    no_sideways_scroll(page)


def test_like_updates_in_place_and_the_api_agrees(page: Page, site):
    post = PostFactory(title="공감할 글")
    fan = UserFactory(school=post.school)
    log_in(page, site, fan)
    page.goto(f"{site}/posts/{post.id}/")
    page.evaluate("window.notReloaded = true")
    like = page.get_by_role("button", name=re.compile("공감"))
    expect(like.first).to_have_attribute("aria-pressed", "false")
    like.first.click()
    expect(page.get_by_role("button", name=re.compile("공감 1"))).to_have_attribute("aria-pressed", "true")
    assert page.evaluate("window.notReloaded") is True  # swapped in place, no reload
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens_for(fan)['access']}")
    body = client.get(f"/api/v1/posts/{post.id}/").json()
    assert (body["like_count"], body["is_liked"]) == (1, True)

    log_in(page, site, post.author)
    page.goto(f"{site}/posts/{post.id}/")
    page.get_by_role("button", name=re.compile("공감")).first.click()
    expect(page.get_by_role("alert")).to_have_text("자신의 글에는 공감할 수 없습니다.")


def test_another_schools_board_and_post_are_404_pages(page: Page, site):
    me = UserFactory(password=PASSWORD)
    foreign = PostFactory(board=BoardFactory(school=SchoolFactory()))
    log_in(page, site, me)
    for url in (f"/boards/{foreign.board_id}/", f"/posts/{foreign.id}/"):
        response = page.goto(f"{site}{url}")
        assert response.status == 404
        expect(page.get_by_role("heading", level=1)).to_have_text("페이지를 찾을 수 없습니다")


def test_the_policy_refuses_an_inline_script_in_chromium(page, live_server):
    """What the `site` fixture listens for is real: Chromium enforces the Content-Security-Policy
    and says so on the console."""
    refused = []
    page.on("console", lambda message: refused.append(message.text))
    page.goto(f"{live_server.url}/login/")
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.injected = 1';"
        " document.head.appendChild(s); }"
    )
    assert page.evaluate("window.injected") is None
    assert any("Content Security Policy" in text for text in refused)


def test_opening_a_notification_reads_it_by_a_post_and_lands_on_its_target(page: Page, site):
    from campus.notifications.models import Notification

    me = UserFactory()
    post = PostFactory(board=BoardFactory(school=me.school), author=me, title="내 글")
    notice = Notification.objects.create(
        recipient=me, kind="comment", message="내 글에 새 댓글이 달렸어요", target={"post": post.id}
    )
    log_in(page, site, me)
    page.goto(f"{site}/notifications/")
    page.get_by_role("link", name="내 글에 새 댓글이 달렸어요").click()
    expect(page).to_have_url(f"{site}/posts/{post.id}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("내 글")
    notice.refresh_from_db()
    assert notice.read_at is not None
