"""What a server process does once, before its first request (config/wsgi.py)."""

import gc

from django.urls import get_resolver


def ready_to_serve() -> None:
    """Import what the first request would (the URLconf, and through it every view, serializer
    and form module), then move every object made so far out of the garbage collector's reach
    (`gc.freeze`). Those objects live as long as the process, and each full collection walked
    all of them: 56–59 ms, twice in a run of 250 searches, at whichever request set it off (the
    slowest lecture search of every run at a million posts, 65–90 ms against a p95 of 14)."""
    get_resolver().url_patterns  # noqa: B018 (imported for what importing it does)
    gc.freeze()
