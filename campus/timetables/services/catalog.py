"""The lecture catalog: CSV import and the class-time notation it understands.

Columns (header row, UTF-8 with or without BOM, or CP949):
    code, name, professor, credits, category, department, capacity, times
`code`, `name`, `credits` and `times` are required; the rest may be empty.
`times` holds one or more slots separated by `;` (or `,` / `/`), each one of
    월 09:00-10:15 [room]       a day (월화수목금토일 or Mon…Sun) and a clock range
    월1-3 [room]                periods: period N runs (8+N):00 to (8+N):50, so 월1-3 = 09:00-11:50
    월2 [room]                  a single period
Re-importing the same file changes nothing; each row is written in its own savepoint, so a
malformed row is skipped (with its line number and reason) and never half-written.
"""

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING

from django.db import transaction

from campus.accounts.models import School
from campus.core.ids import ascii_int
from campus.timetables.clock import parse_clock
from campus.timetables.models import MAX_CREDITS, Course, Lecture, LectureTime, Semester

if TYPE_CHECKING:
    from tqdm import tqdm

REQUIRED_COLUMNS = ["code", "name", "credits", "times"]
CHUNK = 500
DAYS = {d: i for i, d in enumerate("월화수목금토일")}
DAYS.update({d: i for i, d in enumerate(["mon", "tue", "wed", "thu", "fri", "sat", "sun"])})
# Digits are ASCII only ([0-9]): Python's \d would also take "١٢" for 12.
CLOCK_SLOT = re.compile(
    r"^(?P<day>[^\W\d_]+)\s*(?P<start>[0-9]{1,2}:[0-9]{2})\s*-\s*(?P<end>[0-9]{1,2}:[0-9]{2})(?:\s+(?P<room>.+))?$"
)
PERIOD_SLOT = re.compile(
    r"^(?P<day>[^\W\d_]+)\s*(?P<first>[0-9]{1,2})(?:\s*-\s*(?P<last>[0-9]{1,2}))?(?:\s+(?P<room>.+))?$"
)


class RowError(ValueError):
    """Why a row was skipped."""


def lecture_time_rows(lecture: Lecture, times: Iterable[tuple[int, int, int, str]]) -> list[LectureTime]:
    """Unsaved `LectureTime` rows for `(day, start, end, room)` tuples, for one bulk insert."""
    return [
        LectureTime(lecture=lecture, day=day, start=start, end=end, room=room)
        for day, start, end, room in times
    ]


def _day(text: str) -> int:
    key = text.strip().lower()[:3] if text.isascii() else text.strip()
    if key not in DAYS:
        raise RowError(f"알 수 없는 요일: {text}")
    return DAYS[key]


def parse_times(text: str) -> list[tuple[int, int, int, str]]:
    """`"월 09:00-10:15 T301; 수1-2"` → [(day, start, end, room), …]."""
    slots = []
    for raw in re.split(r"[;,/]", text or ""):
        part = raw.strip()
        if not part:
            continue
        if match := CLOCK_SLOT.match(part):
            try:
                day, start, end = _day(match["day"]), parse_clock(match["start"]), parse_clock(match["end"])
            except ValueError as error:
                raise RowError(str(error)) from error
        elif match := PERIOD_SLOT.match(part):
            first = int(match["first"])
            last = int(match["last"] or first)
            if not (1 <= first <= last <= 14):
                raise RowError(f"잘못된 교시: {part}")
            day, start, end = _day(match["day"]), (8 + first) * 60, (8 + last) * 60 + 50
        else:
            raise RowError(f"시간 형식을 알 수 없습니다: {part}")
        if start >= end:
            raise RowError(f"시작이 끝보다 늦습니다: {part}")
        slots.append((day, start, end, (match["room"] or "").strip()[:50]))
    if not slots:
        raise RowError("수업 시간이 없습니다")
    return slots


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)


def decode_csv(raw: bytes) -> str:
    """UTF-8 (with or without BOM) first, then CP949, which Korean schools' systems export."""
    for encoding in ("utf-8-sig", "cp949"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValueError("파일 인코딩을 알 수 없습니다 (UTF-8 또는 CP949만 지원).")


def read_rows(text: str) -> tuple[list[str], Iterable[tuple[int, dict]]]:
    reader = csv.DictReader(io.StringIO(text))
    columns = [c.strip().lower() for c in reader.fieldnames or []]
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise ValueError(
            f"필수 열이 없습니다: {', '.join(missing)} (필요한 열: {', '.join(REQUIRED_COLUMNS)})"
        )
    reader.fieldnames = columns

    def rows() -> Iterator[tuple[int, dict]]:
        for row in reader:
            yield reader.line_num, {k: (v or "").strip() for k, v in row.items() if k is not None}

    return columns, rows()


def _clean(row: dict) -> dict:
    for column in ("code", "name"):
        if not row.get(column):
            raise RowError(f"{column}이(가) 비어 있습니다")
    credits = ascii_int(row["credits"])
    if credits is None:
        raise RowError(f"학점이 정수가 아닙니다: {row['credits']}")
    if not 0 <= credits <= MAX_CREDITS:
        raise RowError(f"학점 범위를 벗어났습니다: {credits}")
    capacity = row.get("capacity") or None
    if capacity is not None:
        number = ascii_int(capacity)
        if number is None or not 0 <= number <= 100_000:
            raise RowError(f"정원이 0 이상의 정수가 아닙니다: {capacity}")
        capacity = number
    limits = {"code": 30, "name": 100, "professor": 50, "category": 20, "department": 50}
    for column, limit in limits.items():
        if len(row.get(column, "")) > limit:
            raise RowError(f"{column}이(가) {limit}자를 넘습니다")
    return {
        "code": row["code"],
        "name": row["name"],
        "professor": row.get("professor", ""),
        "credits": credits,
        "category": row.get("category", ""),
        "department": row.get("department", ""),
        "capacity": capacity,
        "times": parse_times(row["times"]),
    }


def _upsert(
    *,
    school: School,
    semester: Semester,
    data: dict,
    existing: dict[str, Lecture],
    courses: dict[tuple, Course],
) -> str:
    times = data.pop("times")
    course = courses.get((data["code"], data["professor"]))
    if course is None:
        course, _ = Course.objects.get_or_create(
            school=school, code=data["code"], professor=data["professor"]
        )
        courses[(course.code, course.professor)] = course
    lecture = existing.get(data["code"])
    if lecture is None:
        lecture = Lecture.objects.create(school=school, semester=semester, course=course, **data)
        LectureTime.objects.bulk_create(lecture_time_rows(lecture, times))
        existing[lecture.code] = lecture
        return "created"
    current_times = sorted((t.day, t.start, t.end, t.room) for t in lecture.times.all())
    changed = [f for f, v in data.items() if getattr(lecture, f) != v] + (
        ["course"] if lecture.course_id != course.pk else []
    )
    if not changed and current_times == sorted(times):
        return "unchanged"
    for name, value in data.items():
        setattr(lecture, name, value)
    lecture.course = course
    lecture.save()
    if current_times != sorted(times):
        lecture.times.all().delete()
        LectureTime.objects.bulk_create(lecture_time_rows(lecture, times))
    return "updated"


def lectures_import(
    *, school: School, semester: Semester, rows: Iterable[tuple[int, dict]], progress: "tqdm | None" = None
) -> ImportReport:
    report = ImportReport()
    existing = {
        lecture.code: lecture
        for lecture in Lecture.objects.filter(school=school, semester=semester).prefetch_related("times")
    }
    courses = {(c.code, c.professor): c for c in Course.objects.filter(school=school)}
    seen: set[str] = set()
    rows = iter(rows)
    while chunk := list(islice(rows, CHUNK)):
        # One commit per chunk (a commit per row is slow on SQLite); each row still has its own
        # savepoint, so a bad row rolls back alone and the rest of the chunk goes in.
        with transaction.atomic():
            for line, row in chunk:
                try:
                    data = _clean(row)
                    if data["code"] in seen:
                        raise RowError(f"같은 파일에 이미 나온 강의 코드입니다: {data['code']}")
                    with transaction.atomic():
                        outcome = _upsert(
                            school=school, semester=semester, data=data, existing=existing, courses=courses
                        )
                    seen.add(row["code"])
                    setattr(report, outcome, getattr(report, outcome) + 1)
                except RowError as error:
                    report.skipped.append((line, str(error)))
                if progress is not None:
                    progress.update(1)
    return report
