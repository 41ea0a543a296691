from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "campus.accounts"
    label = "accounts"
    verbose_name = "계정"
