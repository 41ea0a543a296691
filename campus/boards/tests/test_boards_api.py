import pytest

from campus.boards.models import Board, FavoriteBoard
from campus.boards.tests.factories import BoardFactory

pytestmark = pytest.mark.django_db

BOARDS = "/api/v1/boards/"


def test_list_shows_only_my_school_with_favorites(make_user, board, other_school):
    me = make_user()
    club = BoardFactory(school=me.school, name="밴드동아리", category=Board.Category.CLUB)
    BoardFactory(school=other_school, name="남의게시판")
    BoardFactory(school=me.school, name="지워진게시판", is_deleted=True)
    FavoriteBoard.objects.create(user=me, board=club)

    res = me.client.get(BOARDS)
    assert res.status_code == 200
    assert [(b["name"], b["is_favorite"]) for b in res.json()] == [
        ("자유게시판", False),
        ("밴드동아리", True),
    ]
    assert set(res.json()[0]) >= {"id", "name", "category", "description", "is_favorite", "created_at"}

    assert [b["name"] for b in me.client.get(BOARDS, {"category": "club"}).json()] == ["밴드동아리"]
    assert [b["name"] for b in me.client.get(BOARDS, {"favorite": "true"}).json()] == ["밴드동아리"]
    assert [b["name"] for b in me.client.get(BOARDS, {"search": "자유"}).json()] == ["자유게시판"]


def test_logged_out_is_401(api, board):
    assert api.get(BOARDS).status_code == 401
    assert api.get(f"{BOARDS}{board.id}/").status_code == 401


def test_create_board(make_user):
    me = make_user()
    res = me.client.post(BOARDS, {"name": "컴공 17학번", "category": "department"}, format="json")
    assert res.status_code == 201
    assert res.json()["name"] == "컴공 17학번"
    assert res.json()["is_favorite"] is False
    board = Board.objects.get(pk=res.json()["id"])
    assert (board.school_id, board.creator_id, board.description) == (me.school_id, me.id, "")


@pytest.mark.parametrize(
    "body",
    [
        {"name": "", "category": "general"},
        {"name": "x" * 31, "category": "general"},
        {"name": "좋은이름", "category": "nonsense"},
        {"name": ["list"], "category": "general"},
        {"category": "general"},
        {"name": "좋은이름", "category": "general", "description": "d" * 201},
    ],
)
def test_create_bad_input(make_user, body):
    me = make_user()
    res = me.client.post(BOARDS, body, format="json")
    assert res.status_code == 400
    assert set(res.json()) <= {"name", "category", "description"}
    assert Board.objects.count() == 0


def test_board_names_are_unique_per_school_only(make_user, board, other_school):
    me = make_user()
    res = me.client.post(BOARDS, {"name": "자유게시판", "category": "general"}, format="json")
    assert res.status_code == 400
    assert "name" in res.json()
    stranger = make_user(school=other_school)
    assert (
        stranger.client.post(BOARDS, {"name": "자유게시판", "category": "general"}, format="json").status_code
        == 201
    )


def test_other_school_board_is_404_everywhere(make_user, board, other_school):
    stranger = make_user(school=other_school)
    url = f"{BOARDS}{board.id}/"
    assert stranger.client.get(url).status_code == 404
    assert stranger.client.patch(url, {"name": "x"}, format="json").status_code == 404
    assert stranger.client.delete(url).status_code == 404
    assert stranger.client.post(f"{url}favorite/").status_code == 404
    assert stranger.client.get(f"{url}posts/").status_code == 404
    res = stranger.client.post(f"{url}posts/", {"title": "t", "content": "c"}, format="json")
    assert res.status_code == 404
    assert board.posts.count() == 0


def test_non_numeric_and_huge_ids_are_404(make_user):
    me = make_user()
    assert me.client.get(f"{BOARDS}abc/").status_code == 404
    assert me.client.get(f"{BOARDS}99999999999999999999999/").status_code == 404


def test_patch_and_delete_creator_or_staff_only(make_user):
    creator = make_user()
    other = make_user()
    staff = make_user(is_staff=True)
    board = BoardFactory(school=creator.school, creator=creator, name="원래이름")
    url = f"{BOARDS}{board.id}/"

    assert other.client.patch(url, {"name": "뺏기"}, format="json").status_code == 403
    res = creator.client.patch(url, {"name": "새이름", "description": "설명"}, format="json")
    assert res.status_code == 200
    assert (res.json()["name"], res.json()["description"]) == ("새이름", "설명")

    assert other.client.delete(url).status_code == 403
    assert staff.client.delete(url).status_code == 204
    board.refresh_from_db()
    assert board.is_deleted
    assert creator.client.get(url).status_code == 404


def test_favorite_is_idempotent(make_user, board):
    me = make_user()
    url = f"{BOARDS}{board.id}/favorite/"
    for _ in range(2):
        res = me.client.post(url)
        assert res.status_code == 200
        assert res.json() == {"is_favorite": True}
    assert FavoriteBoard.objects.filter(user=me, board=board).count() == 1
    for _ in range(2):
        assert me.client.delete(url).json() == {"is_favorite": False}
    assert not FavoriteBoard.objects.filter(user=me).exists()
