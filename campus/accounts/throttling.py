"""Login abuse limits: failed logins counted per username (a lock after N failures) and per
client address, in the database, so that every server process counts the same failures.

They used to live in the cache: without Redis each gunicorn process kept its own counts and five
wrong passwords got through to the right one about five times per process. A lockout is a
security control, not a copy of data that can be rebuilt, so it is kept where every process and
every restart sees it. Failed logins are rare next to reads (and throttled per address), so the
row they write costs nothing that matters. Counters are keyed by a hash: the table never names a
username or an address.
"""

import hashlib
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone
from rest_framework.throttling import BaseThrottle

from campus.accounts.models import LoginFailure


def _key(kind: str, value: str) -> str:
    return hashlib.sha256(f"login-fail:{kind}:{value}".encode()).hexdigest()


def _limits(*, username: str, ip: str) -> dict[str, int]:
    return {
        _key("user", username.strip().lower()): settings.LOGIN_FAILURE_LIMIT_PER_USERNAME,
        _key("ip", ip): settings.LOGIN_FAILURE_LIMIT_PER_IP,
    }


def _window_opened_after() -> datetime:
    return timezone.now() - timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS)


def login_locked(*, username: str, ip: str) -> bool:
    limits = _limits(username=username, ip=ip)
    counts = LoginFailure.objects.filter(key__in=limits, window_start__gt=_window_opened_after())
    return any(count >= limits[key] for key, count in counts.values_list("key", "count"))


def login_failure_record(*, username: str, ip: str) -> None:
    """One more failure for the username and the address; a window past its time starts again
    (it opened at its first failure; later failures never extend it)."""
    opened_after = _window_opened_after()
    now = timezone.now()
    with transaction.atomic():
        for key in _limits(username=username, ip=ip):
            row, created = LoginFailure.objects.select_for_update().get_or_create(
                key=key, defaults={"count": 1, "window_start": now}
            )
            if created:
                continue
            if row.window_start <= opened_after:
                LoginFailure.objects.filter(pk=row.pk).update(count=1, window_start=now)
            else:
                LoginFailure.objects.filter(pk=row.pk).update(count=F("count") + 1)
        LoginFailure.objects.filter(window_start__lte=opened_after).delete()  # windows long closed


def login_failures_clear(*, username: str) -> None:
    LoginFailure.objects.filter(key=_key("user", username.strip().lower())).delete()


def client_ip(request: HttpRequest) -> str:
    """The client's address as every rate throttle reads it (X-Forwarded-For only behind the
    `TRUSTED_PROXY_COUNT` proxies); one shared bucket when the server gives none."""
    return BaseThrottle().get_ident(request) or "unknown"  # type: ignore[arg-type]  # reads META only
