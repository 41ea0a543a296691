from django.urls import path

from campus.web import account_views, recovery_views, views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("signup/", views.signup, name="signup"),
    path("login/", views.login_page, name="login"),
    path("logout/", views.logout_page, name="logout"),
    path("me/", account_views.me_page, name="me"),
    path("me/profile/", account_views.profile_update, name="me-profile"),
    path("me/password/", account_views.password_change, name="me-password"),
    path("me/withdraw/", account_views.withdraw, name="me-withdraw"),
    path("verify/", recovery_views.verify_page, name="verify"),
    path("verify/code/", recovery_views.verify_request, name="verify-request"),
    path("verify/confirm/", recovery_views.verify_confirm, name="verify-confirm"),
    path("password-reset/", recovery_views.password_reset, name="password-reset"),
    path(
        "password-reset/<str:uid>/<str:token>/",
        recovery_views.password_reset_confirm,
        name="password-reset-confirm",
    ),
    path("find-username/", recovery_views.find_username, name="find-username"),
]
