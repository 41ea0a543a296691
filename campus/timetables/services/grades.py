"""학점계산기: grade entries and the GPA on the 4.5 scale."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction

from campus.accounts.models import User
from campus.core.errors import ApplicationError, ErrorCode
from campus.timetables.models import TERM_ORDER, GradeEntry

POINTS = {
    "A+": Decimal("4.5"), "A0": Decimal("4.0"), "B+": Decimal("3.5"), "B0": Decimal("3.0"),
    "C+": Decimal("2.5"), "C0": Decimal("2.0"), "D+": Decimal("1.5"), "D0": Decimal("1.0"), "F": Decimal("0"),
}  # fmt: skip
# P and NP count toward credits, never toward a GPA.
UNGRADED = {"P", "NP"}


def grade_create(*, user: User, **fields) -> GradeEntry:
    return GradeEntry.objects.create(user=user, **fields)


@transaction.atomic
def grade_update(*, entry: GradeEntry, **changes) -> GradeEntry:
    for field, value in changes.items():
        setattr(entry, field, value)
    entry.save(update_fields=[*changes, "updated_at"])
    return entry


def grade_delete(*, entry: GradeEntry) -> None:
    entry.delete()


def grade_get_for(*, owner: User, pk: int) -> GradeEntry:
    entry = GradeEntry.objects.filter(user=owner, pk=pk).first()
    if entry is None:
        raise ApplicationError("성적을 찾을 수 없습니다.", code=ErrorCode.NOT_FOUND)
    return entry


def _gpa(entries: list[GradeEntry]) -> float | None:
    graded = [e for e in entries if e.grade not in UNGRADED]
    credits = sum(e.credits for e in graded)
    if not credits:
        return None
    total = sum(POINTS[e.grade] * e.credits for e in graded)
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
    ordered = sorted(by_semester, key=lambda key: (key[0], TERM_ORDER[key[1]]))
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
