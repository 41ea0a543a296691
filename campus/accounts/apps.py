from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "campus.accounts"
    label = "accounts"
    verbose_name = "계정"

    def ready(self) -> None:
        from campus.accounts.students import CACHE_SCOPES  # noqa: PLC0415 (the models must be loaded)
        from campus.core import generations  # noqa: PLC0415

        generations.track(CACHE_SCOPES)
