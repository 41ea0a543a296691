import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()

from campus.core.startup import ready_to_serve  # noqa: E402  (needs the settings loaded above)

ready_to_serve()
