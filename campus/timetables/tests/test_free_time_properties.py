"""Property tests for the clash and free-time arithmetic (no database)."""

from hypothesis import given
from hypothesis import strategies as st

from campus.timetables.clock import Slot, free_ranges

FIRST, LAST = 9 * 60, 22 * 60


@st.composite
def slots(draw):
    day = draw(st.integers(0, 6))
    start = draw(st.integers(0, 24 * 60 - 1))
    end = draw(st.integers(start + 1, 24 * 60))
    return Slot(day, start, end)


@given(st.lists(slots(), max_size=25))
def test_free_ranges_are_exactly_the_uncovered_weekday_minutes(busy):
    free = free_ranges(busy=busy)
    for slot in free:
        assert slot.day < 5
        assert FIRST <= slot.start < slot.end <= LAST
        assert not any(slot.overlaps(b) for b in busy)
    for day in range(5):
        for minute in range(FIRST, LAST, 5):
            covered = any(b.day == day and b.start <= minute < b.end for b in busy)
            offered = any(f.day == day and f.start <= minute < f.end for f in free)
            assert covered != offered, (day, minute)


@given(slots(), slots())
def test_overlap_is_symmetric_and_touching_ends_do_not_clash(a, b):
    assert a.overlaps(b) == b.overlaps(a)
    assert not Slot(a.day, a.start, a.end).overlaps(Slot(a.day, a.end, a.end + 1))
