from django.urls import path

from campus.web import account_views, views

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
]
