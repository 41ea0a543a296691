"""`CompiledGet` builds the same objects as the ORM, on both databases, with one query."""

import uuid

import pytest
from django.utils import timezone

from campus.accounts.authentication import student_get, student_with_school
from campus.accounts.models import User

pytestmark = pytest.mark.django_db


def test_the_student_and_their_school_as_the_orm_reads_them(user, django_assert_num_queries):
    user.verified_at = timezone.now()
    user.save()
    expected = User.objects.select_related("school").get(pk=user.pk)
    with django_assert_num_queries(1):
        student = student_with_school(user.pk)
        school = student.school  # cached on the object, as select_related does
    assert type(student) is User and student.pk == user.pk and not student._state.adding
    for field in User._meta.concrete_fields:
        assert getattr(student, field.attname) == getattr(expected, field.attname), field.name
    assert student.date_joined.tzinfo is not None and student.verified_at == expected.verified_at
    assert (school.pk, school.name, school.verification) == (user.school.pk, user.school.name, "optional")
    assert student.is_community_member and student.check_password("campus-Test-pw-2026")


def test_no_such_student_is_none(db):
    assert student_with_school(uuid.uuid4()) is None
    assert student_get("not-a-uuid") is None and student_get(None) is None


def test_a_change_is_read_at_once(user):
    student_with_school(user.pk)
    User.objects.filter(pk=user.pk).update(is_active=False, nickname="바뀐이름")
    again = student_with_school(str(user.pk))
    assert (again.is_active, again.nickname) == (False, "바뀐이름")


# --- CompiledQuery: a board's page of posts, compiled once per shape -------------------------


@pytest.fixture
def board_with_posts(board, make_user):
    from campus.boards.tests.factories import BoardFactory, PostFactory

    author = make_user(nickname="쓴사람")
    posts = [
        PostFactory(board=board, author=author, is_anonymous=n % 2 == 0, title=f"글 {n}") for n in range(9)
    ]
    Post = type(posts[0])
    Post.objects.filter(pk=posts[3].pk).update(hidden_at=timezone.now())  # hidden by reports
    Post.objects.filter(pk=posts[5].pk).update(is_deleted=True)
    other = BoardFactory(school=board.school, name="다른게시판")
    PostFactory(board=other, author=author, title="다른 게시판 글")
    return board, posts


def _page_rows(page):
    return [
        (post.pk, post.board.name, post.author.nickname, post.title, post.has_images, post.created_at)
        for post in page.rows
    ]


@pytest.mark.parametrize("is_staff", [False, True])
def test_a_compiled_board_page_is_the_orm_s_page_forwards_and_backwards(
    board_with_posts, make_user, is_staff
):
    from campus.boards import selectors
    from campus.core.pagination import PageRequest, keyset_page

    board, posts = board_with_posts
    viewer = make_user(is_staff=is_staff)
    seen = []
    request = PageRequest(("-id",), size=3)
    while True:  # every page forwards, each compared with the ORM's
        page = selectors.board_page(viewer=viewer, board_id=board.pk, page=request)
        expected = keyset_page(selectors.board_posts_for(viewer=viewer, board_id=board.pk), request)
        assert _page_rows(page) == _page_rows(expected)
        assert (page.next_position, page.previous_position) == (
            expected.next_position,
            expected.previous_position,
        )
        seen += [post.pk for post in page.rows]
        if page.next_position is None:
            break
        request = PageRequest(("-id",), tuple(page.next_position), size=3)
    visible = [
        post.pk for post in reversed(posts) if post is not posts[5] and (is_staff or post is not posts[3])
    ]
    assert seen == visible
    back = PageRequest(("-id",), tuple(page.previous_position), backwards=True, size=3)
    before_last = selectors.board_page(viewer=viewer, board_id=board.pk, page=back)
    expected = keyset_page(selectors.board_posts_for(viewer=viewer, board_id=board.pk), back)
    assert [post.pk for post in before_last.rows] == visible[3:6] == [post.pk for post in expected.rows]
    assert (before_last.next_position, before_last.previous_position) == (
        expected.next_position,
        expected.previous_position,
    )


def test_a_compiled_page_reads_its_own_school_and_board_only(board_with_posts, make_user, other_school):
    from campus.boards import selectors
    from campus.core.pagination import PageRequest

    board, posts = board_with_posts
    stranger = make_user(school=other_school)
    first = PageRequest(("-id",), size=20)
    assert selectors.board_page(viewer=stranger, board_id=board.pk, page=first).rows == []
    reader = make_user()
    titles = [post.title for post in selectors.board_page(viewer=reader, board_id=board.pk, page=first).rows]
    assert titles == ["글 8", "글 7", "글 6", "글 4", "글 2", "글 1", "글 0"]


def test_a_shape_is_compiled_once_and_run_with_one_query(
    board_with_posts, make_user, django_assert_num_queries
):
    from campus.boards.selectors import board_posts_for
    from campus.core.pagination import PageRequest, keyset_query
    from campus.core.statements import CompiledQuery

    board, posts = board_with_posts
    viewer = make_user()
    made = []

    def make(shape, *, board, after):
        made.append(shape)
        return keyset_query(
            board_posts_for(viewer=viewer, board_id=board), PageRequest(("-id",), (after,), size=shape)
        )

    rows = CompiledQuery(make)
    with django_assert_num_queries(1):
        assert [post.title for post in rows(2, board=board.pk, after=posts[7].pk)] == ["글 6", "글 4", "글 2"]
    with django_assert_num_queries(1):
        assert [post.title for post in rows(2, board=board.pk, after=posts[2].pk)] == ["글 1", "글 0"]
    assert made == [2]  # the second call bound new values to the SQL compiled by the first


def test_a_value_that_reaches_no_parameter_is_refused(board, make_user):
    from campus.boards.models import Post
    from campus.core.statements import CompiledQuery

    def make(shape, *, board, limit):
        return Post.objects.filter(board_id=board)[: max(limit, 1)]  # the limit is SQL text, not a parameter

    with pytest.raises(ValueError, match="limit"):
        CompiledQuery(make)("shape", board=board.pk, limit=5)


def test_rows_naming_the_same_related_row_share_its_object(board_with_posts, make_user):
    from campus.boards import selectors
    from campus.core.pagination import PageRequest

    board, posts = board_with_posts
    rows = selectors.board_page(
        viewer=make_user(), board_id=board.pk, page=PageRequest(("-id",), size=20)
    ).rows
    assert len(rows) == 7 and len({id(post.board) for post in rows}) == 1
    assert len({id(post.author) for post in rows}) == 1 and rows[0].author.nickname == "쓴사람"
    assert {post.board.name for post in rows} == {board.name}


def test_a_word_that_reaches_the_sql_changed_is_refused(board):
    """A search's words are bound as they are (`walk_conditions`); a stand-in text that reaches
    the SQL changed — wrapped in `%` by a `LIKE` — would leave the stand-in in the statement: it
    is refused when compiling, as a value that reaches no parameter is."""
    from django.db import connection
    from django.db.models import Q

    from campus.boards.models import Post
    from campus.core.statements import CompiledQuery

    def liked(shape, *, board, words):
        return Post.objects.filter(board_id=board, title__icontains=words)

    with pytest.raises(ValueError, match="words"):
        CompiledQuery(liked)("shape", board=board.pk, words="수업")
    if connection.vendor != "postgresql":  # no array parameters on SQLite
        return
    from campus.core.search import walk_conditions

    def both(shape, *, board, words):
        return Post.objects.filter(Q(*walk_conditions(words, board_id=board)), title__icontains=words)

    with pytest.raises(ValueError, match="changed"):
        CompiledQuery(both)("shape", board=board.pk, words="수업")
