from django.apps import AppConfig


class WebConfig(AppConfig):
    """The shell of the web pages: base layout, header, home, sign-up and login, CSS, error pages.
    Each area's pages live beside its API (`campus/<app>/web/`, `templates/<app>/`)."""

    name = "campus.web"
    label = "web"
