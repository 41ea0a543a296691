"""What the header of every page needs: its links, and one query for the unread notifications,
only when logged in."""

import functools

from django.http import HttpRequest
from django.urls import reverse

from campus.notifications.selectors import notification_unread_count

NAV = [
    ("게시판", "web:home"),
    ("시간표", "timetables:home"),
    ("강의평", "timetables:lectures"),
    ("학점계산기", "timetables:calculator"),
    ("친구", "timetables:friends"),
    ("쪽지", "messaging:list"),
    ("알림", "notifications:list"),
    ("내 정보", "web:me"),
]


@functools.cache
def nav_links() -> list[tuple[str, str]]:
    """(text, URL) of the header's links, reversed once per process: every page shows them."""
    return [(text, reverse(name)) for text, name in NAV]


def header(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or request.path.startswith(("/api/", "/admin/")):
        return {}
    return {"nav_links": nav_links(), "unread_notifications": notification_unread_count(viewer=user)}
