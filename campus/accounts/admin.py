from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import Count

from campus.accounts.models import School, User


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ["name", "email_domain", "user_count", "created_at"]
    search_fields = ["name", "email_domain"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_user_count=Count("users"))

    @admin.display(description="사용자 수", ordering="_user_count")
    def user_count(self, obj: School) -> int:
        return getattr(obj, "_user_count", 0)  # annotated by get_queryset


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "nickname", "email", "school", "admission_year", "is_staff", "is_active"]
    list_filter = ["school", "is_staff", "is_active", "is_superuser", "admission_year"]
    list_select_related = ["school"]
    search_fields = ["username", "nickname", "email"]
    ordering = ["-date_joined"]
    readonly_fields = ["id", "date_joined", "last_login", "withdrawn_at"]
    autocomplete_fields = ["school"]
    fieldsets = [
        (None, {"fields": ["id", "username", "password"]}),
        ("프로필", {"fields": ["nickname", "email", "school", "admission_year"]}),
        ("권한", {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        ("기록", {"fields": ["date_joined", "last_login", "withdrawn_at"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": [
                    "username",
                    "nickname",
                    "email",
                    "school",
                    "admission_year",
                    "password1",
                    "password2",
                ],
            },
        )
    ]
