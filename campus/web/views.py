"""The shell's pages: the landing page or a student's home, sign-up, login and logout."""

from django.contrib.auth import login, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from campus.accounts import services as accounts
from campus.accounts.throttling import client_ip
from campus.boards import selectors as boards
from campus.core.errors import ApplicationError
from campus.web.auth import (
    STUDENT_BACKEND,
    StudentRequest,
    add_service_error,
    community_required,
    throttle_wait,
)
from campus.web.forms import LoginForm, SignupForm

HOME_LIST_SIZE = 5


def home(request: HttpRequest) -> HttpResponse:
    """What Campus is, for a visitor; my school's boards, HOT and BEST, for a student."""
    if not request.user.is_authenticated:
        return render(request, "web/landing.html")
    return _community_home(request)


@community_required
def _community_home(request: StudentRequest) -> HttpResponse:
    me = request.user
    board_list = list(boards.board_list_for(viewer=me))
    board_list.sort(key=lambda board: not board.is_favorite)  # favorites first, then by id
    context = {
        "boards": board_list,
        "latest": boards.latest_posts_by_board(viewer=me),
        "hot": boards.post_hot_list_for(viewer=me)[:HOME_LIST_SIZE],
        "best": boards.post_best_list_for(viewer=me, period="week")[:HOME_LIST_SIZE],
    }
    return render(request, "web/home.html", context)


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    safe = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False)
    return target if safe and target.startswith("/") else "/"


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("web:home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if (wait := throttle_wait(request, "signup")) is not None:
            form.add_error(None, f"가입 요청이 너무 많습니다. {wait}초 뒤에 다시 시도해 주세요.")
        else:
            try:
                user = accounts.user_signup(**form.cleaned_data)
            except ApplicationError as error:
                add_service_error(form, error)
            else:
                login(request, user, backend=STUDENT_BACKEND)
                # A student of a `required` school reads nothing of it before 학교 인증.
                return redirect("web:home" if user.is_community_member else "web:verify")
    return render(request, "web/signup.html", {"form": form}, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def login_page(request: HttpRequest) -> HttpResponse:
    next_url = _next_url(request)
    if request.user.is_authenticated:
        return redirect(next_url)
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if (wait := throttle_wait(request, "login")) is not None:
            form.add_error(None, f"로그인 요청이 너무 많습니다. {wait}초 뒤에 다시 시도해 주세요.")
        else:
            try:
                user = accounts.auth_login(**form.cleaned_data, ip=client_ip(request))
            except ApplicationError as error:
                form.add_error(None, error.message)  # the same words for a wrong password and no such user
            else:
                login(request, user, backend=STUDENT_BACKEND)
                return redirect(next_url)
    context = {"form": form, "next": next_url}
    return render(request, "web/login.html", context, status=400 if form.errors else 200)


@require_POST
def logout_page(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("web:home")
