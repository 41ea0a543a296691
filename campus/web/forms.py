"""Sign-up, login and 내 정보 forms. Shape only: the rules (unique names, passwords, the
admission year) are the account services', which refuse a browser and a client for the same
reasons with the same words (`add_service_error` puts them next to the field)."""

from django import forms
from django.utils import timezone

from campus.accounts.models import School
from campus.accounts.services import MIN_ADMISSION_YEAR
from campus.web.fields import SingleLineFormField


class SignupForm(forms.Form):
    school = forms.ModelChoiceField(
        label="학교", queryset=School.objects.order_by("name"), empty_label="학교를 고르세요"
    )
    username = SingleLineFormField(label="아이디", max_length=30, help_text="영문, 숫자, _ . 4~30자")
    password = forms.CharField(label="비밀번호", max_length=128, strip=False, widget=forms.PasswordInput)
    email = forms.EmailField(label="이메일", max_length=254)
    nickname = SingleLineFormField(label="닉네임", max_length=20)
    admission_year = forms.IntegerField(label="입학연도")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Hints for the browser only; the service decides.
        year = self.fields["admission_year"].widget.attrs
        year.update(min=MIN_ADMISSION_YEAR, max=timezone.localdate().year)
        self.fields["username"].widget.attrs["autocomplete"] = "username"
        self.fields["password"].widget.attrs["autocomplete"] = "new-password"


class LoginForm(forms.Form):
    username = forms.CharField(label="아이디", max_length=150)
    password = forms.CharField(label="비밀번호", max_length=128, strip=False, widget=forms.PasswordInput)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs["autocomplete"] = "username"
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"


class ProfileForm(forms.Form):
    nickname = SingleLineFormField(label="닉네임", max_length=20)
    email = forms.EmailField(label="이메일", max_length=254)
    password = forms.CharField(
        label="현재 비밀번호", max_length=128, strip=False, required=False,
        widget=forms.PasswordInput, help_text="이메일을 바꿀 때만 필요합니다.",
    )  # fmt: skip

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Its own id: the withdrawal form on the same page has a `password` too.
        self.fields["password"].widget.attrs.update(autocomplete="current-password", id="id_profile_password")

    def clean_password(self) -> str | None:
        return self.cleaned_data.get("password") or None  # blank: the email stays as it is


class PasswordChangeForm(forms.Form):
    old_password = forms.CharField(
        label="현재 비밀번호", max_length=128, strip=False, widget=forms.PasswordInput
    )
    new_password = forms.CharField(
        label="새 비밀번호", max_length=128, strip=False, widget=forms.PasswordInput
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].widget.attrs["autocomplete"] = "current-password"
        self.fields["new_password"].widget.attrs["autocomplete"] = "new-password"


class WithdrawForm(forms.Form):
    password = forms.CharField(label="비밀번호", max_length=128, strip=False, widget=forms.PasswordInput)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"


class VerificationRequestForm(forms.Form):
    school_email = forms.CharField(label="학교 이메일", max_length=254)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school_email"].widget.attrs.update(autocomplete="email", inputmode="email")


class VerificationConfirmForm(forms.Form):
    code = forms.CharField(label="인증번호", max_length=12)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update(autocomplete="one-time-code", inputmode="numeric")


class RecoveryForm(forms.Form):
    email = forms.EmailField(label="이메일", max_length=254)


class PasswordResetForm(forms.Form):
    new_password = forms.CharField(
        label="새 비밀번호", max_length=128, strip=False, widget=forms.PasswordInput
    )
    new_password_again = forms.CharField(
        label="새 비밀번호 확인", max_length=128, strip=False, widget=forms.PasswordInput
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["autocomplete"] = "new-password"

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("new_password") != data.get("new_password_again"):
            self.add_error("new_password_again", "새 비밀번호가 서로 다릅니다.")
        return data
