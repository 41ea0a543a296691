from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "campus.notifications"
    label = "notifications"
    verbose_name = "알림"

    def ready(self) -> None:
        from campus.core import generations  # noqa: PLC0415 (the models must be loaded)
        from campus.notifications.selectors import CACHE_SCOPES  # noqa: PLC0415

        generations.track(CACHE_SCOPES)
