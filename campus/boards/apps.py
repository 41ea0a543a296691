from django.apps import AppConfig


class BoardsConfig(AppConfig):
    name = "campus.boards"
    label = "boards"
    verbose_name = "커뮤니티"
