"""알림 page: newest first; opening one (a POST) marks it read and goes to what it is about."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

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
    rows = [(notification, target_path(notification)) for notification in notifications]
    return render(request, "notifications/list.html", {"rows": rows})


@student_required
@require_http_methods(["GET", "POST"])
def notification_open(request: StudentRequest, pk: int) -> HttpResponse:
    """Goes to what the notification is about. Only a POST marks it read (the list's links send
    one through htmx): a GET changes nothing, so a link prefetched, previewed or followed by a
    crawler reads nobody's notification."""
    notification = get_object_or_404(selectors.notification_list_for(viewer=request.user), pk=pk)
    target = target_path(notification)
    if request.method == "POST":
        services.notification_mark_read(user=request.user, ids=[notification.pk])
        if request.htmx:
            return HttpResponseClientRedirect(target)
    return redirect(target)


@student_required
@require_POST
def notification_read_all(request: StudentRequest) -> HttpResponse:
    services.notification_mark_read(user=request.user, everything=True)
    return redirect("notifications:list")
