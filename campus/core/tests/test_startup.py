"""A server process (config/wsgi.py) loads what its first request would and freezes it, so that
the garbage collector's full collections no longer walk the whole of Django at some request."""

import gc
import importlib


def test_the_wsgi_entry_point_freezes_what_it_loaded():
    gc.unfreeze()
    try:
        import config.wsgi

        importlib.reload(config.wsgi)
        assert gc.get_freeze_count() > 10_000  # Django, the apps, the URLconf's views
        assert callable(config.wsgi.application)
    finally:
        gc.unfreeze()
