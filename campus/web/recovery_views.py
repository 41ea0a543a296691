"""학교 인증 (`/verify/`) and account recovery (비밀번호 찾기, 아이디 찾기), through the same
services as the API: the pages answer the same rules with the same words."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from campus.accounts import recovery, selectors, services, verification
from campus.core.errors import ApplicationError
from campus.web.auth import StudentRequest, add_service_error, student_required, throttle_wait
from campus.web.forms import PasswordResetForm, RecoveryForm, VerificationConfirmForm, VerificationRequestForm


def _verify(request: StudentRequest, *, status: int = 200, **forms) -> HttpResponse:
    me = request.user
    context = {
        "domains": list(me.school.domains.values_list("domain", flat=True)),
        "pending_until": selectors.verification_pending_until(user=me),
        "request_form": forms.get("request_form") or VerificationRequestForm(),
        "confirm_form": forms.get("confirm_form") or VerificationConfirmForm(),
    }
    return render(request, "web/verify.html", context, status=status)


@student_required
@require_http_methods(["GET"])
def verify_page(request: StudentRequest) -> HttpResponse:
    return _verify(request)


@student_required
@require_POST
def verify_request(request: StudentRequest) -> HttpResponse:
    form = VerificationRequestForm(request.POST)
    if form.is_valid():
        try:
            verification.verification_request(user=request.user, **form.cleaned_data)
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, "인증번호를 메일로 보냈습니다. 10분 안에 입력해 주세요.")
            return redirect("web:verify")
    return _verify(request, status=400, request_form=form)


@student_required
@require_POST
def verify_confirm(request: StudentRequest) -> HttpResponse:
    form = VerificationConfirmForm(request.POST)
    if form.is_valid():
        try:
            verification.verification_confirm(user=request.user, **form.cleaned_data)
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, f"학교 인증을 마쳤습니다. {request.user.school.name} 학생으로 인증됨.")
            return redirect("web:home")
    return _verify(request, status=400, confirm_form=form)


def _recovery_page(request: HttpRequest, kind: recovery.Kind, template: str) -> HttpResponse:
    """The same message whatever the address: whether it has an account is never told."""
    form = RecoveryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if (wait := throttle_wait(request, "recovery")) is not None:
            form.add_error(None, f"요청이 너무 많습니다. {wait}초 뒤에 다시 시도해 주세요.")
        else:
            try:
                recovery.recovery_request(kind=kind, email=form.cleaned_data["email"])
            except ApplicationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, recovery.ACCEPTED)
                return redirect(request.path)
    status = 400 if request.method == "POST" else 200
    return render(request, template, {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
def password_reset(request: HttpRequest) -> HttpResponse:
    return _recovery_page(request, "password_reset", "web/password_reset.html")


@require_http_methods(["GET", "POST"])
def find_username(request: HttpRequest) -> HttpResponse:
    return _recovery_page(request, "find_username", "web/find_username.html")


@require_http_methods(["GET", "POST"])
def password_reset_confirm(request: HttpRequest, uid: str, token: str) -> HttpResponse:
    if services.reset_link_user(uid=uid, token=token) is None:
        return render(
            request, "web/password_reset_confirm.html", {"link_refused": services.LINK_REFUSED}, status=400
        )
    form = PasswordResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.password_reset_confirm(
                uid=uid, token=token, new_password=form.cleaned_data["new_password"]
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, "비밀번호를 바꿨습니다. 새 비밀번호로 로그인해 주세요.")
            return redirect("web:login")
    status = 400 if request.method == "POST" else 200
    return render(request, "web/password_reset_confirm.html", {"form": form}, status=status)
