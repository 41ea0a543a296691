from functools import partial

from django.contrib import admin, messages

from campus.boards import services
from campus.boards.models import Board, Comment, Post, Report


@admin.register(Board)
class BoardAdmin(admin.ModelAdmin):
    list_display = ["name", "school", "category", "anonymity", "is_deleted", "created_at"]
    list_filter = ["school", "category", "anonymity", "is_deleted"]
    search_fields = ["name", "description"]
    list_select_related = ["school"]
    raw_id_fields = ["creator"]


class HiddenFilter(admin.SimpleListFilter):
    title = "숨김"
    parameter_name = "hidden"

    def lookups(self, request, model_admin):
        return [("yes", "숨겨짐"), ("no", "보임")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(hidden_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(hidden_at__isnull=True)
        return queryset


MODERATION_COLUMNS = ["author", "is_anonymous", "like_count", "report_count", "hidden_at", "is_deleted"]


class ModeratedAdmin(admin.ModelAdmin):
    """Reported content first. Moderators may edit the text; every other change (hide, restore,
    delete) goes through the services, so that counters stay right. Anonymity, authorship and
    the thread's shape are read-only: flipping `is_anonymous` would unmask a writer, and moving
    or un-deleting a row by hand would break `comment_count`."""

    actions = ["hide", "restore", "soft_delete"]
    ordering = ["-report_count", "-id"]
    editable_fields: tuple[str, ...] = ()

    def has_add_permission(self, request) -> bool:
        return False  # content is written by students, through the API and the web pages

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # deletion is soft, through the action below

    def get_readonly_fields(self, request, obj=None) -> list[str]:
        return [f.name for f in self.model._meta.fields if f.name not in self.editable_fields]

    def _apply(self, request, queryset, change, done: str) -> None:
        for obj in queryset:
            change(obj)
        self.message_user(request, f"{queryset.count()}개를 {done}.", messages.SUCCESS)

    @admin.action(description="선택한 항목 삭제 처리 (소프트 삭제)")
    def soft_delete(self, request, queryset):
        delete = partial(services.moderation_delete, moderator=request.user)
        self._apply(request, queryset, lambda obj: delete(target=obj), "삭제 처리했습니다")

    @admin.action(description="선택한 항목 숨기기")
    def hide(self, request, queryset):
        hide = partial(services.moderation_set_hidden, hidden=True)
        self._apply(request, queryset, lambda obj: hide(target=obj), "숨겼습니다")

    @admin.action(description="선택한 항목 복구하기")
    def restore(self, request, queryset):
        restore = partial(services.moderation_set_hidden, hidden=False)
        self._apply(request, queryset, lambda obj: restore(target=obj), "복구했습니다")


@admin.register(Post)
class PostAdmin(ModeratedAdmin):
    list_display = ["title", "board", *MODERATION_COLUMNS]
    list_filter = [HiddenFilter, "is_deleted", "is_anonymous", "board__school"]
    search_fields = ["title", "author__username"]
    list_select_related = ["board", "author"]
    editable_fields = ("title", "content")


@admin.register(Comment)
class CommentAdmin(ModeratedAdmin):
    list_display = ["id", "post", *MODERATION_COLUMNS]
    list_filter = [HiddenFilter, "is_deleted", "is_anonymous"]
    search_fields = ["content", "author__username"]
    list_select_related = ["post", "author"]
    editable_fields = ("content",)


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["id", "reporter", "post", "comment", "reason", "created_at"]
    list_select_related = ["reporter", "post", "comment"]
    raw_id_fields = ["reporter", "post", "comment"]
    search_fields = ["reason"]
