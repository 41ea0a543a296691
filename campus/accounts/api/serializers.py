"""Shapes only: no queries beyond field validation, no writes. The rules (unique names, the
password validators, the admission year) are the services'."""

from rest_framework import serializers

from campus.accounts.models import School, User, username_validator
from campus.accounts.services import MIN_ADMISSION_YEAR
from campus.core.api.fields import SearchField, SingleLineField
from campus.core.api.shapes import datetime_text


class SchoolRefOutput(serializers.ModelSerializer):
    class Meta:
        model = School
        fields = ["id", "name"]


class SchoolOutput(serializers.ModelSerializer):
    email_domains = serializers.SerializerMethodField(help_text="학교 인증에 쓸 수 있는 메일 도메인")

    class Meta:
        model = School
        fields = ["id", "name", "email_domains", "verification"]

    def get_email_domains(self, school: School) -> list[str]:
        return [domain.domain for domain in school.domains.all()]  # prefetched by school_list


class SchoolQueryInput(serializers.Serializer):
    search = SearchField(help_text="학교 이름 일부")


class UserOutput(serializers.ModelSerializer):
    school = SchoolRefOutput(read_only=True)
    is_verified = serializers.BooleanField(read_only=True)

    class Meta:
        model = User
        fields = [
            "id", "username", "email", "nickname", "admission_year", "school", "date_joined",
            "is_verified", "verified_at",
        ]  # fmt: skip
        read_only_fields = fields

    def to_representation(self, user: User) -> dict:
        """Shaped by hand (see `campus.core.api.shapes`): every signed-in client reads it."""
        return {
            "id": str(user.id),
            "username": user.username,
            "email": user.email,
            "nickname": user.nickname,
            "admission_year": user.admission_year,
            "school": {"id": user.school_id, "name": user.school.name},
            "date_joined": datetime_text(user.date_joined),
            "is_verified": user.is_verified,
            "verified_at": datetime_text(user.verified_at),
        }


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
    # The model's validator and the service's minimum, for the schema; user_signup decides.
    username = SingleLineField(max_length=30, validators=[username_validator])
    password = serializers.CharField(max_length=128, write_only=True, trim_whitespace=False)
    email = serializers.EmailField(max_length=254)
    nickname = NicknameField()
    admission_year = serializers.IntegerField(min_value=MIN_ADMISSION_YEAR)


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
    password = serializers.CharField(
        max_length=128, required=False, write_only=True, trim_whitespace=False,
        help_text="현재 비밀번호: 이메일을 바꿀 때 필요합니다.",
    )  # fmt: skip


class VerificationRequestInput(serializers.Serializer):
    # Checked by the service (format, the school's domains) so that every refusal has one wording.
    school_email = serializers.CharField(max_length=254, help_text="학교 메일 주소 (학교의 도메인)")


class VerificationRequestOutput(serializers.Serializer):
    expires_at = serializers.DateTimeField(help_text="인증번호가 만료되는 시각")


class VerificationConfirmInput(serializers.Serializer):
    code = serializers.CharField(max_length=12, help_text="메일로 받은 6자리 인증번호")


class EmailInput(serializers.Serializer):
    email = serializers.EmailField(max_length=254)


class AcceptedOutput(serializers.Serializer):
    detail = serializers.CharField()


class PasswordResetConfirmInput(serializers.Serializer):
    uid = serializers.CharField(max_length=100)
    token = serializers.CharField(max_length=100)
    new_password = serializers.CharField(max_length=128, trim_whitespace=False)


class PasswordChangeInput(serializers.Serializer):
    old_password = serializers.CharField(max_length=128, trim_whitespace=False)
    new_password = serializers.CharField(max_length=128, trim_whitespace=False)


class WithdrawInput(serializers.Serializer):
    password = serializers.CharField(max_length=128, trim_whitespace=False)
