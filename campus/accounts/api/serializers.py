"""Shapes only: no queries beyond field validation, no writes."""

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from rest_framework import serializers

from campus.accounts.models import School, User, username_validator
from campus.accounts.selectors import user_field_taken
from campus.accounts.services import UNIQUE_FIELD_MESSAGES
from campus.core.shapes import datetime_text
from campus.core.text import SearchField, SingleLineField

MIN_ADMISSION_YEAR = 1950


class SchoolOutput(serializers.ModelSerializer):
    class Meta:
        model = School
        fields = ["id", "name"]


class SchoolQueryInput(serializers.Serializer):
    search = SearchField(help_text="학교 이름 일부")


class UserOutput(serializers.ModelSerializer):
    school = SchoolOutput(read_only=True)

    class Meta:
        model = User
        fields = ["id", "username", "email", "nickname", "admission_year", "school", "date_joined"]
        read_only_fields = fields

    def to_representation(self, user: User) -> dict:
        """Shaped by hand (see `campus.core.shapes`): every signed-in client reads it."""
        return {
            "id": str(user.id),
            "username": user.username,
            "email": user.email,
            "nickname": user.nickname,
            "admission_year": user.admission_year,
            "school": {"id": user.school_id, "name": user.school.name},
            "date_joined": datetime_text(user.date_joined),
        }


def _validate_unique(field: str, value: str, exclude: User | None = None) -> str:
    if user_field_taken(field=field, value=value, exclude=exclude):
        raise serializers.ValidationError(UNIQUE_FIELD_MESSAGES[field])
    return value


def _validate_password(password: str, user: User) -> None:
    try:
        password_validation.validate_password(password, user=user)
    except DjangoValidationError as error:
        raise serializers.ValidationError(list(error.messages)) from error


class NicknameField(SingleLineField):
    def __init__(self, **kwargs):
        super().__init__(min_length=1, max_length=20, trim_whitespace=True, **kwargs)


class SignupInput(serializers.Serializer):
    school = serializers.PrimaryKeyRelatedField(
        queryset=School.objects.all(),
        error_messages={
            "does_not_exist": "존재하지 않는 학교입니다.",
            "incorrect_type": "학교 id는 정수입니다.",
        },
    )
    username = SingleLineField(max_length=30, validators=[username_validator])
    password = serializers.CharField(max_length=128, write_only=True, trim_whitespace=False)
    email = serializers.EmailField(max_length=254)
    nickname = NicknameField()
    admission_year = serializers.IntegerField(min_value=MIN_ADMISSION_YEAR)

    def validate_username(self, value: str) -> str:
        return _validate_unique("username", value)

    def validate_email(self, value: str) -> str:
        return _validate_unique("email", value)

    def validate_nickname(self, value: str) -> str:
        return _validate_unique("nickname", value)

    def validate_admission_year(self, value: int) -> int:
        if value > timezone.localdate().year:
            raise serializers.ValidationError("입학년도는 미래일 수 없습니다.")
        return value

    def validate(self, attrs: dict) -> dict:
        candidate = User(username=attrs["username"], email=attrs["email"], nickname=attrs["nickname"])
        try:
            _validate_password(attrs["password"], candidate)
        except serializers.ValidationError as error:
            raise serializers.ValidationError({"password": error.detail}) from error
        return attrs


class LoginInput(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=128, trim_whitespace=False)


class TokenPairOutput(serializers.Serializer):
    access = serializers.CharField()
    refresh = serializers.CharField()


class AuthOutput(TokenPairOutput):
    user = UserOutput()


class RefreshInput(serializers.Serializer):
    refresh = serializers.CharField(max_length=2000)


class ProfileUpdateInput(serializers.Serializer):
    nickname = NicknameField(required=False)
    email = serializers.EmailField(max_length=254, required=False)

    def validate_nickname(self, value: str) -> str:
        return _validate_unique("nickname", value, exclude=self.context["user"])

    def validate_email(self, value: str) -> str:
        return _validate_unique("email", value, exclude=self.context["user"])


class PasswordChangeInput(serializers.Serializer):
    old_password = serializers.CharField(max_length=128, trim_whitespace=False)
    new_password = serializers.CharField(max_length=128, trim_whitespace=False)

    def validate_new_password(self, value: str) -> str:
        _validate_password(value, self.context["user"])
        return value


class WithdrawInput(serializers.Serializer):
    password = serializers.CharField(max_length=128, trim_whitespace=False)
