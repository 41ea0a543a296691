"""Community writes. Each function is one transaction; counters move with F() in the same
transaction as the row that causes them, so concurrent requests never lose a count."""

import secrets
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from PIL import Image

from campus.accounts.models import User
from campus.boards.images import ALLOWED_FORMATS, CheckedImage, image_clean
from campus.boards.models import (
    Board,
    Comment,
    CommentLike,
    FavoriteBoard,
    Post,
    PostAnonymousAlias,
    PostImage,
    PostLike,
    Report,
    Scrap,
)
from campus.core.db import lock_row
from campus.core.errors import ApplicationError, ErrorCode
from campus.core.files import atomic_files, file_save
from campus.core.updates import KEEP, Keep, given, model_update
from campus.notifications.models import Notification
from campus.notifications.services import notify, snippet

# --- boards -------------------------------------------------------------------------------

BOARD_NAME_TAKEN = "같은 이름의 게시판이 이미 있습니다."


def _check_board_name_free(*, school_id: int, name: str, exclude_pk: int | None = None) -> None:
    boards = Board.objects.filter(school_id=school_id, name=name, is_deleted=False)
    if exclude_pk is not None:
        boards = boards.exclude(pk=exclude_pk)
    if boards.exists():
        raise ApplicationError(BOARD_NAME_TAKEN, field="name", code=ErrorCode.TAKEN)


def _check_board_manager(*, board: Board, user: User) -> None:
    if not (user.is_staff or board.creator_id == user.id):
        raise ApplicationError(
            "게시판을 만든 사람이나 운영자만 할 수 있습니다.", code=ErrorCode.PERMISSION_DENIED
        )


def board_create(*, creator: User, name: str, category: str, description: str = "") -> Board:
    _check_board_name_free(school_id=creator.school_id, name=name)
    try:
        with transaction.atomic():
            return Board.objects.create(
                school_id=creator.school_id,
                creator=creator,
                name=name,
                category=category,
                description=description,
            )
    except IntegrityError as error:  # a concurrent create took the name first
        raise ApplicationError(BOARD_NAME_TAKEN, field="name", code=ErrorCode.TAKEN) from error


def board_update(
    *,
    board: Board,
    user: User,
    name: str | Keep = KEEP,
    category: str | Keep = KEEP,
    description: str | Keep = KEEP,
) -> Board:
    _check_board_manager(board=board, user=user)
    if not isinstance(name, Keep):
        _check_board_name_free(school_id=board.school_id, name=name, exclude_pk=board.pk)
    try:
        with transaction.atomic():
            model_update(board, given(name=name, category=category, description=description))
    except IntegrityError as error:
        raise ApplicationError(BOARD_NAME_TAKEN, field="name", code=ErrorCode.TAKEN) from error
    return board


@transaction.atomic
def board_delete(*, board: Board, user: User) -> None:
    _check_board_manager(board=board, user=user)
    Board.objects.filter(pk=board.pk).update(is_deleted=True, updated_at=timezone.now())


def board_favorite_set(*, board: Board, user: User, favorite: bool) -> bool:
    if favorite:
        FavoriteBoard.objects.get_or_create(board=board, user=user)
    else:
        FavoriteBoard.objects.filter(board=board, user=user).delete()
    return favorite


# --- posts --------------------------------------------------------------------------------


@atomic_files()
def post_create(
    *,
    board: Board,
    author: User,
    title: str,
    content: str,
    is_anonymous: bool | None = None,
    is_question: bool = False,
    images: tuple[CheckedImage, ...] | list[CheckedImage] = (),
) -> Post:
    post = Post.objects.create(
        school_id=board.school_id,
        board=board,
        author=author,
        title=title,
        content=content,
        is_anonymous=board.policy.resolve(is_anonymous),
        is_question=is_question,
    )
    for order, checked in enumerate(images):
        image = PostImage(post=post, order=order, width=checked.width, height=checked.height)
        file_save(image.image, checked.name, checked.file)
        image.save()
    return post


def post_image_scrub(*, image: PostImage) -> bool:
    """Re-encode a stored image without its metadata (see `images.py`), under a new name so that
    no cache keeps serving the old bytes. Returns False when the stored file cannot be read."""
    old = image.image.name
    try:
        with image.image.open("rb") as stored:
            data = ContentFile(stored.read())
        with Image.open(data) as probe:
            image_format = probe.format or ""
        cleaned, width, height = image_clean(data, image_format=image_format)
    except (OSError, ValueError, SyntaxError, EOFError):
        return False
    extension = ALLOWED_FORMATS.get(image_format, old.rsplit(".", 1)[-1])
    with atomic_files():
        file_save(image.image, f"{secrets.token_hex(16)}.{extension}", ContentFile(cleaned))
        image.width, image.height = width, height
        image.save(update_fields=["image", "width", "height", "updated_at"])
    image.image.storage.delete(old)
    return True


def _check_author(*, obj: Post | Comment, user: User, allow_staff: bool) -> None:
    if obj.author_id == user.id or (allow_staff and user.is_staff):
        return
    raise ApplicationError("작성자만 할 수 있습니다.", code=ErrorCode.PERMISSION_DENIED)


@transaction.atomic
def post_update(*, post: Post, user: User, title: str | Keep = KEEP, content: str | Keep = KEEP) -> Post:
    """The author changes the title or the text (anonymity, board and photos stay)."""
    _check_author(obj=post, user=user, allow_staff=False)
    return model_update(post, given(title=title, content=content))


@transaction.atomic
def post_delete(*, post: Post, user: User) -> None:
    _check_author(obj=post, user=user, allow_staff=True)
    locked = Post.objects.select_for_update().get(pk=post.pk)
    if locked.is_question and locked.comment_count > 0 and not user.is_staff:
        raise ApplicationError("댓글이 달린 질문 글은 삭제할 수 없습니다.", code=ErrorCode.CONFLICT)
    Post.objects.filter(pk=post.pk).update(is_deleted=True, updated_at=timezone.now())


def _toggle_counted(
    *,
    relation: type[PostLike | CommentLike | Scrap],
    target: Post | Comment,
    user: User,
    counter: str,
    on: bool,
) -> int:
    """Add or remove the user's like/scrap row and move the target's counter in step.
    Idempotent both ways (the unique constraint backs get_or_create); returns the new count.
    The only writer of these rows: the counter's write moves on every cached page the target
    is shown in, and with them what each viewer's own flags kept beside them (boards.feeds)."""
    model = type(target)
    lookup: dict[str, Any] = {"post" if model is Post else "comment": target, "user": user}
    if on:
        _, changed = relation.objects.get_or_create(**lookup)
    else:
        deleted, _ = relation.objects.filter(**lookup).delete()
        changed = deleted > 0
    if changed:
        model.objects.filter(pk=target.pk).update(**{counter: F(counter) + (1 if on else -1)})
    return model.objects.filter(pk=target.pk).values_list(counter, flat=True).get()


def _check_not_own(*, target: Post | Comment, user: User, message: str) -> None:
    if target.author_id == user.id:
        raise ApplicationError(message, code=ErrorCode.PERMISSION_DENIED)


@transaction.atomic
def post_like(*, post: Post, user: User) -> int:
    _check_not_own(target=post, user=user, message="자신의 글에는 공감할 수 없습니다.")
    count = _toggle_counted(relation=PostLike, target=post, user=user, counter="like_count", on=True)
    # Stamped once, by whichever like crosses the line first.
    turned_hot = Post.objects.filter(
        pk=post.pk, hot_at__isnull=True, like_count__gte=settings.HOT_LIKE_THRESHOLD
    ).update(hot_at=timezone.now())
    if turned_hot:
        notify(
            recipient_id=post.author_id,
            kind=Notification.Kind.HOT,
            message=f"내 글이 HOT 게시물이 되었어요: {snippet(post.title)}",
            target={"post": post.pk},
        )
    return count


@transaction.atomic
def post_unlike(*, post: Post, user: User) -> int:
    return _toggle_counted(relation=PostLike, target=post, user=user, counter="like_count", on=False)


@transaction.atomic
def post_scrap(*, post: Post, user: User) -> int:
    return _toggle_counted(relation=Scrap, target=post, user=user, counter="scrap_count", on=True)


@transaction.atomic
def post_unscrap(*, post: Post, user: User) -> int:
    return _toggle_counted(relation=Scrap, target=post, user=user, counter="scrap_count", on=False)


# --- comments -----------------------------------------------------------------------------


def _anonymous_number_for(*, post: Post, user: User) -> int:
    """The commenter's number in this post: looked up, or handed out under the post's row lock."""
    alias = PostAnonymousAlias.objects.filter(post=post, user=user).values_list("number", flat=True).first()
    if alias is not None:
        return alias
    Post.objects.filter(pk=post.pk).update(anonymous_commenters=F("anonymous_commenters") + 1)
    number = Post.objects.filter(pk=post.pk).values_list("anonymous_commenters", flat=True).get()
    PostAnonymousAlias.objects.create(post=post, user=user, number=number)
    return number


@transaction.atomic
def comment_create(
    *, post: Post, author: User, content: str, is_anonymous: bool | None = None, parent: Comment | None = None
) -> Comment:
    # Lock the post first: numbering and the question-delete rule both read it.
    lock_row(Post, post.pk)
    if parent is not None:
        if parent.post_id != post.pk:
            raise ApplicationError("다른 글의 댓글에는 답글을 달 수 없습니다.", field="parent")
        if parent.parent is not None:  # replies are one level deep
            parent = parent.parent
        if parent.is_deleted or parent.hidden_at is not None:
            raise ApplicationError("삭제된 댓글에는 답글을 달 수 없습니다.", field="parent")
    anonymous = post.board.policy.resolve(is_anonymous)
    number = None
    if post.numbers_commenter(author_id=author.id, anonymous=anonymous):
        number = _anonymous_number_for(post=post, user=author)
    comment = Comment.objects.create(
        post=post,
        author=author,
        parent=parent,
        content=content,
        is_anonymous=anonymous,
        anonymous_number=number,
    )
    Post.objects.filter(pk=post.pk).update(comment_count=F("comment_count") + 1)
    _notify_comment(comment=comment, post=post)
    return comment


def _notify_comment(*, comment: Comment, post: Post) -> None:
    """The parent comment's author gets `reply`, the post's author `comment` — once each, and
    never for their own comment."""
    target = {"post": post.pk, "comment": comment.pk}
    told = {comment.author_id}
    if comment.parent is not None and comment.parent.author_id not in told:
        notify(
            recipient_id=comment.parent.author_id,
            kind=Notification.Kind.REPLY,
            message=f"내 댓글에 새 답글이 달렸어요: {snippet(comment.content)}",
            target=target,
        )
        told.add(comment.parent.author_id)
    if post.author_id not in told:
        notify(
            recipient_id=post.author_id,
            kind=Notification.Kind.COMMENT,
            message=f"내 글에 새 댓글이 달렸어요: {snippet(comment.content)}",
            target=target,
        )


@transaction.atomic
def comment_update(*, comment: Comment, user: User, content: str) -> Comment:
    _check_author(obj=comment, user=user, allow_staff=False)
    comment.content = content
    comment.save(update_fields=["content", "updated_at"])
    return comment


@transaction.atomic
def comment_delete(*, comment: Comment, user: User) -> None:
    _check_author(obj=comment, user=user, allow_staff=True)
    removed = Comment.objects.filter(pk=comment.pk, is_deleted=False).update(
        is_deleted=True, updated_at=timezone.now()
    )
    if removed and comment.hidden_at is None:
        Post.objects.filter(pk=comment.post_id).update(comment_count=F("comment_count") - 1)


@transaction.atomic
def comment_like(*, comment: Comment, user: User) -> int:
    _check_not_own(target=comment, user=user, message="자신의 댓글에는 공감할 수 없습니다.")
    return _toggle_counted(relation=CommentLike, target=comment, user=user, counter="like_count", on=True)


@transaction.atomic
def comment_unlike(*, comment: Comment, user: User) -> int:
    return _toggle_counted(relation=CommentLike, target=comment, user=user, counter="like_count", on=False)


# --- reports and moderation ---------------------------------------------------------------


def _report(*, target: Post | Comment, reporter: User, reason: str) -> Report:
    if not reason.strip() or len(reason) > Report.REASON_MAX_LENGTH:
        raise ApplicationError(
            f"신고 사유를 {Report.REASON_MAX_LENGTH}자 이하로 적어 주세요.", field="reason"
        )
    if target.author_id == reporter.id:
        raise ApplicationError("자신의 글은 신고할 수 없습니다.", code=ErrorCode.PERMISSION_DENIED)
    target_field = "post" if isinstance(target, Post) else "comment"
    try:
        with transaction.atomic():
            report = Report.objects.create(reporter=reporter, reason=reason, **{target_field: target})
    except IntegrityError as error:
        raise ApplicationError("이미 신고했습니다.", code=ErrorCode.CONFLICT) from error
    model = type(target)
    model.objects.filter(pk=target.pk).update(report_count=F("report_count") + 1)
    hidden = model.objects.filter(
        pk=target.pk, hidden_at__isnull=True, report_count__gte=settings.REPORT_HIDE_THRESHOLD
    ).update(hidden_at=timezone.now())
    if hidden and isinstance(target, Comment) and not target.is_deleted:
        Post.objects.filter(pk=target.post_id).update(comment_count=F("comment_count") - 1)
    return report


@transaction.atomic
def post_report(*, post: Post, reporter: User, reason: str) -> Report:
    return _report(target=post, reporter=reporter, reason=reason)


@transaction.atomic
def comment_report(*, comment: Comment, reporter: User, reason: str) -> Report:
    return _report(target=comment, reporter=reporter, reason=reason)


def moderation_delete(*, target: Post | Comment, moderator: User) -> None:
    """Admin action: soft-delete a post or comment as staff, with the same counters as an author's delete."""
    if isinstance(target, Post):
        post_delete(post=target, user=moderator)
    else:
        comment_delete(comment=target, user=moderator)


@transaction.atomic
def moderation_set_hidden(*, target: Post | Comment, hidden: bool) -> None:
    """Admin action: hide or restore a post or comment, keeping comment_count right."""
    model = type(target)
    if hidden:
        changed = model.objects.filter(pk=target.pk, hidden_at__isnull=True).update(hidden_at=timezone.now())
    else:
        changed = model.objects.filter(pk=target.pk, hidden_at__isnull=False).update(hidden_at=None)
    if changed and isinstance(target, Comment) and not target.is_deleted:
        delta = -1 if hidden else 1
        Post.objects.filter(pk=target.post_id).update(comment_count=F("comment_count") + delta)
