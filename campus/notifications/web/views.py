"""알림 page: newest first; opening one marks it read and goes to what it is about."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from campus.notifications import selectors, services
from campus.notifications.models import Notification
from campus.web.auth import StudentRequest, student_required

LIST_LENGTH = 50


def target_path(notification: Notification) -> str:
    """The page a notification is about."""
    target = notification.target
    if "conversation" in target:
        return reverse("messaging:thread", args=[target["conversation"]])
    if "post" in target:
        anchor = f"#comment-{target['comment']}" if "comment" in target else ""
        return reverse("boards:post", args=[target["post"]]) + anchor
    return reverse("timetables:friends")


@student_required
@require_GET
def notification_list(request: StudentRequest) -> HttpResponse:
    notifications = selectors.notification_list_for(viewer=request.user)[:LIST_LENGTH]
    return render(request, "notifications/list.html", {"notifications": notifications})


@student_required
@require_GET
def notification_open(request: StudentRequest, pk: int) -> HttpResponse:
    notification = get_object_or_404(selectors.notification_list_for(viewer=request.user), pk=pk)
    services.notification_mark_read(user=request.user, ids=[notification.pk])
    return redirect(target_path(notification))


@student_required
@require_POST
def notification_read_all(request: StudentRequest) -> HttpResponse:
    services.notification_mark_read(user=request.user, everything=True)
    return redirect("notifications:list")
