"""친구 pages: my friends and requests, a friend's timetable when they let friends see it,
and 공강 찾기 on a grid. The rules (same school, receiver only, visibility) are the services'
and selectors' the API uses."""

from typing import cast

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from campus.core.errors import ApplicationError
from campus.timetables import selectors
from campus.timetables.grid import Block, grid_of, timetable_blocks
from campus.timetables.services import friends as services
from campus.timetables.web.forms import FriendRequestForm
from campus.timetables.web.views import semester_from_query
from campus.web.auth import StudentRequest, add_service_error, student_required

ANSWERS = {
    "accept": (services.friend_request_accept, "친구 요청을 수락했습니다."),
    "reject": (services.friend_request_reject, "친구 요청을 거절했습니다."),
}


@student_required
@require_http_methods(["GET", "POST"])
def friends_page(request: StudentRequest) -> HttpResponse:
    form = FriendRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            sent = services.friend_request_send(sender=request.user, **form.cleaned_data)
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, f"{sent.to_user.nickname}님에게 친구 요청을 보냈습니다.")
            return redirect("timetables:friends")
    context = {
        "friends": selectors.friend_list_for(viewer=request.user),
        "received": selectors.friend_request_list_for(viewer=request.user, direction="received"),
        "sent": selectors.friend_request_list_for(viewer=request.user, direction="sent"),
        "form": form,
    }
    return render(request, "timetables/friends.html", context, status=400 if form.errors else 200)


@student_required
@require_POST
def friend_request_answer(request: StudentRequest, pk: int, answer: str) -> HttpResponse:
    """수락 or 거절 by the receiver; 취소 by the sender. Anyone else's request is not found."""
    try:
        if answer == "cancel":
            services.friend_request_cancel(sender=request.user, pk=pk)
            messages.success(request, "친구 요청을 취소했습니다.")
        elif answer in ANSWERS:
            answer_request, done = ANSWERS[answer]
            answer_request(receiver=request.user, pk=pk)
            messages.success(request, done)
        else:
            raise Http404
    except ApplicationError as error:
        messages.error(request, error.message)
    return redirect("timetables:friends")


@student_required
@require_POST
def friend_remove(request: StudentRequest, user_id) -> HttpResponse:
    try:
        services.friend_remove(user=request.user, friend_id=user_id)
    except ApplicationError as error:
        messages.error(request, error.message)
    return redirect("timetables:friends")


@student_required
@require_GET
def friend_timetable_page(request: StudentRequest, user_id) -> HttpResponse:
    semester = semester_from_query(request)
    timetable = selectors.friend_timetable_get(
        viewer=request.user, friend_id=user_id, semester_id=semester.pk
    )
    friend = selectors.friend_list_for(viewer=request.user).get(pk=user_id)
    context = {
        "friend": friend,
        "semester": semester,
        "semesters": selectors.semester_list(),
        "grid": grid_of(timetable_blocks(timetable)),
        "total_credits": timetable.total_credits,
    }
    return render(request, "timetables/friend_timetable.html", context)


class FreeTimeForm(forms.Form):
    users = forms.MultipleChoiceField(label="친구", required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, friends, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["users"]).choices = [(str(f.pk), f.nickname) for f in friends]


@student_required
@require_GET
def free_time_page(request: StudentRequest) -> HttpResponse:
    """Pick friends → the weekday times when all of us (me included) are free, on a grid."""
    semester = semester_from_query(request)
    form = FreeTimeForm(request.GET or None, friends=selectors.friend_list_for(viewer=request.user))
    grid = None
    if form.is_bound and form.is_valid():
        chosen = form.cleaned_data["users"]
        try:
            free = selectors.free_time_for(viewer=request.user, semester_id=semester.pk, friend_ids=chosen)
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            grid = grid_of([Block("공강", s.day, s.start, s.end) for s in free])
    context = {"form": form, "grid": grid, "semester": semester, "semesters": selectors.semester_list()}
    return render(request, "timetables/free_time.html", context, status=400 if form.errors else 200)
