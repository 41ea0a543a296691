"""Fake students, posts, comments and likes for load tests, written with bulk inserts.

Counters (like_count, comment_count, hot_at) and anonymous aliases are computed here before
the insert, so the data obeys the same rules as content made through the API.
"""

import itertools
import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from tqdm import tqdm

from campus.accounts.models import School, User
from campus.boards.models import Board, Comment, Post, PostAnonymousAlias, PostLike

DEMO_PASSWORD = "campus-demo-1234"
BATCH = 2000

# Words of student talk, most common first: fake text draws them with a Zipf-like skew, so that
# search at scale meets what it meets in a real school (수업 in many posts, 족보 in few, some
# words in none) instead of a handful of fixed sentences.
_VOCABULARY = (
    "오늘 진짜 수업 과제 시험 교수님 혹시 다들 내일 학식 너무 그냥 근데 ㅋㅋ 강의 질문 "
    "도서관 기숙사 중간고사 기말고사 출석 레포트 팀플 조모임 동아리 알바 학점 전공 교양 "
    "수강신청 시간표 발표 선배 후배 새내기 셔틀 축제 맛집 카페 편의점 장학금 졸업 취업 "
    "ㅠㅠ 인턴 토익 스터디 실험 보고서 휴학 복학 군대 면접 자격증 공강 정문 후문 열람실 "
    "중도 학생회 MT OT 과탑 재수강 계절학기 성적 이의신청 출튀 대면 비대면 녹강 퀴즈 "
    "A+ F 2024 3시 10분 python java C++ 족보 교환학생 기숙사비 등록금 분실물 우산 자전거 "
    "노트북 충전기 프린트 복사 택배 헬스장 야식 치킨 떡볶이 라면 커피 점심 저녁 "
    "시험기간 밤샘 벼락치기 꿀강 빡센 널널한 추천 비추 후기 정보 공유 부탁 감사 화이팅"
)
WORDS = _VOCABULARY.split()
PARTICLES = ["", "", "", "을", "를", "이", "가", "은", "는", "에", "에서", "도", "만", "이랑"]
ENDINGS = ["", "", ".", "?", "!", "…", " ㅋㅋ", " ㅠㅠ", "요", "네요", "ㅋㅋㅋ"]


_WEIGHTS = list(itertools.accumulate(1 / (rank + 1) ** 1.3 for rank in range(len(WORDS))))


def fake_text(rng: random.Random, words: int) -> str:
    """`words` words of student talk, each a vocabulary word (Zipf-like: the first words of
    WORDS are the most common) with a particle and now and then an ending."""
    picked = rng.choices(WORDS, cum_weights=_WEIGHTS, k=words)
    return " ".join(
        word + rng.choice(PARTICLES) + (rng.choice(ENDINGS) if rng.random() < 0.2 else "") for word in picked
    )


COMMENTS = [
    "ㅋㅋㅋㅋ 공감",
    "저도 궁금해요",
    "정보 감사합니다!",
    "헐 몰랐어요",
    "화이팅입니다",
    "쪽지 드릴게요",
]


def _bulk(model, rows: list, progress: tqdm | None = None) -> None:
    for start in range(0, len(rows), BATCH):
        model.objects.bulk_create(rows[start : start + BATCH])
        if progress is not None:
            progress.update(len(rows[start : start + BATCH]))


@transaction.atomic
def fake_users(*, schools: list[School], count: int, seed: int = 0) -> list[User]:
    rng = random.Random(seed)
    password = make_password(DEMO_PASSWORD)  # one hash for all: Argon2 costs ~0.3 s each
    start = User.objects.filter(username__startswith="demo").count()
    users = [
        User(
            username=f"demo{start + i:06d}",
            email=f"demo{start + i:06d}@example.com",
            nickname=f"학생{start + i:06d}",
            admission_year=rng.randint(2019, timezone.localdate().year),
            school=schools[i % len(schools)],
            password=password,
            verified_at=timezone.now(),  # load tests read the community, which needs 학교 인증
        )
        for i in range(count)
    ]
    with tqdm(total=count, desc="users", unit="row") as progress:
        _bulk(User, users, progress)
    return users


CHUNK = 10_000  # posts planned and written at a time: memory stays flat at any --posts


@transaction.atomic
def fake_posts(*, count: int, seed: int = 0) -> int:
    """`count` posts spread over every school's boards by that school's demo students, written
    in chunks of CHUNK (posts, then their likes, comments and aliases) so that a million posts
    never sit in memory at once."""
    rng = random.Random(seed)
    boards_by_school: dict[int, list[Board]] = {}
    for board in Board.objects.filter(is_deleted=False):
        boards_by_school.setdefault(board.school_id, []).append(board)
    users_by_school: dict[int, list[User]] = {}
    for user in User.objects.filter(is_active=True).only("id", "school_id"):
        users_by_school.setdefault(user.school_id, []).append(user)
    schools = [s for s in boards_by_school if len(users_by_school.get(s, [])) >= 2]
    if not schools or count <= 0:
        return 0
    world = _World(boards_by_school, users_by_school, schools, timezone.now(), count)
    with tqdm(total=count, desc="posts", unit="post") as progress:
        for first in range(0, count, CHUNK):
            size = min(CHUNK, count - first)
            posts = [_fake_post(rng, world, index) for index in range(first, first + size)]
            _write_chunk(rng, posts, users_by_school)
            progress.update(size)
    return count


@dataclass(frozen=True)
class _World:
    boards_by_school: dict[int, list[Board]]
    users_by_school: dict[int, list[User]]
    schools: list[int]
    now: datetime
    count: int


def _fake_post(rng: random.Random, world: _World, index: int) -> Post:
    """The index-th of `world.count` posts, one every 3 minutes up to now, schools in turn."""
    school_id = world.schools[index % len(world.schools)]
    board = rng.choice(world.boards_by_school[school_id])
    created = world.now - timedelta(minutes=(world.count - index) * 3)
    return Post(
        school_id=school_id,
        board=board,
        author=rng.choice(world.users_by_school[school_id]),
        title=fake_text(rng, rng.randint(2, 6))[: settings.POST_TITLE_MAX_LENGTH],
        content=fake_text(rng, rng.randint(4, 40)),
        is_anonymous=board.policy.resolve(rng.random() < 0.7),
        created_at=created,
        updated_at=created,
    )


def _write_chunk(rng: random.Random, posts: list[Post], users_by_school: dict[int, list[User]]) -> None:
    # Decide likes and comments first, so that posts go in with their counters already right.
    plans = []
    for post in posts:
        pool = users_by_school[post.school_id]
        wanted = min(len(pool), int(rng.paretovariate(1.6)))
        likers = [u for u in rng.sample(pool, wanted) if u.id != post.author_id]
        post.like_count = len(likers)
        if post.like_count >= settings.HOT_LIKE_THRESHOLD:
            post.hot_at = post.created_at + timedelta(hours=1)
        numbers: dict = {}
        planned_comments = []
        for _ in range(rng.choice([0, 0, 1, 2, 3])):
            commenter = rng.choice(pool)
            anonymous = post.board.policy.resolve(rng.random() < 0.8)
            number = None
            if post.numbers_commenter(author_id=commenter.id, anonymous=anonymous):
                number = numbers.setdefault(commenter.id, len(numbers) + 1)
            planned_comments.append((commenter, anonymous, number))
        post.comment_count = len(planned_comments)
        post.anonymous_commenters = len(numbers)
        plans.append((likers, planned_comments, numbers))
    _bulk(Post, posts)
    likes: list[PostLike] = []
    comments: list[Comment] = []
    aliases: list[PostAnonymousAlias] = []
    for post, (likers, planned_comments, numbers) in zip(posts, plans, strict=True):
        likes.extend(PostLike(post=post, user=user) for user in likers)
        comments.extend(
            Comment(
                post=post, author=author, content=rng.choice(COMMENTS), is_anonymous=anon, anonymous_number=n
            )
            for author, anon, n in planned_comments
        )
        aliases.extend(PostAnonymousAlias(post=post, user_id=uid, number=n) for uid, n in numbers.items())
    _bulk(PostLike, likes)
    _bulk(Comment, comments)
    _bulk(PostAnonymousAlias, aliases)
