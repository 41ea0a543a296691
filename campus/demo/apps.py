from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data for laptops and load tests: `manage.py seed_demo`. Depends on every other app."""

    name = "campus.demo"
    label = "demo"
