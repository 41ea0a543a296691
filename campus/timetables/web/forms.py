"""Forms of the timetable, lecture, friend and 학점계산기 pages: shape and the API's limits only;
the rules (clashes, one review per course, friends within a school) are the services'."""

from typing import cast

from django import forms
from django.utils import timezone

from campus.core.text import search_term
from campus.timetables.clock import DAY_NAMES, parse_clock
from campus.timetables.models import GRADE_VALUES, MAX_CREDITS, Review, Term, Timetable
from campus.timetables.services.grades import GRADE_MIN_YEAR
from campus.web.fields import MultiLineFormField, SingleLineFormField

DAY_CHOICES = list(enumerate(DAY_NAMES))
EXAM_CHOICES = [(0, "없음"), (1, "한 번"), (2, "두 번"), (3, "세 번"), (4, "네 번 이상")]
# WEB.md's words for the three visibilities.
VISIBILITY_CHOICES = [
    (Timetable.Visibility.PUBLIC, "전체공개"),
    (Timetable.Visibility.FRIENDS, "친구공개"),
    (Timetable.Visibility.PRIVATE, "비공개"),
]


class LectureSearchForm(forms.Form):
    """The catalog filters, read from the query string; every field may be left empty."""

    q = forms.CharField(label="강의 검색", required=False)
    day = forms.TypedChoiceField(
        label="요일", required=False, coerce=int, empty_value=None, choices=[("", "전체"), *DAY_CHOICES]
    )
    credits = forms.TypedChoiceField(
        label="학점", required=False, coerce=int, empty_value=None,
        choices=[("", "전체"), *((n, f"{n}학점") for n in range(1, 5))],
    )  # fmt: skip
    category = forms.ChoiceField(label="구분", required=False)

    def __init__(self, *args, categories: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update(type="search", placeholder="과목명, 교수, 학수번호")
        cast(forms.ChoiceField, self.fields["category"]).choices = [
            ("", "전체"),
            *((c, c) for c in categories),
        ]

    def filters(self) -> dict | None:
        """The selector's filters, or None when nothing was asked (no search yet)."""
        if not self.is_valid():
            return None
        data = self.cleaned_data
        filters = {
            "search": search_term(data["q"]),
            "day": data["day"],
            "credits": data["credits"],
            "category": data["category"],
        }
        return filters if any(value not in ("", None) for value in filters.values()) else None


class TimetableSettingsForm(forms.Form):
    name = SingleLineFormField(label="이름", max_length=40)
    visibility = forms.ChoiceField(label="공개 범위", choices=VISIBILITY_CHOICES)


class ClockFormField(forms.CharField):
    """ "HH:MM" (what `<input type="time">` sends) → minutes after midnight, as the API reads it."""

    widget = forms.TimeInput(attrs={"type": "time", "step": 300})

    def to_python(self, value) -> int | None:  # type: ignore[override]  # minutes, not the text
        text = super().to_python(value)
        if not text:
            return None
        try:
            return parse_clock(text)
        except ValueError as error:
            raise forms.ValidationError("시각은 00:00–24:00 사이의 HH:MM입니다.") from error


class EventForm(forms.Form):
    title = SingleLineFormField(label="제목", max_length=50)
    day = forms.TypedChoiceField(label="요일", coerce=int, choices=DAY_CHOICES)
    start = ClockFormField(label="시작")
    end = ClockFormField(label="종료")
    place = SingleLineFormField(label="장소", max_length=50, required=False)


def _blank(choices) -> list:
    return [("", "고르세요"), *choices]


class ReviewForm(forms.Form):
    """강의평 쓰기: the rating, the five items as Everytime asks them, and the text."""

    rating = forms.TypedChoiceField(
        label="별점",
        coerce=int,
        choices=_blank((n, f"{'★' * n}{'☆' * (5 - n)} {n}점") for n in range(5, 0, -1)),
    )
    assignment = forms.ChoiceField(label="과제", choices=_blank(Review.Amount.choices))
    group_work = forms.ChoiceField(label="조모임", choices=_blank(Review.Amount.choices))
    grading = forms.ChoiceField(label="성적", choices=_blank(Review.Grading.choices))
    attendance = forms.ChoiceField(label="출결", choices=_blank(Review.Attendance.choices))
    exams = forms.TypedChoiceField(label="시험 횟수", coerce=int, choices=_blank(EXAM_CHOICES))
    content = MultiLineFormField(label="내용", max_length=2000, widget=forms.Textarea(attrs={"rows": 4}))


class FriendRequestForm(forms.Form):
    username = SingleLineFormField(label="아이디", max_length=150)


class GradeForm(forms.Form):
    year = forms.IntegerField(label="연도")
    term = forms.ChoiceField(label="학기", choices=Term.choices)
    course_name = SingleLineFormField(label="과목명", max_length=100)
    credits = forms.IntegerField(label="학점", min_value=0, max_value=MAX_CREDITS, initial=3)
    grade = forms.ChoiceField(label="성적", choices=[(g, g) for g in GRADE_VALUES])
    is_major = forms.BooleanField(label="전공", required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Hints for the browser; the service decides (grade_create).
        self.fields["year"].widget.attrs.update(min=GRADE_MIN_YEAR, max=timezone.localdate().year + 1)
