"""Times of day as minutes after midnight, and the weekly slots they make: parsed, shown and
compared here once, for the API, the CSV importer, the web pages and the clash rules."""

import re
from dataclasses import dataclass

DAY_NAMES = ["월", "화", "수", "목", "금", "토", "일"]
MINUTES_PER_DAY = 24 * 60
# ASCII digits only: Python's \d would also read "١٢:٠٠" as noon.
CLOCK = re.compile(r"([0-9]{1,2}):([0-9]{2})")


def parse_clock(text: str) -> int:
    """ "HH:MM" on the 24-hour clock (00:00–24:00) → minutes after midnight; ValueError otherwise."""
    match = CLOCK.fullmatch(text.strip()) if isinstance(text, str) else None
    if match is None:
        raise ValueError(f"잘못된 시각: {text}")
    hours, minutes = int(match[1]), int(match[2])
    if hours > 24 or minutes > 59 or (hours == 24 and minutes):
        raise ValueError(f"잘못된 시각: {text}")
    return hours * 60 + minutes


def format_clock(minutes: int) -> str:
    """Minutes after midnight as "HH:MM"."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@dataclass(frozen=True)
class Slot:
    """A weekly time: `day` 0 = Monday … 6 = Sunday, `start`/`end` in minutes, start < end."""

    day: int
    start: int
    end: int

    def overlaps(self, other: "Slot") -> bool:
        """Touching ends (10:15 end, 10:15 start) do not overlap."""
        return self.day == other.day and self.start < other.end and other.start < self.end


def free_ranges(
    *, busy: list[Slot], first: int = 9 * 60, last: int = 22 * 60, days: range = range(5)
) -> list[Slot]:
    """Ranges between `first` and `last` on `days` that no busy slot touches."""
    free = []
    for day in days:
        cursor = first
        for slot in sorted((s for s in busy if s.day == day), key=lambda s: s.start):
            if slot.end <= cursor:
                continue
            if slot.start > cursor:
                free.append(Slot(day, cursor, min(slot.start, last)))
            cursor = max(cursor, slot.end)
            if cursor >= last:
                break
        if cursor < last:
            free.append(Slot(day, cursor, last))
    return [s for s in free if s.start < s.end]
