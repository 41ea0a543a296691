"""Korean search (campus.core.search): what it finds, on SQLite and PostgreSQL alike, and on
PostgreSQL that the bigram index is what finds it."""

import pytest
from django.db import connection

from campus.boards import services
from campus.boards.models import Post
from campus.boards.selectors import post_search
from campus.boards.tests.factories import BoardFactory, PostFactory

pytestmark = pytest.mark.django_db

POSTS = {
    "exam": ("시험을 망쳤다", "내일 다시 공부"),
    "period": ("시험기간 열람실", "자리가 없어요"),
    "lunch": ("오늘 학식", "돈까스 나옴 ㅋㅋ"),
    "latin": ("Django 스터디", "Python 3.12 C++ 환영"),
    "tomorrow": ("내일 일정", "수업 없음"),
}


@pytest.fixture
def posts(board):
    made = {
        key: PostFactory(board=board, title=title, content=content) for key, (title, content) in POSTS.items()
    }
    PostFactory(board=BoardFactory(), title="시험 학식 내일", content="다른 학교")  # never found
    return made


def found(posts: dict, query: str) -> list[str]:
    """The keys of the posts `query` finds, newest first."""
    names = {post.pk: key for key, post in posts.items()}
    school = next(iter(posts.values())).school_id
    rows = post_search(posts=Post.objects.filter(school_id=school).order_by("-id"), query=query)
    return [names[pk] for pk in rows.values_list("pk", flat=True)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("시험", ["period", "exam"]),  # a word inside longer ones: 시험을, 시험기간
        ("시험기간", ["period"]),
        ("험기", ["period"]),
        ("학식", ["lunch"]),
        ("ㅋㅋ", ["lunch"]),
        ("식", ["lunch"]),  # one syllable
        ("내일 시험", ["exam"]),  # every word, anywhere in the title or the content
        ("시험 내일", ["exam"]),
        ("  내일   ", ["tomorrow", "exam"]),
        ("django", ["latin"]),  # case-insensitive
        ("PYTHON 3.12", ["latin"]),
        ("c++", ["latin"]),
        ("3", ["latin"]),
        ("시험 없는말", []),
        ("족보", []),
        ("망친", []),
        ("시험을망", []),  # 을 and 망 are on both sides of a space: 을망 is no gram of the text
        ("을 망", ["exam"]),
    ],
)
def test_search_finds_every_word_as_a_substring(posts, query, expected):
    assert found(posts, query) == expected


def test_like_wildcards_in_a_query_are_plain_characters(board):
    posts = {
        "percent": PostFactory(board=board, title="할인 50%", content="선착순"),
        "underscore": PostFactory(board=board, title="snake_case", content="변수 이름"),
        "plain": PostFactory(board=board, title="50 퍼센트", content="snakecase"),
    }
    assert found(posts, "%") == ["percent"]
    assert found(posts, "50%") == ["percent"]
    assert found(posts, "_") == ["underscore"]
    assert found(posts, "e_c") == ["underscore"]
    assert found(posts, "\\") == []


def test_quotes_and_placeholders_in_a_query_are_plain_characters(board):
    """The words are a quoted literal in the SQL on PostgreSQL (`_GramsContainKeys`): a quote, a
    backslash or a placeholder in them is text to find, run after run of the prepared statement."""
    posts = {
        "quote": PostFactory(board=board, title="it's 시험", content="O'Reilly"),
        "placeholder": PostFactory(board=board, title="%s 포맷", content="%(name)s \\n"),
    }
    for _ in range(7):  # past PG_PREPARE_THRESHOLD: the prepared statement is used too
        assert found(posts, "it's") == ["quote"]
        assert found(posts, "'); DROP TABLE boards_post; --") == []
        assert found(posts, "%s") == ["placeholder"]
        assert found(posts, "%(name)s") == ["placeholder"]
        assert found(posts, "\\n") == ["placeholder"]
    assert Post.objects.count() == 2


def test_search_words_are_written_into_the_sql_not_bound(board):
    """A prepared statement's reused plan must still see the keys (docs/decisions.md, "Speed")."""
    sql, params = post_search(posts=Post.objects.all(), query="졸업요건 시험").query.sql_with_params()
    if connection.vendor != "postgresql":
        assert params == ("%졸업요건%", "%졸업요건%", "%시험%", "%시험%")  # SQLite: LIKEs, bound
        return
    assert "campus_search_keys('졸업요건 시험')" in sql
    assert params == ()


def test_a_blank_query_finds_everything(posts):
    assert len(found(posts, "   ")) == len(POSTS)


def test_a_long_word_must_be_there_whole(board):
    post = PostFactory(board=board, title="기말고사시간", content="말고사시간표")
    assert found({"exam": post}, "기말고사시간") == ["exam"]
    # 기말고사시간 and 말고사시간표, the six-character pieces of 기말고사시간표, are both in the
    # post; the word itself is not.
    assert found({"exam": post}, "기말고사시간표") == []
    assert found({"exam": post}, "고사 간표") == ["exam"]


def test_a_long_word_is_found_whole_and_indexed_by_its_start_only(board):
    url = "https://example.com/" + "가" * 40 + "/끝"
    post = PostFactory(board=board, title="링크", content=f"{url} 참고")
    assert found({"url": post}, url) == ["url"]
    assert found({"url": post}, "example.com/가가") == ["url"]
    syllables = "".join(chr(0xAC00 + i % 11_172) for i in range(20_000))  # one 20,000-character word
    flood = PostFactory(board=board, title="도배", content=syllables)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT cardinality(search_grams) FROM boards_post WHERE id = %s", [flood.pk])
            # The title's grams, and those of the first 30 characters of the 20,000: not 120,000.
            assert cursor.fetchone()[0] == 3 + sum(30 - n + 1 for n in range(1, 7))


def test_an_edited_post_is_found_by_its_new_words(posts, board):
    post = posts["lunch"]
    services.post_update(post=post, user=post.author, title="저녁 메뉴", content="라면")
    assert found(posts, "라면") == ["lunch"]
    assert found(posts, "학식") == []


def test_query_text_is_matched_in_nfc(posts):
    decomposed = "\u1109\u1175\u1112\u1165\u11b7"  # 시험 typed as jamo
    assert found(posts, decomposed) == ["period", "exam"]


def _columns_and_indexes(table: str) -> set[str]:
    with connection.cursor() as cursor:
        columns = {c.name for c in connection.introspection.get_table_description(cursor, table)}
        return columns | set(connection.introspection.get_constraints(cursor, table))


def test_the_gram_column_and_indexes_exist_on_postgresql_only():
    posts, lectures = _columns_and_indexes("boards_post"), _columns_and_indexes("timetables_lecture")
    trigram = {"post_title_trgm_idx", "post_content_trgm_idx", "lecture_name_trgm_idx"}
    assert not trigram & (posts | lectures)  # replaced by the gram indexes
    gram = {"search_grams", "post_search_grams_idx"}, {"search_grams", "lecture_search_grams_idx"}
    if connection.vendor == "postgresql":
        assert gram[0] <= posts
        assert gram[1] <= lectures
    else:
        assert not gram[0] & posts
        assert not gram[1] & lectures


def test_the_generated_column_holds_each_words_short_substrings(board):
    post = PostFactory(board=board, title="시험을 봤다", content="A+")
    if connection.vendor != "postgresql":
        assert "search_grams" not in str(post_search(posts=Post.objects.all(), query="시험").query)
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_grams FROM boards_post WHERE id = %s", [post.pk])
        grams = set(cursor.fetchone()[0])
    assert grams == {"시", "험", "을", "시험", "험을", "시험을", "봤", "다", "봤다", "a", "+", "a+"}


def test_a_search_can_use_the_gram_index(posts):
    query = post_search(posts=Post.objects.all(), query="시험 기간")
    if connection.vendor != "postgresql":
        assert "LIKE" in str(query.query)
        return
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        plan = query.explain()
        cursor.execute("RESET enable_seqscan")
    assert "post_search_grams_idx" in plan
    assert "search_grams @> '{기간,시험}'" in plan
    assert "~~" not in plan  # a word of up to six characters is a key, found exactly: no LIKE
    longer = post_search(posts=Post.objects.all(), query="기말고사시간표").explain()
    assert "search_grams @> '{기말고사시간,말고사시간표}'" in longer  # a longer word: its 6-character pieces
    assert "~~ '%기말고사시간표%'" in longer  # and the LIKE keeps true substrings
