"""내 정보: nickname and email, links to my lists, password change and withdrawal, through the
API's rules and services. A password change keeps this session (and ends every other one)."""

from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from campus.accounts import services as accounts
from campus.core.errors import ApplicationError
from campus.web.auth import StudentRequest, add_service_error, student_required
from campus.web.forms import PasswordChangeForm, ProfileForm, WithdrawForm


def _me(request: StudentRequest, *, status: int = 200, **forms) -> HttpResponse:
    me = request.user
    context = {
        "profile_form": forms.get("profile_form")
        or ProfileForm(initial={"nickname": me.nickname, "email": me.email}),
        "password_form": forms.get("password_form") or PasswordChangeForm(),
        "withdraw_form": forms.get("withdraw_form") or WithdrawForm(),
    }
    return render(request, "web/me.html", context, status=status)


@student_required
@require_GET
def me_page(request: StudentRequest) -> HttpResponse:
    return _me(request)


@student_required
@require_POST
def profile_update(request: StudentRequest) -> HttpResponse:
    form = ProfileForm(request.POST)
    if form.is_valid():
        try:
            accounts.user_profile_update(user=request.user, **form.cleaned_data)
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, "내 정보를 저장했습니다.")
            return redirect("web:me")
    request.user.refresh_from_db()  # the header shows the stored nickname, not the refused one
    return _me(request, status=400, profile_form=form)


@student_required
@require_POST
def password_change(request: StudentRequest) -> HttpResponse:
    form = PasswordChangeForm(request.POST)
    if form.is_valid():
        try:
            accounts.user_password_change(user=request.user, **form.cleaned_data)
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            update_session_auth_hash(request, request.user)
            messages.success(request, "비밀번호를 바꿨습니다. 다른 기기에서는 다시 로그인해야 합니다.")
            return redirect("web:me")
    return _me(request, status=400, password_form=form)


@student_required
@require_POST
def withdraw(request: StudentRequest) -> HttpResponse:
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            accounts.user_withdraw(user=request.user, **form.cleaned_data)
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            logout(request)
            messages.success(request, "탈퇴했습니다. 그동안 Campus를 써 주셔서 고맙습니다.")
            return redirect("/")
    return _me(request, status=400, withdraw_form=form)
