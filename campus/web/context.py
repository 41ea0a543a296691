"""What the header of every page needs: one query for the unread notifications, only when logged in."""

from django.http import HttpRequest

from campus.notifications.selectors import notification_unread_count


def header(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or request.path.startswith(("/api/", "/admin/")):
        return {}
    return {"unread_notifications": notification_unread_count(viewer=user)}
