from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from campus.core.models import ChangeTracking, ChangeTrackingQuerySet, TimestampedModel


class BoardCategory(models.TextChoices):
    GENERAL = "general", "기본"
    DEPARTMENT = "department", "학과"
    CAREER = "career", "진로"
    PROMOTION = "promotion", "홍보"
    GROUP = "group", "단체"
    CLUB = "club", "동아리·학회"


class BoardAnonymity(models.TextChoices):
    ALWAYS = "always", "항상 익명"
    OPTIONAL = "optional", "작성자 선택"
    NEVER = "never", "실명만"

    @property
    def is_offered(self) -> bool:
        """Whether a form on such a board shows the 익명 checkbox (not on a never-anonymous one)."""
        return self != BoardAnonymity.NEVER

    @property
    def is_fixed(self) -> bool:
        """Whether that checkbox is checked and cannot be unchecked (an always-anonymous board)."""
        return self == BoardAnonymity.ALWAYS

    def resolve(self, requested: bool | None) -> bool:
        """What a post or comment on such a board actually is, whatever the client asked."""
        if self == BoardAnonymity.ALWAYS:
            return True
        if self == BoardAnonymity.NEVER:
            return False
        return True if requested is None else requested


class Board(ChangeTracking, TimestampedModel):
    Category = BoardCategory
    Anonymity = BoardAnonymity

    school = models.ForeignKey("accounts.School", on_delete=models.PROTECT, related_name="boards")
    category = models.CharField(max_length=20, choices=Category.choices, default=Category.GENERAL)
    name = models.CharField(max_length=30)
    description = models.CharField(max_length=200, blank=True)
    creator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    anonymity = models.CharField(max_length=10, choices=Anonymity.choices, default=Anonymity.OPTIONAL)
    is_deleted = models.BooleanField(default=False)

    objects = ChangeTrackingQuerySet.as_manager()
    # Set by the selectors that read it so (not columns): board_list_for.
    is_favorite: bool

    class Meta:
        verbose_name = "게시판"
        verbose_name_plural = "게시판"
        constraints = [
            models.UniqueConstraint(
                fields=["school", "name"], condition=Q(is_deleted=False), name="board_name_unique_per_school"
            ),
            models.CheckConstraint(
                condition=Q(category__in=BoardCategory.values), name="board_category_valid"
            ),
            models.CheckConstraint(
                condition=Q(anonymity__in=BoardAnonymity.values), name="board_anonymity_valid"
            ),
        ]
        indexes = [models.Index(fields=["school", "category"], name="board_school_category_idx")]

    def get_absolute_url(self) -> str:
        return reverse("boards:board", args=[self.pk])

    def __str__(self) -> str:
        return self.name

    @property
    def policy(self) -> BoardAnonymity:
        """The board's anonymity policy, with its rules (`BoardAnonymity.resolve`, `is_offered`)."""
        return BoardAnonymity(self.anonymity)


class ModeratedQuerySet(models.QuerySet):
    def visible_to(self, viewer) -> "ModeratedQuerySet":
        """Rows not deleted; rows hidden by reports only for staff."""
        rows = self.filter(is_deleted=False)
        return rows if viewer.is_staff else rows.filter(hidden_at__isnull=True)


class Moderated:
    """What `ModeratedQuerySet.visible_to` says, for one row already in memory."""

    is_deleted: bool
    hidden_at: object

    def is_visible_to(self, viewer) -> bool:
        return not self.is_deleted and (self.hidden_at is None or viewer.is_staff)


class FavoriteBoard(ChangeTracking, TimestampedModel):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="favorites")

    objects = ChangeTrackingQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "board"], name="favorite_board_unique")]


class PostQuerySet(ChangeTrackingQuerySet, ModeratedQuerySet):  # type: ignore[override]  # both stubbed with as_manager
    pass


class Post(ChangeTracking, Moderated, TimestampedModel):
    # school is copied from the board so that school-wide lists (search, HOT, BEST) use one index.
    # No single-column index on the keys: the feed indexes below start with each of them, and a
    # redundant index costs every insert and the planner's time on every query.
    school = models.ForeignKey("accounts.School", on_delete=models.PROTECT, related_name="+", db_index=False)
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="posts", db_index=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="posts", db_index=False
    )
    title = models.CharField(max_length=100)
    content = models.TextField()
    is_anonymous = models.BooleanField(default=True)
    is_question = models.BooleanField(default=False)
    like_count = models.PositiveIntegerField(default=0)
    comment_count = models.PositiveIntegerField(default=0)
    scrap_count = models.PositiveIntegerField(default=0)
    report_count = models.PositiveIntegerField(default=0)
    # The last anonymous number handed out in this post's comments (익명1, 익명2, …).
    anonymous_commenters = models.PositiveIntegerField(default=0)
    hot_at = models.DateTimeField(null=True, blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    is_deleted = models.BooleanField(default=False)

    objects = PostQuerySet.as_manager()
    # Set by the selectors that read it so (not columns): attach_images, attach_viewer_flags.
    image_list: list["PostImage"]
    is_liked: bool
    is_scrapped: bool

    class Meta:
        verbose_name = "게시글"
        verbose_name_plural = "게시글"
        indexes = [
            models.Index(fields=["board", "-id"], name="post_board_feed_idx"),
            models.Index(fields=["school", "-id"], name="post_school_feed_idx"),
            models.Index(
                fields=["school", "-hot_at"], condition=Q(hot_at__isnull=False), name="post_school_hot_idx"
            ),
            models.Index(fields=["school", "-like_count", "-id"], name="post_school_best_idx"),
            models.Index(fields=["author", "-id"], name="post_author_idx"),
        ]

    def get_absolute_url(self) -> str:
        return reverse("boards:post", args=[self.pk])

    def __str__(self) -> str:
        return self.title

    def numbers_commenter(self, *, author_id, anonymous: bool) -> bool:
        """Whether an anonymous comment by `author_id` gets a number (익명N). The anonymous post's
        own author is 익명(글쓴이) instead; on a named post its author gets a plain number, since
        labelling them 글쓴이 would tie the anonymous comment to the name on the post."""
        return anonymous and not (author_id == self.author_id and self.is_anonymous)


def post_image_path(instance: "PostImage", filename: str) -> str:
    # The caller passes a random name; the original file name is never kept.
    return f"posts/{filename[:2]}/{filename}"


class PostImage(ChangeTracking, TimestampedModel):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(upload_to=post_image_path)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    order = models.PositiveSmallIntegerField(default=0)

    objects = ChangeTrackingQuerySet.as_manager()

    class Meta:
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["post", "order"], name="post_image_order_unique")]

    def __str__(self) -> str:
        return self.image.name


class CommentQuerySet(ChangeTrackingQuerySet, ModeratedQuerySet):  # type: ignore[override]  # both stubbed with as_manager
    pass


class Comment(ChangeTracking, Moderated, TimestampedModel):
    # Indexed by comment_post_idx and comment_author_idx, which start with them.
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="comments", db_index=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="comments", db_index=False
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    content = models.TextField()
    is_anonymous = models.BooleanField(default=True)
    # Copied from the commenter's PostAnonymousAlias; null for named comments and the post's author.
    anonymous_number = models.PositiveIntegerField(null=True, blank=True)
    like_count = models.PositiveIntegerField(default=0)
    report_count = models.PositiveIntegerField(default=0)
    hidden_at = models.DateTimeField(null=True, blank=True)
    is_deleted = models.BooleanField(default=False)

    objects = CommentQuerySet.as_manager()
    # Set by the selectors that read it so (not columns): comment_tree_for, attach_viewer_flags.
    reply_list: list["Comment"]
    is_liked: bool

    class Meta:
        verbose_name = "댓글"
        verbose_name_plural = "댓글"
        indexes = [
            models.Index(fields=["post", "id"], name="comment_post_idx"),
            models.Index(fields=["author", "-id"], name="comment_author_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(parent=models.F("id")), name="comment_not_own_parent"),
        ]

    def __str__(self) -> str:
        return self.content[:30]


class PostAnonymousAlias(TimestampedModel):
    """The number a commenter got at their first anonymous comment on a post; fixed forever."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="anonymous_aliases")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    number = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "user"], name="anon_alias_unique_user"),
            models.UniqueConstraint(fields=["post", "number"], name="anon_alias_unique_number"),
        ]


class PostLike(TimestampedModel):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="likes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "post"], name="post_like_unique")]


class CommentLike(TimestampedModel):
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="likes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "comment"], name="comment_like_unique")]


class Scrap(TimestampedModel):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="scraps")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "post"], name="scrap_unique")]
        indexes = [models.Index(fields=["user", "-id"], name="scrap_user_idx")]


class Report(TimestampedModel):
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    post = models.ForeignKey(Post, on_delete=models.CASCADE, null=True, blank=True, related_name="reports")
    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, null=True, blank=True, related_name="reports"
    )
    REASON_MAX_LENGTH = 500
    reason = models.CharField(max_length=REASON_MAX_LENGTH)

    class Meta:
        verbose_name = "신고"
        verbose_name_plural = "신고"
        constraints = [
            models.CheckConstraint(
                condition=Q(post__isnull=False, comment__isnull=True)
                | Q(post__isnull=True, comment__isnull=False),
                name="report_exactly_one_target",
            ),
            models.UniqueConstraint(
                fields=["reporter", "post"], condition=Q(post__isnull=False), name="report_post_unique"
            ),
            models.UniqueConstraint(
                fields=["reporter", "comment"],
                condition=Q(comment__isnull=False),
                name="report_comment_unique",
            ),
        ]
