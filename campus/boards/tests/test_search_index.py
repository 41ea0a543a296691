import pytest
from django.db import connection

from campus.boards.models import Post
from campus.boards.selectors import post_search
from campus.boards.tests.factories import PostFactory

pytestmark = pytest.mark.django_db


def _index_names() -> set[str]:
    with connection.cursor() as cursor:
        return set(connection.introspection.get_constraints(cursor, Post._meta.db_table))


def test_trigram_indexes_exist_only_on_postgresql():
    names = _index_names()
    trigram = {"post_title_trgm_idx", "post_content_trgm_idx"}
    if connection.vendor == "postgresql":
        assert trigram <= names
    else:
        assert not trigram & names
        assert "post_board_feed_idx" in names


def test_search_query_can_use_the_trigram_index():
    PostFactory.create_batch(3, title="중간고사 일정", content="시험")
    posts = post_search(posts=Post.objects.all(), query="중간고사")
    assert posts.count() == 3
    if connection.vendor != "postgresql":
        assert "LIKE" in str(posts.query)
        return
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        plan = posts.explain()
        cursor.execute("RESET enable_seqscan")
    assert "post_title_trgm_idx" in plan
    assert "post_content_trgm_idx" in plan


def test_lecture_trigram_indexes_exist_only_on_postgresql():
    from campus.timetables.models import Lecture

    with connection.cursor() as cursor:
        names = set(connection.introspection.get_constraints(cursor, Lecture._meta.db_table))
    trigram = {"lecture_name_trgm_idx", "lecture_code_trgm_idx", "lecture_professor_trgm_idx"}
    if connection.vendor == "postgresql":
        assert trigram <= names
    else:
        assert not trigram & names
