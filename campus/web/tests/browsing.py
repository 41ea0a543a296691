"""What the browser tests share: logging in through the form, and the page-width check."""

from playwright.sync_api import Page, expect

from campus.accounts.tests.factories import TEST_PASSWORD

PASSWORD = TEST_PASSWORD


def log_in(page: Page, site: str, person, password: str = PASSWORD) -> None:
    page.context.clear_cookies()
    page.goto(f"{site}/login/")
    page.get_by_label("아이디").fill(person.username)
    page.get_by_label("비밀번호").fill(password)
    page.get_by_role("button", name="로그인").click()
    expect(page.get_by_role("button", name="로그아웃")).to_be_visible()
    assert "/login/" not in page.url


def no_sideways_scroll(page: Page) -> None:
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"{page.url} is {width[0]} px wide in a {width[1]} px window"
