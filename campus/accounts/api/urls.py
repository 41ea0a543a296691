from django.urls import path

from campus.accounts.api import views

urlpatterns = [
    path("schools/", views.SchoolListView.as_view(), name="school-list"),
    path("auth/signup/", views.SignupView.as_view(), name="auth-signup"),
    path("auth/login/", views.LoginView.as_view(), name="auth-login"),
    path("auth/refresh/", views.RefreshView.as_view(), name="auth-refresh"),
    path("auth/logout/", views.LogoutView.as_view(), name="auth-logout"),
    path("me/", views.MeView.as_view(), name="me"),
    path("me/password/", views.PasswordChangeView.as_view(), name="me-password"),
    path("me/verification/", views.VerificationRequestView.as_view(), name="me-verification"),
    path("me/verification/confirm/", views.VerificationConfirmView.as_view(), name="me-verification-confirm"),
    path("auth/password-reset/", views.PasswordResetView.as_view(), name="auth-password-reset"),
    path(
        "auth/password-reset/confirm/",
        views.PasswordResetConfirmView.as_view(),
        name="auth-password-reset-confirm",
    ),
    path("auth/find-username/", views.FindUsernameView.as_view(), name="auth-find-username"),
]
