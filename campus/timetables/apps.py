from django.apps import AppConfig


class TimetablesConfig(AppConfig):
    name = "campus.timetables"
    label = "timetables"
    verbose_name = "시간표"
