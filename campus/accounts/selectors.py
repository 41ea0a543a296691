from django.db.models import QuerySet

from campus.accounts.models import School, User


def school_list(*, search: str = "") -> QuerySet[School]:
    schools = School.objects.order_by("name").prefetch_related("domains")
    if search:
        schools = schools.filter(name__icontains=search)
    return schools


def user_field_taken(*, field: str, value: str, exclude: User | None = None) -> bool:
    """Whether another account already uses `value` for username/email/nickname, ignoring case."""
    users = User.objects.filter(**{f"{field}__iexact": value})
    if exclude is not None:
        users = users.exclude(pk=exclude.pk)
    return users.exists()
