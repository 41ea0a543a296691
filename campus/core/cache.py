"""A Redis cache that degrades instead of failing.

What Campus keeps in the cache are limits (DRF throttles, login-failure counters) and copies
of data that can be rebuilt (core/pages.py). None of it is worth an outage: when Redis does not answer
(down, or frozen past the short socket timeout set in settings), the call is served from this
process's own memory and a warning is logged; for `RETRY_SECONDS` no call waits on Redis again,
then one tries it. So a Redis outage costs each request at most one timeout per process per
`RETRY_SECONDS`, never a 500. What that means for each limit is in docs/decisions.md.
"""

import logging
import threading
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_SECONDS = 5.0


class _ClientPerPool(RedisCacheClient):
    """Django makes a new redis-py client for every call, and each builds its table of response
    callbacks (0.1–0.2 ms, a cached page's two calls included). One client per connection pool
    does the same work: the client is thread-safe and its connections come from the pool."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)  # kept by Django for the process's lifetime
        if id(pool) not in self._clients:
            self._clients[id(pool)] = self._client(connection_pool=pool)
        return self._clients[id(pool)]


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = _ClientPerPool
        self._local = LocMemCache(
            f"campus-redis-fallback-{id(self)}", {"TIMEOUT": params.get("TIMEOUT", 300)}
        )
        self._lock = threading.Lock()
        self._down_until = 0.0

    @property
    def is_down(self) -> bool:
        return time.monotonic() < self._down_until

    def mark_down(self, error: Exception) -> None:
        with self._lock:
            already = self.is_down
            self._down_until = time.monotonic() + RETRY_SECONDS
        if not already:
            logger.warning(
                "cache: Redis does not answer (%s); using this process's memory for %.0f s",
                error,
                RETRY_SECONDS,
            )

    def ping(self) -> bool:
        """Whether Redis answers now (for /healthz); a failure opens the circuit like any call."""
        if self.is_down:
            return False
        try:
            return bool(self._cache.get_client(write=True).ping())  # type: ignore[attr-defined]  # RedisCache's
        except RedisError as error:
            self.mark_down(error)
            return False


def _resilient(name: str):
    on_redis = getattr(RedisCache, name)
    on_local = getattr(LocMemCache, name)

    def call(self: ResilientRedisCache, *args, **kwargs):
        if not self.is_down:
            try:
                return on_redis(self, *args, **kwargs)
            except RedisError as error:
                self.mark_down(error)
        return on_local(self._local, *args, **kwargs)

    call.__name__ = name
    call.__doc__ = on_redis.__doc__
    return call


for _name in (
    "add",
    "get",
    "set",
    "touch",
    "delete",
    "get_many",
    "has_key",
    "incr",
    "set_many",
    "delete_many",
    "clear",
):
    setattr(ResilientRedisCache, _name, _resilient(_name))
