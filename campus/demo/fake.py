"""Fake students, posts, comments and likes for load tests, written with bulk inserts.

Counters (like_count, comment_count, hot_at) and anonymous aliases are computed here before
the insert, so the data obeys the same rules as content made through the API.
"""

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

TITLES = [
    "오늘 학식 뭐 나왔어?",
    "중도 자리 있나요",
    "이번 학기 꿀강 추천 좀",
    "과제 마감 연장된 거 맞아?",
    "기숙사 룸메 구해요",
    "동아리 신입 모집합니다",
    "시험 범위 아시는 분",
    "셔틀버스 시간 바뀜",
    "조모임 팀원 구합니다",
    "교양 뭐 들을지 고민",
    "졸업요건 질문",
    "근처 맛집 추천",
    "전공책 팝니다",
    "장학금 신청 기간",
    "새내기 질문 있어요",
    "축제 라인업 떴다",
]
BODIES = [
    "다들 어떻게 생각하세요? 의견 부탁드려요.",
    "혹시 아시는 분 계시면 댓글 부탁드립니다.",
    "오늘 진짜 힘들었다… 다들 화이팅",
    "정보 공유합니다. 도움이 되면 좋겠어요.",
    "처음 글 써봐요. 잘 부탁드립니다!",
    "이거 저만 그런가요? 궁금해서 올려봅니다.",
]
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
        title=rng.choice(TITLES),
        content=rng.choice(BODIES),
        is_anonymous=board.resolve_anonymity(rng.random() < 0.7),
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
            anonymous = post.board.resolve_anonymity(rng.random() < 0.8)
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
