"""Sign-up and login forms. Shape only: the sign-up rules are the API's `SignupInput`, run here
once, so that a browser and a client are refused for the same reasons with the same words."""

from django import forms
from django.utils import timezone

from campus.accounts.api.serializers import MIN_ADMISSION_YEAR, SignupInput
from campus.accounts.models import School

DRF_FIELD_NAMES = {"non_field_errors": None}


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
        data = {**cleaned, "school": cleaned["school"].pk}
        rules = SignupInput(data=data)
        if not rules.is_valid():
            for field, messages in rules.errors.items():
                for message in messages:
                    self.add_error(DRF_FIELD_NAMES.get(field, field), str(message))
            return cleaned
        self.validated = rules.validated_data
        return cleaned


class LoginForm(forms.Form):
    username = forms.CharField(label="아이디", max_length=150)
    password = forms.CharField(label="비밀번호", max_length=128, strip=False, widget=forms.PasswordInput)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs["autocomplete"] = "username"
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"
