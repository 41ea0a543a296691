from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "campus.messaging"
    label = "messaging"
    verbose_name = "쪽지"
