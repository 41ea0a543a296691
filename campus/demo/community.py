"""A small, lived-in community for a newcomer's first `make run`: one school's students, a few
dozen posts with anonymous and named comments, likes enough for a HOT post, a timetable, a
friend and some grades, all written through the services so every rule holds (anonymous
numbering, counters, notifications). Idempotent: it does nothing once the demo login exists.
"""

import random
from contextlib import suppress
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from campus.accounts.models import School, User
from campus.boards import services as boards
from campus.boards.models import Board
from campus.demo.fake import DEMO_PASSWORD
from campus.timetables.models import Friendship, GradeEntry, Lecture, Semester, regular_term_of
from campus.timetables.services import timetables

LOGIN = "campus"
STUDENTS = [
    "코딩하는곰",
    "중도지박령",
    "학식탐방러",
    "새벽세시",
    "과탑각",
    "휴학고민중",
    "동아리장",
    "기숙사생",
    "복학생",
    "막학기",
]
# (board, title, content, anonymous, question, comments as (student index, text, anonymous))
POSTS = [
    (
        "자유게시판",
        "오늘 학식 뭐 나왔어?",
        "제2학생회관 돈까스 나왔다는데 진짜임?",
        True,
        False,
        [(1, "진짜임 방금 먹고 옴 ㅋㅋ", True), (2, "줄 엄청 길어요", True), (0, "ㅇㅇ 맛있었음", True)],
    ),
    (
        "자유게시판",
        "중도 3층 자리 있나요",
        "시험기간이라 자리가 하나도 없네요…",
        True,
        True,
        [(3, "4층은 좀 남아 있어요", True), (4, "새벽엔 널널함", False)],
    ),
    (
        "비밀게시판",
        "휴학할까 고민됩니다",
        "요즘 전공이 너무 안 맞는 것 같아요. 휴학해 보신 분 계신가요?",
        True,
        False,
        [
            (5, "저 휴학했었는데 잘한 선택이었어요", True),
            (0, "한 학기만 쉬어도 많이 달라져요", True),
            (5, "고민 많이 해 보세요. 응원합니다", True),
        ],
    ),
    (
        "정보게시판",
        "수강신청 꿀팁 정리",
        "1. 서버 시간 확인\n2. 장바구니 미리 담기\n3. 새로고침은 적당히",
        False,
        False,
        [(6, "정리 감사합니다!", True), (7, "스크랩해 갑니다", True)],
    ),
    (
        "새내기게시판",
        "새내기인데 동아리 추천해 주세요",
        "밴드나 등산 동아리 궁금해요",
        True,
        True,
        [(6, "밴드 동아리 신입 모집 중이에요! 쪽지 주세요", False)],
    ),
    ("자유게시판", "셔틀버스 시간 바뀐 거 아셨어요?", "다음 주부터 8시 40분 첫차라네요", False, False, []),
    (
        "홍보게시판",
        "프로그래밍 스터디원 모집",
        "매주 목요일 저녁 7시, 알고리즘 스터디 함께해요",
        False,
        False,
        [(0, "저 관심 있어요!", False)],
    ),
    (
        "자유게시판",
        "시험 범위 아시는 분",
        "자료구조 중간고사 범위 공지 났나요?",
        True,
        True,
        [(4, "트리까지래요", True), (8, "힙도 포함이라던데", True)],
    ),
    (
        "졸업생게시판",
        "취업 준비 어떻게 하셨어요?",
        "막학기인데 막막하네요",
        True,
        False,
        [(9, "인턴부터 해 보세요", False)],
    ),
    (
        "비밀게시판",
        "룸메이트랑 안 맞아요",
        "새벽에 통화를 너무 크게 해요 ㅠㅠ",
        True,
        False,
        [(7, "기숙사 행정실에 방 바꿀 수 있는지 물어보세요", True)],
    ),
]
EXTRA_TITLES = [
    "오늘 날씨 너무 좋다",
    "과제 마감 연장됐대요",
    "근처 카페 추천",
    "전공책 팝니다",
    "축제 라인업 떴다",
    "교양 뭐 들을지 고민",
    "장학금 신청 기간",
    "조모임 팀원 구합니다",
    "도서관 휴관일 확인하세요",
    "운동 같이 하실 분",
    "학교 앞 분식집 폐업했대",
    "졸업요건 질문",
]
HOT_TITLE = "오늘 학식 뭐 나왔어?"


@dataclass(frozen=True)
class Community:
    username: str
    password: str
    school: str
    posts: int


def _students(school: School) -> list[User]:
    password = make_password(DEMO_PASSWORD)  # one hash for all
    year = timezone.localdate().year
    people = [
        User(username=f"student{n + 1:02d}", email=f"student{n + 1:02d}@example.com", nickname=nickname,
             admission_year=year - n % 4, school=school, password=password, verified_at=timezone.now())
        for n, nickname in enumerate(STUDENTS)
    ]  # fmt: skip
    User.objects.bulk_create(people)
    return list(User.objects.filter(username__in=[p.username for p in people]).order_by("username"))


def _timetable(me: User, friend: User, school: School) -> None:
    """A primary timetable with three lectures that do not clash, and the friend's too."""
    year, term = regular_term_of(timezone.localdate())
    semester = Semester.objects.filter(year=year, term=term).first() or Semester.objects.first()
    if semester is None:
        return
    for person in (me, friend):
        table = timetables.timetable_primary_ensure(user=person, semester=semester)
        added = 0
        catalog = Lecture.objects.filter(school=school, semester=semester).order_by("id")
        for lecture in catalog.prefetch_related("times"):
            try:
                timetables.timetable_lecture_add(timetable=table, lecture=lecture)
            except timetables.TimetableClash:
                continue
            added += 1
            if added == (4 if person == me else 3):
                break
    table = timetables.timetable_primary_ensure(user=me, semester=semester)
    with suppress(timetables.TimetableClash):  # a Friday-evening lecture in the way: fine without
        timetables.timetable_event_add(
            timetable=table, title="알바", day=4, start=1080, end=1260, place="편의점"
        )


def _grades(me: User) -> None:
    year = timezone.localdate().year
    rows = [
        (year - 1, "1", "대학글쓰기", 3, "A0", False), (year - 1, "1", "미적분학", 3, "B+", True),
        (year - 1, "1", "자료구조", 3, "A+", True), (year - 1, "2", "알고리즘", 3, "B0", True),
        (year - 1, "2", "경제원론", 3, "A+", False), (year - 1, "2", "체육", 1, "P", False),
    ]  # fmt: skip
    GradeEntry.objects.bulk_create(
        GradeEntry(user=me, year=y, term=t, course_name=n, credits=c, grade=g, is_major=m)
        for y, t, n, c, g, m in rows
    )


@transaction.atomic
def seed_community(*, school: School, seed: int = 0) -> Community | None:
    """The community at `school`, or None if it is already there."""
    if User.objects.filter(username=LOGIN).exists():
        return None
    rng = random.Random(seed)
    boards_by_name = {b.name: b for b in Board.objects.filter(school=school, is_deleted=False)}
    students = _students(school)
    me = User.objects.create_user(
        username=LOGIN, password=DEMO_PASSWORD, email="campus@example.com", nickname="새내기",
        admission_year=timezone.localdate().year, school=school, verified_at=timezone.now(),
    )  # fmt: skip
    people = [me, *students]
    made = 0
    for board_name, title, content, anonymous, question, comments in POSTS:
        author = rng.choice(students)
        board = boards_by_name[board_name]
        post = boards.post_create(
            board=board,
            author=author,
            title=title,
            content=content,
            is_anonymous=anonymous,
            is_question=question,
        )
        made += 1
        for index, text, comment_anonymous in comments:
            boards.comment_create(
                post=post, author=students[index], content=text, is_anonymous=comment_anonymous
            )
        likers = people if title == HOT_TITLE else rng.sample(people, rng.randint(0, 4))
        for liker in likers:
            if liker != author:
                boards.post_like(post=post, user=liker)
    for n in range(30):
        board = boards_by_name[
            rng.choice(["자유게시판", "자유게시판", "비밀게시판", "정보게시판", "새내기게시판"])
        ]
        post = boards.post_create(
            board=board,
            author=rng.choice(people),
            title=EXTRA_TITLES[n % len(EXTRA_TITLES)],
            content="다들 어떻게 생각하세요? 의견 부탁드려요.",
            is_anonymous=rng.random() < 0.7,
        )
        made += 1
        for _ in range(rng.choice([0, 1, 1, 2])):
            reply = rng.choice(["공감합니다", "ㅋㅋㅋ", "정보 감사해요"])
            boards.comment_create(
                post=post, author=rng.choice(people), content=reply, is_anonymous=rng.random() < 0.8
            )
    # A friend of the demo login, so the friends page and 공강 찾기 have someone.
    Friendship.objects.create(from_user=students[0], to_user=me, accepted_at=timezone.now())
    Friendship.objects.create(from_user=students[1], to_user=me)  # a request waiting for 수락
    _timetable(me, students[0], school)
    _grades(me)
    return Community(username=LOGIN, password=DEMO_PASSWORD, school=school.name, posts=made)
