from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Greatest, Least
from django.urls import reverse

from campus.core.models import ChangeTracking, ChangeTrackingQuerySet, TimestampedModel
from campus.timetables.clock import DAY_NAMES, MINUTES_PER_DAY, format_clock

MAX_CREDITS = 30  # a lecture's credits and a grade entry's, in the catalog, the API and the forms


class Term(models.TextChoices):
    FIRST = "1", "1학기"
    SUMMER = "summer", "여름학기"
    SECOND = "2", "2학기"
    WINTER = "winter", "겨울학기"


TERM_ORDER = {Term.FIRST: 0, Term.SUMMER: 1, Term.SECOND: 2, Term.WINTER: 3}


def regular_term_of(day: date) -> tuple[int, str]:
    """The regular semester a day belongs to: 1학기 March–August, 2학기 September–February."""
    if 3 <= day.month <= 8:
        return day.year, Term.FIRST
    return (day.year if day.month >= 9 else day.year - 1), Term.SECOND


class Semester(TimestampedModel):
    year = models.PositiveSmallIntegerField(validators=[MinValueValidator(1950), MaxValueValidator(2100)])
    term = models.CharField(max_length=6, choices=Term.choices)

    class Meta:
        ordering = ["-year", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["year", "term"], name="semester_unique"),
            models.CheckConstraint(condition=Q(term__in=Term.values), name="semester_term_valid"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return f"{self.year}년 {Term(self.term).label}"


def _time_constraints(prefix: str) -> list:
    return [
        models.CheckConstraint(condition=Q(day__gte=0, day__lte=6), name=f"{prefix}_day_range"),
        models.CheckConstraint(condition=Q(start__lt=F("end")), name=f"{prefix}_start_before_end"),
        models.CheckConstraint(
            condition=Q(start__gte=0, end__lte=MINUTES_PER_DAY), name=f"{prefix}_within_day"
        ),
    ]


class Course(ChangeTracking, TimestampedModel):
    """The same lecture across semesters (school + code + professor): what reviews are about."""

    school = models.ForeignKey("accounts.School", on_delete=models.PROTECT, related_name="+")
    code = models.CharField(max_length=30)
    professor = models.CharField(max_length=50, blank=True)
    rating_sum = models.PositiveIntegerField(default=0)
    rating_count = models.PositiveIntegerField(default=0)

    objects = ChangeTrackingQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["school", "code", "professor"], name="course_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.code} ({self.professor})"

    @property
    def rating_average(self) -> float | None:
        """The mean 별점, to 2 places; None before the first review."""
        return round(self.rating_sum / self.rating_count, 2) if self.rating_count else None


class Lecture(ChangeTracking, TimestampedModel):
    school = models.ForeignKey("accounts.School", on_delete=models.PROTECT, related_name="+")
    semester = models.ForeignKey(Semester, on_delete=models.PROTECT, related_name="lectures")
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="lectures")
    code = models.CharField(max_length=30)
    name = models.CharField(max_length=100)
    professor = models.CharField(max_length=50, blank=True)
    credits = models.PositiveSmallIntegerField(validators=[MaxValueValidator(MAX_CREDITS)])
    category = models.CharField(max_length=20, blank=True)
    department = models.CharField(max_length=50, blank=True)
    capacity = models.PositiveIntegerField(null=True, blank=True)

    objects = ChangeTrackingQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["school", "semester", "code"], name="lecture_unique_code"),
            models.CheckConstraint(condition=Q(credits__lte=MAX_CREDITS), name="lecture_credits_range"),
        ]
        indexes = [
            models.Index(fields=["school", "semester", "id"], name="lecture_catalog_idx"),
            models.Index(fields=["school", "semester", "department"], name="lecture_department_idx"),
        ]

    def get_absolute_url(self) -> str:
        return reverse("timetables:lecture", args=[self.pk])

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class LectureTime(ChangeTracking, models.Model):
    lecture = models.ForeignKey(Lecture, on_delete=models.CASCADE, related_name="times")
    day = models.PositiveSmallIntegerField()
    start = models.PositiveSmallIntegerField(help_text="minutes after midnight")
    end = models.PositiveSmallIntegerField(help_text="minutes after midnight")
    room = models.CharField(max_length=50, blank=True)

    objects = ChangeTrackingQuerySet.as_manager()

    class Meta:
        ordering = ["day", "start"]
        constraints = _time_constraints("lecture_time")
        indexes = [models.Index(fields=["day", "lecture"], name="lecture_time_day_idx")]

    def __str__(self) -> str:
        return f"{DAY_NAMES[self.day]} {format_clock(self.start)}-{format_clock(self.end)}"


class Timetable(TimestampedModel):
    class Visibility(models.TextChoices):
        PUBLIC = "public", "전체 공개"
        FRIENDS = "friends", "친구 공개"
        PRIVATE = "private", "비공개"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="timetables")
    semester = models.ForeignKey(Semester, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=40)
    is_primary = models.BooleanField(default=False)
    visibility = models.CharField(max_length=10, choices=Visibility.choices, default=Visibility.FRIENDS)
    lectures: "models.ManyToManyField[Lecture, TimetableLecture]" = models.ManyToManyField(
        Lecture, through="TimetableLecture", related_name="+"
    )

    def get_absolute_url(self) -> str:
        return reverse("timetables:page", args=[self.pk])

    @property
    def total_credits(self) -> int:
        """The credits of its lectures (prefetch `lectures` before asking in a loop)."""
        return sum(lecture.credits for lecture in self.lectures.all())

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "semester", "name"], name="timetable_name_unique"),
            models.UniqueConstraint(
                fields=["user", "semester"], condition=Q(is_primary=True), name="timetable_one_primary"
            ),
            models.CheckConstraint(
                condition=Q(visibility__in=["public", "friends", "private"]),
                name="timetable_visibility_valid",
            ),
        ]


class TimetableLecture(TimestampedModel):
    timetable = models.ForeignKey(Timetable, on_delete=models.CASCADE, related_name="entries")
    lecture = models.ForeignKey(Lecture, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["timetable", "lecture"], name="timetable_lecture_unique")
        ]


class Event(TimestampedModel):
    """A custom entry in a timetable (아르바이트, 스터디 …)."""

    timetable = models.ForeignKey(Timetable, on_delete=models.CASCADE, related_name="events")
    title = models.CharField(max_length=50)
    day = models.PositiveSmallIntegerField()
    start = models.PositiveSmallIntegerField()
    end = models.PositiveSmallIntegerField()
    place = models.CharField(max_length=50, blank=True)

    class Meta:
        ordering = ["day", "start", "id"]
        constraints = _time_constraints("event")


class Review(TimestampedModel):
    class Amount(models.TextChoices):
        MANY = "many", "많음"
        NORMAL = "normal", "보통"
        NONE = "none", "없음"

    class Grading(models.TextChoices):
        GENEROUS = "generous", "너그러움"
        NORMAL = "normal", "보통"
        STRICT = "strict", "깐깐함"
        HARSH = "harsh", "F폭격기"

    class Attendance(models.TextChoices):
        MIXED = "mixed", "혼용"
        ROLL_CALL = "roll_call", "직접호명"
        ASSIGNED_SEATS = "assigned_seats", "지정좌석"
        ELECTRONIC = "electronic", "전자출결"
        NONE = "none", "반영안함"

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="reviews")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    rating = models.PositiveSmallIntegerField()
    content = models.TextField()
    semester_taken = models.ForeignKey(
        Semester, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    assignment = models.CharField(max_length=10, choices=Amount.choices)
    group_work = models.CharField(max_length=10, choices=Amount.choices)
    grading = models.CharField(max_length=10, choices=Grading.choices)
    attendance = models.CharField(max_length=20, choices=Attendance.choices)
    exams = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["course", "author"], name="review_one_per_course"),
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5), name="review_rating_range"),
            models.CheckConstraint(condition=Q(exams__lte=4), name="review_exams_range"),
        ]
        indexes = [models.Index(fields=["course", "-id"], name="review_course_idx")]


class Friendship(TimestampedModel):
    """A friend request (`accepted_at` empty) or a friendship, one per pair whichever way it went."""

    from_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    to_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(Least("from_user", "to_user"), Greatest("from_user", "to_user"),
                                    name="friendship_unique_pair"),
            models.CheckConstraint(condition=~Q(from_user=F("to_user")), name="friendship_not_self"),
        ]  # fmt: skip


GRADE_VALUES = ["A+", "A0", "B+", "B0", "C+", "C0", "D+", "D0", "F", "P", "NP"]


class GradeEntry(TimestampedModel):
    class Grade(models.TextChoices):
        A_PLUS = "A+"
        A_ZERO = "A0"
        B_PLUS = "B+"
        B_ZERO = "B0"
        C_PLUS = "C+"
        C_ZERO = "C0"
        D_PLUS = "D+"
        D_ZERO = "D0"
        F = "F"
        P = "P"
        NP = "NP"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="grades")
    year = models.PositiveSmallIntegerField()
    term = models.CharField(max_length=6, choices=Term.choices)
    course_name = models.CharField(max_length=100)
    credits = models.PositiveSmallIntegerField(validators=[MaxValueValidator(MAX_CREDITS)])
    grade = models.CharField(max_length=2, choices=Grade.choices)
    is_major = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["user", "year", "term"], name="grade_user_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(grade__in=GRADE_VALUES), name="grade_valid"),
            models.CheckConstraint(condition=Q(credits__lte=MAX_CREDITS), name="grade_credits_range"),
        ]
