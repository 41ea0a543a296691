"""Login abuse limits, kept in the cache so that every server process shares them.

DRF's rate throttles count every request; failed logins need their own counters:
one per username (a lock after N failures) and one per client address.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from rest_framework.throttling import BaseThrottle


def _key(kind: str, value: str) -> str:
    digest = hashlib.sha256(value.encode()).hexdigest()[:32]
    return f"login-fail:{kind}:{digest}"


def _keys(*, username: str, ip: str) -> list[tuple[str, int]]:
    return [
        (_key("user", username.strip().lower()), settings.LOGIN_FAILURE_LIMIT_PER_USERNAME),
        (_key("ip", ip), settings.LOGIN_FAILURE_LIMIT_PER_IP),
    ]


def login_locked(*, username: str, ip: str) -> bool:
    counts = cache.get_many([key for key, _ in _keys(username=username, ip=ip)])
    return any(counts.get(key, 0) >= limit for key, limit in _keys(username=username, ip=ip))


def login_failure_record(*, username: str, ip: str) -> None:
    window = settings.LOGIN_FAILURE_WINDOW_SECONDS
    for key, _ in _keys(username=username, ip=ip):
        # add() starts the window on the first failure; incr() never extends it.
        if not cache.add(key, 1, timeout=window):
            try:
                cache.incr(key)
            except ValueError:  # expired between add() and incr()
                cache.add(key, 1, timeout=window)


def login_failures_clear(*, username: str) -> None:
    cache.delete(_key("user", username.strip().lower()))


def client_ip(request) -> str:
    """The client's address as every rate throttle reads it (X-Forwarded-For only behind the
    `TRUSTED_PROXY_COUNT` proxies); one shared bucket when the server gives none."""
    return BaseThrottle().get_ident(request) or "unknown"
