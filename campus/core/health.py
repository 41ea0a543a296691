"""What /healthz reports about the parts the service can live without."""

from django.core.cache import caches

from campus.core.cache import ResilientRedisCache


def cache_state() -> str:
    """`ok` (Redis answers), `down` (it does not: each process uses its own memory meanwhile),
    or `local` (no Redis configured: local memory by design)."""
    backend = caches["default"]
    if not isinstance(backend, ResilientRedisCache):
        return "local"
    return "ok" if backend.ping() else "down"
