"""Demo catalog: the current and the previous regular semester, with a realistic catalog of
lectures per school (departments, professors, 1–3 weekday slots of 50/75/90 minutes, rooms,
1–3 credits) so that clashes exist and every filter finds something. Idempotent."""

import random
from datetime import date

from django.db import transaction
from django.utils import timezone

from campus.accounts.models import School
from campus.timetables.models import Course, Lecture, LectureTime, Semester, Term, regular_term_of
from campus.timetables.services.catalog import lecture_time_rows

DEPARTMENTS = {
    "컴퓨터공학과": (
        "CSE",
        [
            "자료구조",
            "알고리즘",
            "운영체제",
            "컴퓨터네트워크",
            "데이터베이스",
            "소프트웨어공학",
            "인공지능",
            "컴파일러",
        ],
    ),
    "경영학과": ("BIZ", ["경영학원론", "회계원리", "마케팅관리", "재무관리", "조직행동론", "경영정보시스템"]),
    "경제학과": ("ECO", ["경제원론", "미시경제학", "거시경제학", "계량경제학", "국제경제학"]),
    "수학과": ("MTH", ["미적분학", "선형대수학", "해석학", "확률론", "위상수학"]),
    "영어영문학과": ("ENG", ["영어회화", "영미문학개론", "영어학개론", "영작문"]),
    "국어국문학과": ("KOR", ["국어학개론", "현대소설론", "고전시가론", "한국어문법"]),
    "심리학과": ("PSY", ["심리학개론", "인지심리학", "사회심리학", "발달심리학"]),
    "디자인학과": ("DSN", ["기초디자인", "타이포그래피", "UX디자인", "디자인사"]),
    "물리학과": ("PHY", ["일반물리학", "역학", "전자기학", "양자역학"]),
    "교양과정부": ("GEN", ["대학글쓰기", "철학의 이해", "글로벌 시민교육", "현대사회와 윤리", "창의적 사고"]),
}
SURNAMES = "김이박최정강조윤장임한오서신권황안송류홍"
GIVEN = [
    "민수",
    "서연",
    "지훈",
    "유진",
    "하늘",
    "지민",
    "세훈",
    "수빈",
    "도윤",
    "하은",
    "예준",
    "서준",
    "지우",
]
# (duration in minutes, weekday start times): 50-minute periods on the hour, 75 and 90-minute blocks.
PATTERNS = [
    (50, [9 * 60, 10 * 60, 11 * 60, 12 * 60, 13 * 60, 14 * 60, 15 * 60, 16 * 60, 17 * 60]),
    (75, [9 * 60, 10 * 60 + 30, 12 * 60, 13 * 60 + 30, 15 * 60, 16 * 60 + 30]),
    (90, [9 * 60, 10 * 60 + 30, 13 * 60, 14 * 60 + 30, 16 * 60, 18 * 60]),
]
LECTURES_PER_SEMESTER = 320


def demo_semesters(today: date | None = None) -> list[Semester]:
    """The current regular semester (1학기 March–August, 2학기 September–February) and the one before."""
    current = regular_term_of(today or timezone.localdate())
    year, term = current
    previous = (year - 1, Term.SECOND) if term == Term.FIRST else (year, Term.FIRST)
    return [Semester.objects.get_or_create(year=y, term=t)[0] for y, t in (previous, current)]


def _catalog(seed: str) -> list[dict]:
    """The same school gets the same courses every semester (so reviews span semesters)."""
    rng = random.Random(seed)
    lectures = []
    departments = list(DEPARTMENTS.items())
    for index in range(LECTURES_PER_SEMESTER):
        department, (prefix, names) = departments[index % len(departments)]
        name = names[(index // len(departments)) % len(names)]
        section = index // (len(departments) * len(names)) + 1
        duration, starts = rng.choice(PATTERNS)
        slot_count = {50: rng.choice([1, 2, 3]), 75: 2, 90: rng.choice([1, 2])}[duration]
        days = sorted(rng.sample(range(5), slot_count))
        start = rng.choice(starts)
        building = rng.choice("TRSBAE")
        room = f"{building}{rng.randint(1, 6)}{rng.randint(1, 20):02d}"
        lectures.append(
            {
                "code": f"{prefix}{1000 + (index // len(departments)) % len(names) * 10 + 1}-{section:02d}",
                "name": name,
                "professor": rng.choice(SURNAMES) + rng.choice(GIVEN),
                "credits": 1 if duration == 50 and slot_count == 1 else rng.choice([2, 3, 3]),
                "category": "교양" if prefix == "GEN" else rng.choice(["전공필수", "전공선택", "전공선택"]),
                "department": department,
                "capacity": rng.choice([30, 40, 50, 60, 80, 120]),
                "times": [(day, start, start + duration, room) for day in days],
            }
        )
    return lectures


@transaction.atomic
def seed_catalog(*, school: School, semester: Semester) -> int:
    """Creates whatever of the demo catalog is missing; returns how many lectures it created."""
    existing = set(Lecture.objects.filter(school=school, semester=semester).values_list("code", flat=True))
    wanted = [item for item in _catalog(f"{school.name}") if item["code"] not in existing]
    if not wanted:
        return 0
    courses = {(c.code, c.professor): c for c in Course.objects.filter(school=school)}
    missing = {(i["code"], i["professor"]) for i in wanted} - set(courses)
    Course.objects.bulk_create(
        [Course(school=school, code=c, professor=p) for c, p in missing], ignore_conflicts=True
    )
    courses = {(c.code, c.professor): c for c in Course.objects.filter(school=school)}
    lectures = [
        Lecture(
            school=school, semester=semester, course=courses[(i["code"], i["professor"])],
            **{k: v for k, v in i.items() if k != "times"},
        )
        for i in wanted
    ]  # fmt: skip
    Lecture.objects.bulk_create(lectures)
    if lectures and lectures[0].pk is None:
        by_code = {lec.code: lec for lec in Lecture.objects.filter(school=school, semester=semester)}
        lectures = [by_code[i["code"]] for i in wanted]
    LectureTime.objects.bulk_create(
        [
            row
            for lecture, item in zip(lectures, wanted, strict=True)
            for row in lecture_time_rows(lecture, item["times"])
        ]
    )
    return len(lectures)
