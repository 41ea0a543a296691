from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "campus.notifications"
    label = "notifications"
    verbose_name = "알림"
