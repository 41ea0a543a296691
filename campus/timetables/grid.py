"""The weekly grid the pages draw: which day columns, which hours, and where each block sits.
Computed here once (CSS grid rows at a 5-minute resolution), so a template only places boxes."""

from dataclasses import dataclass, field, replace

from campus.timetables.clock import DAY_NAMES, format_clock
from campus.timetables.models import Timetable

STEP = 5  # minutes per grid row
FIRST_HOUR, LAST_HOUR = 9, 18  # always shown; the grid grows to fit earlier or later blocks
WEEKDAYS = 5
PALETTE_SIZE = 8


@dataclass(frozen=True)
class Block:
    """One box on the grid: a lecture's class time, an event, or a free range."""

    title: str
    day: int
    start: int
    end: int
    place: str = ""
    colour: int = 0
    lecture_id: int | None = None
    event_id: int | None = None
    column: int = 0
    row_start: int = 0
    row_end: int = 0

    @property
    def times(self) -> str:
        return f"{DAY_NAMES[self.day]} {format_clock(self.start)}–{format_clock(self.end)}"


@dataclass
class Grid:
    days: list[tuple[int, str]]  # (column, day name)
    hours: list[tuple[int, str]]  # (first row of the hour, "09")
    rows: int
    blocks: list[Block] = field(default_factory=list)


def timetable_blocks(timetable: Timetable) -> list[Block]:
    """A (prefetched) timetable's class times and events; one colour per lecture."""
    blocks = [
        Block(
            lecture.name,
            t.day,
            t.start,
            t.end,
            t.room,
            colour=lecture.pk % PALETTE_SIZE,
            lecture_id=lecture.pk,
        )
        for lecture in timetable.lectures.all()
        for t in lecture.times.all()
    ]
    blocks += [
        Block(e.title, e.day, e.start, e.end, e.place, colour=PALETTE_SIZE, event_id=e.pk)
        for e in timetable.events.all()
    ]
    return blocks


def grid_of(blocks: list[Block]) -> Grid:
    """Mon–Fri always, 토 and 일 only when a block falls on them; 09–18 always, wider when needed.
    Rows start at 2 (row 1 holds the day names); a block covers [start, end) rounded outwards."""
    last_day = max([WEEKDAYS - 1, *(b.day for b in blocks)])
    days = list(range(last_day + 1))  # a week never skips 토 to show 일
    first = min([FIRST_HOUR * 60, *(b.start for b in blocks)]) // 60 * 60
    last = -(-max([LAST_HOUR * 60, *(b.end for b in blocks)]) // 60) * 60
    column = {day: index + 2 for index, day in enumerate(days)}  # column 1 holds the hours

    def line(minutes: int) -> int:
        return (minutes - first) // STEP + 2

    placed = [
        replace(b, column=column[b.day], row_start=line(b.start), row_end=line(-(-b.end // STEP) * STEP))
        for b in sorted(blocks, key=lambda b: (b.day, b.start))
    ]
    return Grid(
        days=[(column[d], DAY_NAMES[d]) for d in days],
        hours=[(line(hour * 60), f"{hour:02d}") for hour in range(first // 60, last // 60)],
        rows=(last - first) // STEP,
        blocks=placed,
    )
