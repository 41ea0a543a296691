from django.apps import AppConfig


class TimetablesConfig(AppConfig):
    name = "campus.timetables"
    label = "timetables"
    verbose_name = "시간표"

    def ready(self) -> None:
        from campus.core import generations  # noqa: PLC0415 (the models must be loaded)
        from campus.timetables.selectors import CACHE_SCOPES  # noqa: PLC0415

        generations.track(CACHE_SCOPES)
