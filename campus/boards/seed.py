from campus.accounts.models import School
from campus.boards.models import Board

# (name, category, anonymity, description)
DEFAULT_BOARDS = [
    ("자유게시판", Board.Category.GENERAL, Board.Anonymity.OPTIONAL, "자유롭게 이야기하는 곳"),
    ("비밀게시판", Board.Category.GENERAL, Board.Anonymity.ALWAYS, "모든 글과 댓글이 익명입니다"),
    ("졸업생게시판", Board.Category.GENERAL, Board.Anonymity.OPTIONAL, "졸업생과 재학생의 대화"),
    ("새내기게시판", Board.Category.GENERAL, Board.Anonymity.OPTIONAL, "새내기를 위한 게시판"),
    ("정보게시판", Board.Category.GENERAL, Board.Anonymity.OPTIONAL, "학교 생활 정보 공유"),
    ("홍보게시판", Board.Category.GENERAL, Board.Anonymity.OPTIONAL, "행사와 모임 홍보"),
    ("동아리·학회", Board.Category.CLUB, Board.Anonymity.OPTIONAL, "동아리와 학회 소식"),
]


def seed_boards(schools: list[School]) -> list[Board]:
    boards = []
    for school in schools:
        for name, category, anonymity, description in DEFAULT_BOARDS:
            board, _ = Board.objects.get_or_create(
                school=school,
                name=name,
                is_deleted=False,
                defaults={"category": category, "anonymity": anonymity, "description": description},
            )
            boards.append(board)
    return boards
