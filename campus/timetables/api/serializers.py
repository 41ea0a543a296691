"""Shapes only. Times travel as "HH:MM" and are stored as minutes after midnight."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from campus.core.api.fields import IdField, MultiLineField, SingleLineField
from campus.timetables.clock import format_clock, parse_clock
from campus.timetables.models import GRADE_VALUES, MAX_CREDITS, Lecture, Review, Semester, Term, Timetable
from campus.timetables.selectors import FREE_TIME_MAX_FRIENDS, lecture_row
from campus.timetables.services.grades import GRADE_MIN_YEAR


@extend_schema_field({"type": "string", "pattern": r"^[0-9]{2}:[0-9]{2}$", "example": "09:00"})
class ClockField(serializers.Field):
    default_error_messages = {"invalid": '"HH:MM" 형식의 24시간제 시각이어야 합니다 (00:00–24:00).'}

    def to_internal_value(self, data) -> int:
        try:
            return parse_clock(data)
        except ValueError:
            self.fail("invalid")

    def to_representation(self, value: int) -> str:
        return format_clock(value)


class DayField(serializers.IntegerField):
    def __init__(self, **kwargs):
        super().__init__(min_value=0, max_value=6, help_text="0 = 월요일 … 6 = 일요일", **kwargs)


class SemesterOutput(serializers.ModelSerializer):
    class Meta:
        model = Semester
        fields = ["id", "year", "term", "name"]


class LectureTimeOutput(serializers.Serializer):
    day = serializers.IntegerField()
    start = ClockField()
    end = ClockField()
    room = serializers.CharField()


class RatingOutput(serializers.Serializer):
    average = serializers.FloatField(allow_null=True)
    count = serializers.IntegerField()


class LectureOutput(serializers.ModelSerializer):
    times = LectureTimeOutput(many=True)
    rating = RatingOutput(read_only=True)

    class Meta:
        model = Lecture
        fields = [
            "id",
            "semester",
            "code",
            "name",
            "professor",
            "credits",
            "category",
            "department",
            "capacity",
            "times",
            "rating",
        ]

    def to_representation(self, lecture: Lecture) -> dict:
        """Shaped by hand (see `campus.core.api.shapes`): catalog pages and timetables list many."""
        return lecture_row(lecture)


class SemesterQueryInput(serializers.Serializer):
    semester = IdField(required=False, help_text="학기 id")


class RequiredSemesterQueryInput(serializers.Serializer):
    semester = IdField(help_text="학기 id", error_messages={"required": "학기를 골라 주세요."})


class FriendRequestQueryInput(serializers.Serializer):
    direction = serializers.ChoiceField(
        choices=["received", "sent"],
        required=False,
        default="received",
        error_messages={"invalid_choice": "direction은 received 또는 sent입니다."},
    )


class LectureQueryInput(serializers.Serializer):
    semester = IdField(required=False)
    search = serializers.CharField(required=False, max_length=100)
    code = serializers.CharField(required=False, max_length=30)
    professor = serializers.CharField(required=False, max_length=50)
    department = serializers.CharField(required=False, max_length=50)
    category = serializers.CharField(required=False, max_length=20)
    credits = serializers.IntegerField(required=False, min_value=0, max_value=MAX_CREDITS)
    day = DayField(required=False)


class ReviewOutput(serializers.ModelSerializer):
    is_mine = serializers.SerializerMethodField()

    class Meta:
        model = Review
        fields = [
            "id",
            "rating",
            "content",
            "semester_taken",
            "assignment",
            "group_work",
            "grading",
            "attendance",
            "exams",
            "is_mine",
            "created_at",
        ]

    def get_is_mine(self, review: Review) -> bool:
        return review.author_id == self.context["request"].user.id


class ReviewInput(serializers.Serializer):
    rating = serializers.IntegerField(min_value=1, max_value=5)
    content = MultiLineField(min_length=1, max_length=2000)
    semester_taken = serializers.PrimaryKeyRelatedField(
        queryset=Semester.objects.all(), required=False, allow_null=True
    )
    assignment = serializers.ChoiceField(choices=Review.Amount.choices)
    group_work = serializers.ChoiceField(choices=Review.Amount.choices)
    grading = serializers.ChoiceField(choices=Review.Grading.choices)
    attendance = serializers.ChoiceField(choices=Review.Attendance.choices)
    exams = serializers.IntegerField(min_value=0, max_value=4, help_text="시험 횟수 (4 = 네 번 이상)")


class EventOutput(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    day = serializers.IntegerField()
    start = ClockField()
    end = ClockField()
    place = serializers.CharField()


class TimetableOutput(serializers.ModelSerializer):
    lectures = LectureOutput(many=True)
    events = EventOutput(many=True)
    total_credits = serializers.SerializerMethodField()

    class Meta:
        model = Timetable
        fields = ["id", "semester", "name", "is_primary", "visibility", "lectures", "events", "total_credits"]

    def get_total_credits(self, timetable: Timetable) -> int:
        return timetable.total_credits


class TimetableCreateInput(serializers.Serializer):
    semester = serializers.PrimaryKeyRelatedField(queryset=Semester.objects.all())
    name = SingleLineField(min_length=1, max_length=40)
    visibility = serializers.ChoiceField(
        choices=Timetable.Visibility.choices, default=Timetable.Visibility.FRIENDS
    )


class TimetableUpdateInput(serializers.Serializer):
    name = SingleLineField(min_length=1, max_length=40, required=False)
    visibility = serializers.ChoiceField(choices=Timetable.Visibility.choices, required=False)
    is_primary = serializers.BooleanField(required=False)


class TimetableLectureInput(serializers.Serializer):
    lecture = IdField()
    force = serializers.BooleanField(default=False, help_text="true면 겹치는 강의·일정을 빼고 추가합니다.")


class EventInput(serializers.Serializer):
    title = SingleLineField(min_length=1, max_length=50)
    day = DayField()
    start = ClockField()
    end = ClockField()
    place = SingleLineField(max_length=50, required=False, allow_blank=True, default="")
    force = serializers.BooleanField(default=False, help_text="true면 겹치는 강의·일정을 빼고 추가합니다.")


class FriendOutput(serializers.Serializer):
    id = serializers.UUIDField()
    nickname = serializers.CharField()
    username = serializers.CharField()


class FriendRequestInput(serializers.Serializer):
    username = SingleLineField(max_length=150)


class FriendRequestOutput(serializers.Serializer):
    id = serializers.IntegerField()
    from_user = FriendOutput()
    to_user = FriendOutput()
    created_at = serializers.DateTimeField()


class FreeTimeQueryInput(RequiredSemesterQueryInput):
    users = serializers.CharField(
        max_length=400,
        required=False,
        allow_blank=True,
        default="",
        help_text=f"친구 id(UUID)를 쉼표로, {FREE_TIME_MAX_FRIENDS}명까지",
    )

    def validate_users(self, value: str) -> list[str]:
        ids = [part.strip() for part in value.split(",") if part.strip()]
        field = serializers.UUIDField()
        return list(dict.fromkeys(str(field.to_internal_value(i)) for i in ids))


class FreeSlotOutput(serializers.Serializer):
    day = serializers.IntegerField()
    start = ClockField()
    end = ClockField()


class FreeTimeOutput(serializers.Serializer):
    semester = serializers.IntegerField()
    users = serializers.ListField(child=serializers.UUIDField())
    free = FreeSlotOutput(many=True)


class GradeOutput(serializers.Serializer):
    id = serializers.IntegerField()
    year = serializers.IntegerField()
    term = serializers.CharField()
    course_name = serializers.CharField()
    credits = serializers.IntegerField()
    grade = serializers.CharField()
    is_major = serializers.BooleanField()


class GradeInput(serializers.Serializer):
    year = serializers.IntegerField(min_value=GRADE_MIN_YEAR)  # documents it; grade_create decides
    term = serializers.ChoiceField(choices=Term.choices)
    course_name = SingleLineField(min_length=1, max_length=100)
    credits = serializers.IntegerField(min_value=0, max_value=MAX_CREDITS)
    grade = serializers.ChoiceField(choices=GRADE_VALUES)
    is_major = serializers.BooleanField(default=False)


class SemesterGpaOutput(serializers.Serializer):
    year = serializers.IntegerField()
    term = serializers.CharField()
    gpa = serializers.FloatField(allow_null=True)
    credits = serializers.IntegerField()


class GpaOutput(serializers.Serializer):
    gpa = serializers.FloatField(allow_null=True)
    major_gpa = serializers.FloatField(allow_null=True)
    credits = serializers.IntegerField()
    semesters = SemesterGpaOutput(many=True)


class ClashOutput(serializers.Serializer):
    """One thing in the way: `{"lecture": id}` or `{"event": id}`, with its day and times."""

    lecture = serializers.IntegerField(required=False, source="lecture_id", help_text="겹치는 강의 id")
    event = serializers.IntegerField(required=False, source="event_id", help_text="겹치는 일정 id")
    day = DayField(source="slot.day")
    start = ClockField(source="slot.start")
    end = ClockField(source="slot.end")

    def to_representation(self, clash) -> dict:
        return {key: value for key, value in super().to_representation(clash).items() if value is not None}


class TimetableConflictOutput(serializers.Serializer):
    detail = serializers.CharField()
    code = serializers.CharField()
    conflicts = ClashOutput(many=True)
