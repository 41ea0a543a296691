"""What a page or the API shows in place of a person it does not name, in one place: boards
(authors of anonymous posts and comments, removed comments) and 쪽지 (an anonymous counterpart)
both use these."""

ANONYMOUS = "익명"
ANONYMOUS_POST_AUTHOR = "익명(글쓴이)"
REMOVED_AUTHOR = "(삭제)"
DELETED_COMMENT = "삭제된 댓글입니다."
HIDDEN_COMMENT = "신고 누적으로 숨겨진 댓글입니다."
