import pytest

from campus.timetables.tests.factories import SemesterFactory


@pytest.fixture
def fall(db):
    """2026년 2학기, the semester most timetable tests live in."""
    return SemesterFactory(year=2026, term="2")
