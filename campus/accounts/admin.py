from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import Count

from campus.accounts.models import School, SchoolDomain, User
from campus.accounts.services import user_verification_grant


class SchoolDomainInline(admin.TabularInline):
    model = SchoolDomain
    extra = 1


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    """Staff keep a school's webmail domains and whether it requires 학교 인증."""

    list_display = ["name", "verification", "domain_list", "user_count", "created_at"]
    list_filter = ["verification"]
    search_fields = ["name", "domains__domain"]
    inlines = [SchoolDomainInline]

    @admin.display(description="메일 도메인")
    def domain_list(self, obj: School) -> str:
        return ", ".join(domain.domain for domain in obj.domains.all())

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_user_count=Count("users")).prefetch_related("domains")

    @admin.display(description="사용자 수", ordering="_user_count")
    def user_count(self, obj: School) -> int:
        return getattr(obj, "_user_count", 0)  # annotated by get_queryset


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = [
        "username", "nickname", "email", "school", "admission_year", "verified_at", "is_staff", "is_active",
    ]  # fmt: skip
    list_filter = ["school", ("verified_at", admin.EmptyFieldListFilter), "is_staff", "is_active",
                   "is_superuser", "admission_year"]  # fmt: skip
    actions = ["grant_verification"]
    list_select_related = ["school"]
    search_fields = ["username", "nickname", "email"]
    ordering = ["-date_joined"]
    readonly_fields = ["id", "date_joined", "last_login", "withdrawn_at", "verified_at"]
    autocomplete_fields = ["school"]
    fieldsets = [
        (None, {"fields": ["id", "username", "password"]}),
        ("프로필", {"fields": ["nickname", "email", "school", "admission_year"]}),
        ("권한", {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        ("기록", {"fields": ["date_joined", "last_login", "withdrawn_at", "verified_at"]}),
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

    @admin.action(description="학교 인증 처리 (증명서를 직접 확인함)")
    def grant_verification(self, request, queryset) -> None:
        users = list(queryset)
        for user in users:
            user_verification_grant(user=user)
        self.message_user(request, f"{len(users)}명을 학교 인증 처리했습니다.")
