"""The catalog search both the timetable page and the 강의평 page show: the same filters, the
same selector, the same cap."""

from dataclasses import dataclass

from campus.timetables import selectors
from campus.timetables.models import Lecture
from campus.timetables.web.forms import LectureSearchForm
from campus.web.auth import StudentRequest

SEARCH_RESULTS = 30  # a semester's catalog is a few hundred lectures: narrow the search for more


@dataclass
class CatalogSearch:
    form: LectureSearchForm
    results: list[Lecture] | None  # None: nothing asked yet (or the filters were refused)
    limit: int = SEARCH_RESULTS

    @property
    def refused(self) -> bool:
        """Filters no form offers (a day 9, credits "x"): the page answers 400 with the message."""
        return self.form.is_bound and not self.form.is_valid()


def catalog_search(request: StudentRequest, *, semester_id: int | None) -> CatalogSearch:
    """The viewer's school's lectures of a semester matching `?q=&day=&credits=&category=`."""
    categories = (
        selectors.lecture_categories(viewer=request.user, semester_id=semester_id) if semester_id else []
    )
    # Its own ids: the timetable page also has the event form, whose "요일" would be `id_day` too.
    form = LectureSearchForm(request.GET or None, categories=categories, auto_id="search-%s")
    filters = form.filters()
    if semester_id is None or filters is None:
        return CatalogSearch(form, None)
    lectures = selectors.catalog_search(viewer=request.user, filters={**filters, "semester": semester_id})
    return CatalogSearch(form, list(lectures[:SEARCH_RESULTS]))
