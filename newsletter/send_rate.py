"""One send rate for every worker: a counter per wall-clock second in the shared cache
(Redis in production). Each message takes a slot; past NEWSLETTER_SEND_RATE slots the
sender waits for the next second. A fixed window may let up to twice the rate through
across a second boundary, which providers' per-minute limits absorb."""

import time

from django.conf import settings
from django.core.cache import cache

KEY = "newsletter:send-rate:{second}"


def send_slot_acquire() -> None:
    rate = settings.NEWSLETTER_SEND_RATE
    if not rate:
        return
    while True:
        now = time.time()
        key = KEY.format(second=int(now))
        cache.add(key, 0, timeout=5)
        try:
            taken = cache.incr(key)
        except ValueError:  # expired between add and incr
            continue
        if taken <= rate:
            return
        time.sleep(max(0.001, int(now) + 1 - time.time()))
