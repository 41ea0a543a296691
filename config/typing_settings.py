"""Settings for the type checker only (django-stubs imports them to learn the apps and models):
the real ones, with the development default for DEBUG, so that no secret is needed to check."""

import os

os.environ.setdefault("DEBUG", "1")

from config.settings import *  # noqa: F403
