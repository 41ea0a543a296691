"""The timetable page: a weekly grid of my timetable, the catalog search beside it, adding and
removing lectures and events, several timetables per semester and their settings. Reads go
through the API's selectors, every change through its services; each POST redirects back
(works without JavaScript) and htmx swaps the grid in place."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from campus.core.errors import ApplicationError
from campus.core.ids import id_or_404
from campus.timetables import selectors
from campus.timetables.clock import DAY_NAMES, format_clock
from campus.timetables.grid import grid_of, timetable_blocks
from campus.timetables.models import Semester, Timetable
from campus.timetables.services import timetables as services
from campus.timetables.web.catalog import catalog_search
from campus.timetables.web.forms import EventForm, TimetableSettingsForm
from campus.web.auth import StudentRequest, add_service_error, student_required


def _back(timetable: Timetable) -> HttpResponse:
    return redirect(timetable)


def _timetable(request: StudentRequest, pk: int) -> Timetable:
    return selectors.timetable_get_for(owner=request.user, pk=pk)


def clash_message(timetable: Timetable, clash: services.TimetableClash) -> str:
    """ "시간이 겹치는 …: 자료구조 (월 09:00–10:15)", naming each thing in the way once."""
    names = {("lecture", lec.pk): lec.name for lec in timetable.lectures.all()}
    names |= {("event", e.pk): e.title for e in timetable.events.all()}
    parts = []
    for c in clash.clashes:
        name = names[("lecture", c.lecture_id)] if c.lecture_id else names[("event", c.event_id)]
        when = f"{DAY_NAMES[c.slot.day]} {format_clock(c.slot.start)}–{format_clock(c.slot.end)}"
        parts.append(f"{name} ({when})")
    return f"{clash.message} {', '.join(dict.fromkeys(parts))}"


def _grid(timetable: Timetable) -> dict:
    return {
        "timetable": timetable,
        "grid": grid_of(timetable_blocks(timetable)),
        "total_credits": timetable.total_credits,
    }


def _show(request: StudentRequest, timetable: Timetable, *, status: int = 200, **forms) -> HttpResponse:
    """The whole page, or only the search results when htmx asked for them."""
    search = catalog_search(request, semester_id=timetable.semester_id)
    status = 400 if search.refused else status
    context = {
        "timetable": timetable,
        "search": search,
        "in_timetable": {lec.pk for lec in timetable.lectures.all()},
    }
    if request.htmx and "q" in request.GET:
        return render(request, "timetables/timetable.html#results", context, status=status)
    context |= {
        **_grid(timetable),
        "semesters": selectors.semester_list(),
        "siblings": selectors.timetable_list_for(owner=request.user)
        .filter(semester_id=timetable.semester_id)
        .prefetch_related(None),
        "settings_form": forms.get("settings_form")
        or TimetableSettingsForm(initial={"name": timetable.name, "visibility": timetable.visibility}),
        "event_form": forms.get("event_form") or EventForm(),
    }
    return render(request, "timetables/timetable.html", context, status=status)


def semester_from_query(request: StudentRequest) -> Semester:
    """`?semester=` when given (a 404 unless it exists), else the current semester."""
    if request.GET.get("semester"):
        return get_object_or_404(Semester, pk=id_or_404(request.GET["semester"]))
    semester = selectors.semester_current()
    if semester is None:
        raise Http404
    return semester


@student_required
@require_GET
def timetable_home(request: StudentRequest) -> HttpResponse:
    """The current (or chosen) semester's primary timetable, made on the first visit."""
    semester = semester_from_query(request)
    primary = services.timetable_primary_ensure(user=request.user, semester=semester)
    return _show(request, _timetable(request, primary.pk))


@student_required
@require_GET
def timetable_page(request: StudentRequest, pk: int) -> HttpResponse:
    return _show(request, _timetable(request, pk))


def _board(request: StudentRequest, timetable: Timetable, *, clash: str | None = None) -> HttpResponse:
    """The grid and total, freshly read, for htmx to swap in place."""
    context = {**_grid(_timetable(request, timetable.pk)), "clash": clash}
    return render(request, "timetables/timetable.html#board", context)


def _change(request: StudentRequest, timetable: Timetable, change) -> HttpResponse:
    """Run a change of the grid; a clash or refusal is a message and changes nothing."""
    clash = None
    try:
        change()
    except services.TimetableClash as error:
        clash = clash_message(timetable, error)
    except ApplicationError as error:
        clash = error.message
    if request.htmx:
        return _board(request, timetable, clash=clash)
    if clash:
        messages.error(request, clash)
    return _back(timetable)


@student_required
@require_POST
def lecture_add(request: StudentRequest, pk: int) -> HttpResponse:
    timetable = _timetable(request, pk)
    lecture = selectors.lecture_get_for(viewer=request.user, pk=id_or_404(request.POST.get("lecture")))
    return _change(
        request, timetable, lambda: services.timetable_lecture_add(timetable=timetable, lecture=lecture)
    )


@student_required
@require_POST
def lecture_remove(request: StudentRequest, pk: int, lecture_id: int) -> HttpResponse:
    timetable = _timetable(request, pk)
    return _change(
        request,
        timetable,
        lambda: services.timetable_lecture_remove(timetable=timetable, lecture_id=lecture_id),
    )


@student_required
@require_POST
def event_add(request: StudentRequest, pk: int) -> HttpResponse:
    timetable = _timetable(request, pk)
    form = EventForm(request.POST)
    if form.is_valid():
        try:
            services.timetable_event_add(timetable=timetable, **form.cleaned_data)
        except services.TimetableClash as clash:  # the message above the kept input
            form.add_error(None, clash_message(timetable, clash))
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            return _back(timetable)
    return _show(request, timetable, status=400, event_form=form)


@student_required
@require_POST
def event_remove(request: StudentRequest, pk: int, event_id: int) -> HttpResponse:
    timetable = _timetable(request, pk)
    return _change(
        request, timetable, lambda: services.timetable_event_remove(timetable=timetable, event_id=event_id)
    )


@student_required
@require_POST
def timetable_new(request: StudentRequest) -> HttpResponse:
    semester = get_object_or_404(Semester, pk=id_or_404(request.POST.get("semester")))
    return _back(services.timetable_create_numbered(user=request.user, semester=semester))


@student_required
@require_POST
def timetable_settings(request: StudentRequest, pk: int) -> HttpResponse:
    timetable = _timetable(request, pk)
    form = TimetableSettingsForm(request.POST)
    if form.is_valid():
        try:
            services.timetable_update(timetable=timetable, **form.cleaned_data)
        except ApplicationError as error:
            add_service_error(form, error)
    if form.errors:
        return _show(request, _timetable(request, pk), status=400, settings_form=form)
    messages.success(request, "시간표 설정을 저장했습니다.")
    return _back(timetable)


@student_required
@require_POST
def timetable_make_primary(request: StudentRequest, pk: int) -> HttpResponse:
    timetable = _timetable(request, pk)
    services.timetable_update(timetable=timetable, is_primary=True)
    messages.success(request, "기본 시간표로 설정했습니다.")
    return _back(timetable)


@student_required
@require_POST
def timetable_delete(request: StudentRequest, pk: int) -> HttpResponse:
    timetable = _timetable(request, pk)
    services.timetable_delete(timetable=timetable)
    messages.success(request, f"‘{timetable.name}’을(를) 지웠습니다.")
    return redirect(f"{reverse('timetables:home')}?semester={timetable.semester_id}")
