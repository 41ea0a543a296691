"""강의평 pages: the school's catalog, a lecture with its course's rating, the most common
answer to each item and its reviews (never an author), and writing one."""

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from campus.core.errors import ApplicationError
from campus.core.ids import id_or_404
from campus.timetables import selectors
from campus.timetables.models import Review
from campus.timetables.services import reviews as services
from campus.timetables.web.catalog import catalog_search
from campus.timetables.web.forms import EXAM_CHOICES, ReviewForm
from campus.web.auth import StudentRequest, add_service_error, student_required

REVIEWS_SHOWN = 50
ITEM_LABELS: dict[str, tuple[str, dict[Any, str]]] = {
    "assignment": ("과제", dict(Review.Amount.choices)),
    "group_work": ("조모임", dict(Review.Amount.choices)),
    "grading": ("성적", dict(Review.Grading.choices)),
    "attendance": ("출결", dict(Review.Attendance.choices)),
    "exams": ("시험 횟수", dict(EXAM_CHOICES)),
}


def shown_items(answers: dict[str, Any]) -> list[tuple[str, str]]:
    """(item, answer) in Korean, from a review's answers or from `review_item_modes`."""
    return [(label, words[answers[item]]) for item, (label, words) in ITEM_LABELS.items()]


@student_required
@require_GET
def lecture_search_page(request: StudentRequest) -> HttpResponse:
    """The current semester's catalog of my school, searched like the timetable page's."""
    semester = selectors.semester_current()
    search = catalog_search(request, semester_id=semester.pk if semester else None)
    context = {"search": search, "semester": semester}
    template = "timetables/lectures.html#results" if request.htmx else "timetables/lectures.html"
    return render(request, template, context, status=400 if search.refused else 200)


@student_required
@require_http_methods(["GET", "POST"])
def lecture_page(request: StudentRequest, pk: int) -> HttpResponse:
    lecture = selectors.lecture_get_for(viewer=request.user, pk=pk)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.review_create(lecture=lecture, author=request.user, **form.cleaned_data)
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            return redirect(lecture.get_absolute_url() + "#reviews")
    reviews = list(selectors.review_list_for_lecture(lecture=lecture)[:REVIEWS_SHOWN])
    modes = selectors.review_item_modes(lecture=lecture)
    context = {
        "lecture": lecture,
        "rating": lecture.course.rating_average,
        "rating_count": lecture.course.rating_count,
        "modes": shown_items(modes) if modes else [],
        "reviews": [
            {"review": r, "items": shown_items(vars(r)), "is_mine": r.author_id == request.user.id}
            for r in reviews
        ],
        "form": form,
    }
    return render(request, "timetables/lecture.html", context, status=400 if form.errors else 200)


@student_required
@require_POST
def review_delete(request: StudentRequest, pk: int) -> HttpResponse:
    review = selectors.review_get_for(viewer=request.user, pk=pk)
    back = reverse("timetables:lecture", args=[id_or_404(request.POST.get("lecture"))])
    try:
        services.review_delete(review=review, user=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "강의평을 지웠습니다.")
    return redirect(back)
