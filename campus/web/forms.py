"""Sign-up, login and 내 정보 forms. Shape only: the rules are the API's input serializers, run
here once, so that a browser and a client are refused for the same reasons with the same words."""

from django import forms
from django.utils import timezone
from rest_framework.serializers import Serializer

from campus.accounts.api.serializers import (
    MIN_ADMISSION_YEAR,
    PasswordChangeInput,
    ProfileUpdateInput,
    SignupInput,
)
from campus.accounts.models import School


def api_rules(form: forms.Form, rules: Serializer) -> dict | None:
    """Run the API's input serializer on a form's data: its refusals become the form's field
    errors (same words as the API), its validated data is returned when there are none."""
    if rules.is_valid():
        return rules.validated_data
    for field, messages in rules.errors.items():
        for message in messages:
            form.add_error(None if field == "non_field_errors" else field, str(message))
    return None


class SignupForm(forms.Form):
    school = forms.ModelChoiceField(
        label="학교", queryset=School.objects.order_by("name"), empty_label="학교를 고르세요"
    )
    username = forms.CharField(label="아이디", max_length=30, help_text="영문, 숫자, _ . 4~30자")
    password = forms.CharField(label="비밀번호", max_length=128, strip=False, widget=forms.PasswordInput)
    email = forms.EmailField(label="이메일", max_length=254)
    nickname = forms.CharField(label="닉네임", max_length=20)
    admission_year = forms.IntegerField(label="입학연도", min_value=MIN_ADMISSION_YEAR)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["admission_year"].max_value = timezone.localdate().year
        self.fields["admission_year"].widget.attrs["max"] = timezone.localdate().year
        self.fields["username"].widget.attrs["autocomplete"] = "username"
        self.fields["password"].widget.attrs["autocomplete"] = "new-password"

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.errors:
            return cleaned
        self.validated = api_rules(self, SignupInput(data={**cleaned, "school": cleaned["school"].pk}))
        return cleaned


class LoginForm(forms.Form):
    username = forms.CharField(label="아이디", max_length=150)
    password = forms.CharField(label="비밀번호", max_length=128, strip=False, widget=forms.PasswordInput)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs["autocomplete"] = "username"
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"


class ProfileForm(forms.Form):
    nickname = forms.CharField(label="닉네임", max_length=20)
    email = forms.EmailField(label="이메일", max_length=254)

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self) -> dict:
        cleaned = super().clean()
        if not self.errors:
            self.validated = api_rules(self, ProfileUpdateInput(data=cleaned, context={"user": self.user}))
        return cleaned


class PasswordChangeForm(forms.Form):
    old_password = forms.CharField(
        label="현재 비밀번호", max_length=128, strip=False, widget=forms.PasswordInput
    )
    new_password = forms.CharField(
        label="새 비밀번호", max_length=128, strip=False, widget=forms.PasswordInput
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["old_password"].widget.attrs["autocomplete"] = "current-password"
        self.fields["new_password"].widget.attrs["autocomplete"] = "new-password"

    def clean(self) -> dict:
        cleaned = super().clean()
        if not self.errors:
            self.validated = api_rules(self, PasswordChangeInput(data=cleaned, context={"user": self.user}))
        return cleaned


class WithdrawForm(forms.Form):
    password = forms.CharField(label="비밀번호", max_length=128, strip=False, widget=forms.PasswordInput)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"
