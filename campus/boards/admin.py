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


class ModeratedAdmin(admin.ModelAdmin):
    """Reported content first; hide/restore go through the service so that counts stay right."""

    actions = ["hide", "restore"]
    ordering = ["-report_count", "-id"]

    @admin.action(description="선택한 항목 숨기기")
    def hide(self, request, queryset):
        for obj in queryset:
            services.moderation_set_hidden(target=obj, hidden=True)
        self.message_user(request, f"{queryset.count()}개를 숨겼습니다.", messages.SUCCESS)

    @admin.action(description="선택한 항목 복구하기")
    def restore(self, request, queryset):
        for obj in queryset:
            services.moderation_set_hidden(target=obj, hidden=False)
        self.message_user(request, f"{queryset.count()}개를 복구했습니다.", messages.SUCCESS)


@admin.register(Post)
class PostAdmin(ModeratedAdmin):
    list_display = [
        "title",
        "board",
        "author",
        "is_anonymous",
        "like_count",
        "report_count",
        "hidden_at",
        "is_deleted",
    ]
    list_filter = [HiddenFilter, "is_deleted", "is_anonymous", "board__school"]
    search_fields = ["title", "author__username"]
    list_select_related = ["board", "author"]
    raw_id_fields = ["author", "board", "school"]
    readonly_fields = ["like_count", "comment_count", "scrap_count", "report_count", "hot_at", "hidden_at"]


@admin.register(Comment)
class CommentAdmin(ModeratedAdmin):
    list_display = [
        "id",
        "post",
        "author",
        "is_anonymous",
        "like_count",
        "report_count",
        "hidden_at",
        "is_deleted",
    ]
    list_filter = [HiddenFilter, "is_deleted", "is_anonymous"]
    search_fields = ["content", "author__username"]
    list_select_related = ["post", "author"]
    raw_id_fields = ["author", "post", "parent"]
    readonly_fields = ["like_count", "report_count", "hidden_at", "anonymous_number"]


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["id", "reporter", "post", "comment", "reason", "created_at"]
    list_select_related = ["reporter", "post", "comment"]
    raw_id_fields = ["reporter", "post", "comment"]
    search_fields = ["reason"]
