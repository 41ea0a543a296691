"""학점계산기: grade entries and the GPA on the 4.5 scale."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone

from campus.accounts.models import User
from campus.core.errors import ApplicationError
from campus.core.updates import KEEP, Keep, given, model_update
from campus.timetables.models import TERM_ORDER, GradeEntry, Term

POINTS = {
    "A+": Decimal("4.5"), "A0": Decimal("4.0"), "B+": Decimal("3.5"), "B0": Decimal("3.0"),
    "C+": Decimal("2.5"), "C0": Decimal("2.0"), "D+": Decimal("1.5"), "D0": Decimal("1.0"), "F": Decimal("0"),
}  # fmt: skip
# P and NP count toward credits, never toward a GPA.
UNGRADED = {"P", "NP"}


GRADE_MIN_YEAR = 1950


def _check_year(year: int) -> None:
    """A semester from `GRADE_MIN_YEAR` to next year (a student plans the coming one)."""
    if year > timezone.localdate().year + 1:
        raise ApplicationError("먼 미래의 학기입니다.", field="year")
    if year < GRADE_MIN_YEAR:
        raise ApplicationError(f"{GRADE_MIN_YEAR}년 이후의 학기여야 합니다.", field="year")


@transaction.atomic
def grade_create(
    *, user: User, year: int, term: str, course_name: str, credits: int, grade: str, is_major: bool = False
) -> GradeEntry:
    _check_year(year)
    return GradeEntry.objects.create(
        user=user, year=year, term=term, course_name=course_name, credits=credits, grade=grade,
        is_major=is_major,
    )  # fmt: skip


@transaction.atomic
def grade_update(
    *,
    entry: GradeEntry,
    year: int | Keep = KEEP,
    term: str | Keep = KEEP,
    course_name: str | Keep = KEEP,
    credits: int | Keep = KEEP,
    grade: str | Keep = KEEP,
    is_major: bool | Keep = KEEP,
) -> GradeEntry:
    if not isinstance(year, Keep):
        _check_year(year)
    return model_update(entry, given(
        year=year, term=term, course_name=course_name, credits=credits, grade=grade, is_major=is_major
    ))  # fmt: skip


def grade_delete(*, entry: GradeEntry) -> None:
    entry.delete()


def _gpa(entries: list[GradeEntry]) -> float | None:
    graded = [e for e in entries if e.grade not in UNGRADED]
    credits = sum(e.credits for e in graded)
    if not credits:
        return None
    total = sum((POINTS[e.grade] * e.credits for e in graded), Decimal(0))
    return float((total / credits).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class SemesterGpa:
    year: int
    term: str
    gpa: float | None
    credits: int


@dataclass(frozen=True)
class GpaSummary:
    """GPAs on the 4.5 scale, rounded half up to 2 places; None with no graded course."""

    gpa: float | None
    major_gpa: float | None
    credits: int
    semesters: list[SemesterGpa]


def gpa_summary(entries: list[GradeEntry]) -> GpaSummary:
    by_semester: dict[tuple[int, str], list[GradeEntry]] = defaultdict(list)
    for entry in entries:
        by_semester[(entry.year, entry.term)].append(entry)
    ordered = sorted(by_semester, key=lambda key: (key[0], TERM_ORDER[Term(key[1])]))
    return GpaSummary(
        gpa=_gpa(entries),
        major_gpa=_gpa([e for e in entries if e.is_major]),
        credits=sum(e.credits for e in entries),
        semesters=[
            SemesterGpa(
                year=year,
                term=term,
                gpa=_gpa(by_semester[(year, term)]),
                credits=sum(e.credits for e in by_semester[(year, term)]),
            )
            for year, term in ordered
        ],
    )
