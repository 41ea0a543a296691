"""Rates that are rules of the product — how many 쪽지 a student may send a minute — counted by
the service that does the write, so that the API and the web pages count the same sends.

DRF's throttles guard the API's doors (signups, logins per address) and never see a web form; a
rate that is a rule lives here. Counts sit in the cache every process shares (Redis when
`REDIS_URL` is set): the first action opens a window of the rate's period (`add`), the rest
count in it (`incr`, atomic, so two processes racing for the last send cannot both get it) until
it expires — as the login-failure counters do.
"""

import math
import time

from django.core.cache import cache

from campus.core.errors import ApplicationError, ErrorCode

PERIOD_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """`"30/minute"` → (30, 60): how many, in how many seconds (DRF's notation: the period's
    first letter counts)."""
    count, period = rate.split("/")
    return int(count), PERIOD_SECONDS[period.strip()[0]]


def rate_count(*, scope: str, ident: str, rate: str, message: str) -> None:
    """Count one action of `ident` (a user id, an address) in `scope`; past `rate` it is refused
    with `throttled` (429) and the seconds until the window turns."""
    allowed, seconds = parse_rate(rate)
    key = f"rate:{scope}:{ident}"
    now = time.time()
    if cache.add(key, 1, timeout=seconds):
        cache.set(f"{key}:opened", now, timeout=seconds)
        return
    try:
        used = cache.incr(key)
    except ValueError:  # the window closed between add() and incr(): this one opens the next
        cache.add(key, 1, timeout=seconds)
        cache.set(f"{key}:opened", now, timeout=seconds)
        return
    if used > allowed:
        opened = cache.get(f"{key}:opened", now)
        wait = max(1, math.ceil(opened + seconds - now))
        raise ApplicationError(message.format(wait=wait), code=ErrorCode.THROTTLED, retry_after=wait)
