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
