"""학점계산기: my grade entries per semester, the GPAs on the 4.5 scale and a chart of the GPA
per semester, drawn on the server as SVG (no script, no chart library)."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from campus.core.errors import ApplicationError
from campus.timetables import selectors
from campus.timetables.models import Term, regular_term_of
from campus.timetables.services import grades as services
from campus.timetables.services.grades import GpaSummary
from campus.timetables.web.forms import GradeForm
from campus.web.auth import StudentRequest, add_service_error, student_required

CHART_WIDTH, CHART_HEIGHT, CHART_PAD = 320, 160, 28
SCALE = 4.5


def gpa_chart(summary: GpaSummary) -> dict:
    """Points of the semesters that have a GPA, in a CHART_WIDTH × CHART_HEIGHT box (4.5 on top)."""
    graded = [s for s in summary.semesters if s.gpa is not None]
    inner_w, inner_h = CHART_WIDTH - 2 * CHART_PAD, CHART_HEIGHT - 2 * CHART_PAD
    step = inner_w / max(len(graded) - 1, 1)
    points = [
        {
            "x": round(CHART_PAD + (index * step if len(graded) > 1 else inner_w / 2), 1),
            "y": round(CHART_PAD + inner_h * (1 - (s.gpa or 0) / SCALE), 1),
            "gpa": s.gpa,
            "label": f"{s.year % 100}-{Term(s.term).label.removesuffix('학기')}",
        }
        for index, s in enumerate(graded)
    ]
    gridlines = [
        {"value": v, "y": round(CHART_PAD + inner_h * (1 - v / SCALE), 1)} for v in (0.0, 1.5, 3.0, 4.5)
    ]
    return {
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "points": points,
        "polyline": " ".join(f"{p['x']},{p['y']}" for p in points),
        "gridlines": gridlines,
        "left": CHART_PAD,
        "right": CHART_WIDTH - CHART_PAD,
        "bottom": CHART_HEIGHT - 6,
    }


@student_required
@require_http_methods(["GET", "POST"])
def calculator_page(request: StudentRequest) -> HttpResponse:
    year, term = regular_term_of(timezone.localdate())
    form = GradeForm(request.POST or None, initial={"year": year, "term": term})
    if request.method == "POST" and form.is_valid():
        try:
            services.grade_create(user=request.user, **form.cleaned_data)
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            return redirect("timetables:calculator")
    entries = list(selectors.grade_list_for(owner=request.user))
    summary = services.gpa_summary(entries)
    semesters = [
        {
            "name": f"{s.year}년 {Term(s.term).label}",
            "gpa": s.gpa,
            "credits": s.credits,
            "entries": [e for e in entries if (e.year, e.term) == (s.year, s.term)],
        }
        for s in summary.semesters
    ]
    context = {"form": form, "summary": summary, "semesters": semesters, "chart": gpa_chart(summary)}
    return render(request, "timetables/calculator.html", context, status=400 if form.errors else 200)


@student_required
@require_POST
def grade_remove(request: StudentRequest, pk: int) -> HttpResponse:
    try:
        services.grade_delete(entry=selectors.grade_get_for(owner=request.user, pk=pk))
    except ApplicationError as error:
        messages.error(request, error.message)
    return redirect("timetables:calculator")
