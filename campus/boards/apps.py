from django.apps import AppConfig


class BoardsConfig(AppConfig):
    name = "campus.boards"
    label = "boards"
    verbose_name = "커뮤니티"

    def ready(self) -> None:
        from campus.boards.feeds import CACHE_SCOPES  # noqa: PLC0415 (the models must be loaded)
        from campus.core import generations  # noqa: PLC0415

        generations.track(CACHE_SCOPES)
