"""The rest of a student's week in a real Chromium: a timetable built from the catalog (the grid,
a clash that changes nothing), 학점계산기, a 쪽지 from an anonymous post, and every page at
375 px without sideways scrolling and without serious or critical axe violations."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, expect

from campus.accounts.models import User
from campus.accounts.tests.factories import UserFactory
from campus.boards.models import Post
from campus.boards.tests.factories import PostFactory
from campus.demo.community import LOGIN
from campus.demo.fake import DEMO_PASSWORD
from campus.messaging.models import Conversation
from campus.timetables.models import Lecture, Timetable, regular_term_of
from campus.timetables.tests.factories import LectureFactory, SemesterFactory
from campus.web.tests.browsing import log_in, no_sideways_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def this_semester():
    year, term = regular_term_of(timezone.localdate())
    return SemesterFactory(year=year, term=term)


def box(locator) -> dict:
    found = locator.bounding_box()
    assert found is not None
    return found


def test_timetable_search_add_clash_and_the_grid(page: Page, site):
    me = UserFactory()
    semester = this_semester()
    data_structures = LectureFactory(
        school=me.school,
        semester=semester,
        name="자료구조",
        slots=[(0, "09:00", "10:15"), (2, "09:00", "10:15")],
    )
    LectureFactory(school=me.school, semester=semester, name="운영체제", slots=[(0, "10:00", "11:15")])
    log_in(page, site, me)
    page.get_by_role("link", name="시간표").click()
    expect(page.locator(".tt-day")).to_have_text(["월", "화", "수", "목", "금"])
    # Both forms have a "요일", each its own field: the search filter first, the event's second.
    expect(page.get_by_role("combobox", name="요일", exact=True)).to_have_count(2)

    page.get_by_label("강의 검색").fill("자료구조")
    page.get_by_role("button", name="검색").click()
    results = page.locator("#results li")
    expect(results).to_have_count(1)
    expect(results.first).to_contain_text("자료구조")
    page.evaluate("window.notReloaded = true")
    results.get_by_role("button", name="추가").click()
    blocks = page.locator(".tt-block")
    expect(blocks).to_have_count(2)
    expect(page.locator(".total")).to_have_text("총 3학점")
    assert page.evaluate("window.notReloaded") is True  # added in place

    # Monday 09:00–10:15: from the 09 line, a hour and a quarter tall, in the Monday column.
    monday, nine, ten = (
        box(blocks.first),
        box(page.locator(".tt-hour").nth(0)),
        box(page.locator(".tt-hour").nth(1)),
    )
    hour = ten["y"] - nine["y"]
    assert abs(monday["y"] - nine["y"]) <= 2 and abs(monday["height"] - 1.25 * hour) <= 3
    assert abs(monday["x"] - box(page.locator(".tt-day").first)["x"]) <= 4
    assert (
        blocks.first.evaluate("b => getComputedStyle(b).gridRowStart + '/' + getComputedStyle(b).gridRowEnd")
        == "2/17"
    )
    expect(blocks.first).to_contain_text("자료구조")
    expect(blocks.first).to_contain_text("T101")

    page.get_by_label("강의 검색").fill("운영체제")
    page.get_by_role("button", name="검색").click()
    expect(results.first).to_contain_text("운영체제")  # the new results, not the ones before
    results.get_by_role("button", name="추가").click()
    expect(page.get_by_role("alert")).to_contain_text("자료구조 (월 09:00–10:15)")
    expect(blocks).to_have_count(2)
    timetable = Timetable.objects.get(user=me)
    assert list(timetable.lectures.all()) == [data_structures]
    no_sideways_scroll(page)

    blocks.first.get_by_role("button", name="삭제").click()
    expect(blocks).to_have_count(0)
    expect(page.locator(".total")).to_have_text("총 0학점")
    assert not timetable.lectures.exists()


def test_calculator_a_plus_and_b_zero(page: Page, site):
    me = UserFactory()
    log_in(page, site, me)
    page.get_by_role("link", name="학점계산기").click()
    for name, grade in (("자료구조", "A+"), ("글쓰기", "B0")):
        page.get_by_label("과목명").fill(name)
        page.get_by_label("학점", exact=True).fill("3")
        page.get_by_label("성적").select_option(grade)
        page.get_by_role("button", name="추가").click()
        expect(page.get_by_role("cell", name=name, exact=True)).to_be_visible()
    expect(page.locator("#gpa")).to_contain_text("3.75")
    expect(page.locator("#credits")).to_contain_text("6")
    expect(page.locator("svg.chart circle")).to_have_count(1)
    no_sideways_scroll(page)


def test_message_from_an_anonymous_post_is_anonymous_on_both_sides(page: Page, site):
    post = PostFactory(title="익명 질문", is_anonymous=True)
    writer = User.objects.get(pk=post.author_id)
    asker = UserFactory(school=post.school)
    log_in(page, site, asker)
    page.goto(f"{site}/posts/{post.id}/")
    page.get_by_role("main").get_by_role("button", name="쪽지").first.click()
    page.get_by_label("내용").fill("혹시 그 수업 들으셨어요?")
    page.get_by_role("button", name="보내기").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("익명")
    assert writer.nickname not in page.content() and writer.username not in page.content()
    conversation = Conversation.objects.get()

    log_in(page, site, writer)
    page.get_by_role("link", name="쪽지").click()
    expect(page.locator(".post-title").first).to_contain_text("익명")
    page.goto(f"{site}/messages/{conversation.id}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("익명")
    expect(page.locator(".bubble .who")).to_have_text(["익명"])
    source = page.content()
    for trace in (asker.nickname, asker.username, str(asker.id), asker.id.hex):
        assert trace not in source


def test_every_page_fits_a_phone_and_passes_axe(page: Page, site):
    call_command("seed_demo", "--community", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    me = User.objects.get(username=LOGIN)
    friend = User.objects.filter(school=me.school).exclude(pk=me.pk).order_by("username").first()
    post = Post.objects.filter(school=me.school, is_anonymous=True, comment_count__gt=0).first()
    lecture = Lecture.objects.filter(school=me.school).order_by("id").first()
    mine = Post.objects.filter(author=me).first()
    pages = ["/", "/login/", "/signup/"]
    axe = Axe()
    problems = []

    def check(url: str) -> None:
        response = page.goto(f"{site}{url}")
        assert response.status == 200, url
        no_sideways_scroll(page)
        ids = page.evaluate("[...document.querySelectorAll('[id]')].map(e => e.id)")
        if len(ids) != len(set(ids)):  # a label would name the wrong field
            problems.append((url, "duplicate ids", sorted({i for i in ids if ids.count(i) > 1})))
        for violation in axe.run(page).response["violations"]:
            if violation["impact"] in ("serious", "critical"):
                problems.append((url, violation["id"], [n["target"] for n in violation["nodes"]][:3]))

    page.context.clear_cookies()
    for url in pages:
        check(url)
    log_in(page, site, me, password=DEMO_PASSWORD)
    page.goto(f"{site}/posts/{post.id}/")
    page.get_by_role("main").get_by_role("button", name="쪽지").first.click()
    page.get_by_label("내용").fill("안녕하세요")
    page.get_by_role("button", name="보내기").click()
    conversation = Conversation.objects.get()
    for url in [
        "/", f"/boards/{post.board_id}/", f"/posts/{post.id}/", f"/posts/{mine.id}/edit/",
        "/search/?q=학식", "/messages/", f"/messages/{conversation.id}/", "/notifications/", "/timetable/",
        "/timetable/?q=자료구조", "/lectures/?q=자료", f"/lectures/{lecture.id}/", "/friends/",
        f"/friends/{friend.id}/timetable/", f"/friends/free-time/?users={friend.id}", "/calculator/", "/me/",
        "/me/posts/", "/me/comments/", "/me/scraps/",
    ]:  # fmt: skip
        check(url)
    assert problems == []
