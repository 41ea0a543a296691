"""`seed_demo --community` (what `make run` does): a lived-in school made through the services,
once, with a login that works; plain `seed_demo` stays without users."""

import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from campus.accounts.models import User
from campus.boards.models import Comment, Post
from campus.demo.community import LOGIN
from campus.demo.fake import DEMO_PASSWORD
from campus.timetables.models import Friendship, GradeEntry, Timetable

pytestmark = pytest.mark.django_db


def test_plain_seed_demo_has_no_users():
    call_command("seed_demo", stdout=io.StringIO())
    assert not User.objects.exists()


def test_community_once_with_a_working_login(client):
    out = io.StringIO()
    call_command("seed_demo", "--community", stdout=out)
    assert f"아이디 {LOGIN} / 비밀번호 {DEMO_PASSWORD}" in out.getvalue()
    me = User.objects.get(username=LOGIN)
    school_users = User.objects.filter(school=me.school)
    assert school_users.count() == 11 and not User.objects.exclude(school=me.school).exists()
    assert not school_users.filter(verified_at__isnull=True).exists()  # the demo students are verified
    posts = Post.objects.filter(school=me.school)
    assert posts.count() == 40
    assert posts.filter(like_count__gte=settings.HOT_LIKE_THRESHOLD, hot_at__isnull=False).count() >= 1
    for post in posts:  # counters are what the services keep
        assert post.comment_count == Comment.objects.filter(post=post, is_deleted=False).count()
        assert post.like_count == post.likes.count()
    for post in posts:  # 익명1, 익명2 … by first comment, the same number again for the same person
        numbers: dict = {}
        for c in (
            Comment.objects.filter(post=post, is_anonymous=True).exclude(author=post.author).order_by("id")
        ):
            assert c.anonymous_number == numbers.setdefault(c.author_id, len(numbers) + 1)
    assert Comment.objects.filter(post__title="휴학할까 고민됩니다", is_anonymous=True).count() == 3
    assert Timetable.objects.get(user=me, is_primary=True).lectures.count() == 4
    assert Friendship.objects.filter(to_user=me, accepted_at__isnull=False).count() == 1
    assert GradeEntry.objects.filter(user=me).count() == 6
    assert client.login(username=LOGIN, password=DEMO_PASSWORD)

    again = io.StringIO()
    call_command("seed_demo", "--community", stdout=again)
    assert "already there" in again.getvalue()
    assert Post.objects.count() == 40 and User.objects.count() == 11


@pytest.mark.django_db(transaction=True)  # ANALYZE counts committed rows, as after a real run
def test_bulk_seeding_leaves_planner_statistics_fresh():
    call_command("seed_demo", "--users", "8", "--posts", "60", stdout=io.StringIO())  # 2 per school
    assert User.objects.count() == 8 and not User.objects.filter(verified_at__isnull=True).exists()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'boards_post'")
            assert cursor.fetchone()[0] == 60  # -1 (never analyzed) without the ANALYZE
        else:
            cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = 'boards_post'")
            rows = cursor.fetchall()  # one per index, each starting with the table's row count
            assert rows and {row[0].split()[0] for row in rows} == {"60"}
