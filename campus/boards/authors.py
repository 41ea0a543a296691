"""How an author is shown: the one place that decides what an anonymous post or comment reveals.
The API's `Author` object and the web pages' labels both come from here."""

from campus.boards.models import Comment, Post
from campus.core.labels import (
    ANONYMOUS,
    ANONYMOUS_POST_AUTHOR,
    DELETED_COMMENT,
    HIDDEN_COMMENT,
    REMOVED_AUTHOR,
)


def post_author(post: Post) -> dict:
    if post.is_anonymous:
        return {"nickname": ANONYMOUS, "is_anonymous": True, "is_post_author": True}
    return {
        "id": str(post.author_id),
        "nickname": post.author.display_name,
        "is_anonymous": False,
        "is_post_author": True,
    }


def comment_author(comment: Comment, post: Post) -> dict:
    if comment.is_anonymous:
        # No number means the post's own (anonymous) author: see services.comment_create.
        if comment.anonymous_number is None:
            return {"nickname": ANONYMOUS_POST_AUTHOR, "is_anonymous": True, "is_post_author": True}
        return {
            "nickname": f"{ANONYMOUS}{comment.anonymous_number}",
            "is_anonymous": True,
            "is_post_author": False,
        }
    return {
        "id": str(comment.author_id),
        "nickname": comment.author.display_name,
        "is_anonymous": False,
        # A named comment under an anonymous post must not reveal that its writer wrote the post.
        "is_post_author": comment.author_id == post.author_id and not post.is_anonymous,
    }


def comment_is_mine(*, removed: bool, author_id, viewer) -> bool:
    """A removed comment is shown as no one's, to its writer too."""
    return not removed and author_id == viewer.id


def comment_shown(comment: Comment, post: Post, viewer) -> dict:
    """What the viewer may see of a comment: its content and author, or the placeholder of a
    deleted or report-hidden one (with no trace of who wrote it), and whether it is theirs."""
    if comment.is_visible_to(viewer):
        return {
            "content": comment.content,
            "author": comment_author(comment, post),
            "is_mine": comment_is_mine(removed=False, author_id=comment.author_id, viewer=viewer),
            "removed": False,
        }
    return {
        "content": DELETED_COMMENT if comment.is_deleted else HIDDEN_COMMENT,
        "author": {"nickname": REMOVED_AUTHOR, "is_anonymous": True, "is_post_author": False},
        "is_mine": comment_is_mine(removed=True, author_id=comment.author_id, viewer=viewer),
        "removed": True,
    }
