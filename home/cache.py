"""One version number for everything the site shows around and across pages (menus, footer,
latest news, feed links). Cached fragments include it in their key; any publish, move or
deletion of a page and any save of a menu, footer text or setting bumps it, so a cached
fragment is never stale and nothing needs to know which fragments exist.

Within a request the version is read from the shared cache once (``RequestScopeMiddleware``):
a page asks for it for each fragment it renders, and each asking was a round trip to Redis.
A bump made by the request itself is seen at once. Outside a request (workers, commands) it is
read each time, as before.

``memoised`` keeps small values (the site settings) in the process itself under the same
version: no round trip at all, and nothing stale, since the version is read afresh for each
request."""

import threading
import time
from collections import OrderedDict
from contextvars import ContextVar

from django.core.cache import cache
from django.utils import timezone

VERSION_KEY = "site-content-version"
FRAGMENT_TIMEOUT = 60 * 60
# What one process keeps for the current version at most (a few values per language).
MEMO_SIZE = 256

# The current request's reads, or None outside a request.
_request_scope: ContextVar[dict | None] = ContextVar("home_cache_request_scope", default=None)


class RequestScopeMiddleware:
    """First in ``MIDDLEWARE``: the content version is read at most once per request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_scope.set({})
        try:
            return self.get_response(request)
        finally:
            _request_scope.reset(token)


def content_version() -> int:
    scope = _request_scope.get()
    if scope is not None and VERSION_KEY in scope:
        return scope[VERSION_KEY]
    version = cache.get(VERSION_KEY)
    if version is None:
        # A version no process can have seen: after Redis lost the key (a restart, an
        # eviction, a flush) the processes' memos of the old numbers must not match again.
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(VERSION_KEY)
    if scope is not None:
        scope[VERSION_KEY] = version
    return version


def bump_content_version(**kwargs) -> None:
    """Signal receiver: every cached fragment is stale from now on."""
    scope = _request_scope.get()
    if scope is not None:
        scope.pop(VERSION_KEY, None)
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)


# How long a cached fragment that lists what is upcoming (events) may lag behind the clock.
CLOCK_PERIOD_SECONDS = 10 * 60


def clock_period() -> int:
    """The clock's current period: fragments that list what is upcoming are keyed on it, so an
    event that ended leaves them within ``CLOCK_PERIOD_SECONDS``."""
    return int(timezone.now().timestamp()) // CLOCK_PERIOD_SECONDS


def cached(name: str, build, *parts):
    """``build()``'s result, cached under ``name``, ``parts`` and the content version."""
    key = ":".join(["fragment", name, str(content_version()), *map(str, parts)])
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, FRAGMENT_TIMEOUT)
    return value


_MISSING = object()


class VersionedMemo:
    """Values kept in this process under the content version (read once per request): the
    whole memo is dropped when the version moves on, so nothing in it is ever stale. At most
    ``size`` entries, the least recently used going first: a flood of addresses nobody asks
    for twice cannot keep the ones in use out for long."""

    def __init__(self, size: int):
        self.size = size
        self._values: OrderedDict = OrderedDict()
        self._version = None
        self._lock = threading.Lock()

    def get(self, key, build):
        """The value under ``key``, built and kept if it is not there yet."""
        version = content_version()
        value = self.peek(key, _MISSING, version=version)
        if value is _MISSING:
            value = build()
            self.put(key, value, version=version)
        return value

    def peek(self, key, default=None, *, version=None):
        """The value under ``key``, or ``default``."""
        version = content_version() if version is None else version
        with self._lock:
            if self._version is not None and version < self._version:
                return default  # a request that read the version before it moved on
            if self._version != version:
                self._values.clear()
                self._version = version
            if key not in self._values:
                return default
            self._values.move_to_end(key)
            return self._values[key]

    def put(self, key, value, *, version=None) -> None:
        """Keep ``value`` under ``key`` while ``version`` is current (what was built under an
        older version is dropped by whoever comes with the newer)."""
        version = content_version() if version is None else version
        with self._lock:
            if self._version is not None and version < self._version:
                return  # built under a version that has moved on since
            if self._version != version:
                self._values.clear()
                self._version = version
            self._values[key] = value
            self._values.move_to_end(key)
            while len(self._values) > self.size:
                self._values.popitem(last=False)


_memo = VersionedMemo(MEMO_SIZE)


def memoised(name: str, build, *parts):
    """``build()``'s result, kept in this process under ``name``, ``parts`` and the content
    version (read once per request): for small values every page needs, which must not be
    changed by their users."""
    return _memo.get((name, *parts), build)


# Versions of narrower things than the whole site's content, for pages that show them: an
# event's places left change with every registration, which must not make the rest of the
# site's cache stale (``bump_tag``; ``home/page_cache.py`` checks them for a stored page).
TAG_PREFIX = "content-tag:"


def tag_versions(tags) -> dict[str, int]:
    """The current version of each tag. A tag nobody bumped yet (or whose key the cache let go)
    starts at the clock's nanoseconds, a value no stored page can have seen before."""
    tags = sorted(set(tags))
    found = cache.get_many([TAG_PREFIX + tag for tag in tags])
    versions = {}
    for tag in tags:
        version = found.get(TAG_PREFIX + tag)
        if version is None:
            cache.add(TAG_PREFIX + tag, time.time_ns(), timeout=None)
            version = cache.get(TAG_PREFIX + tag)
        versions[tag] = version
    return versions


def bump_tag(tag: str) -> None:
    """Every stored page that showed ``tag`` is stale from now on."""
    try:
        cache.incr(TAG_PREFIX + tag)
    except ValueError:
        cache.add(TAG_PREFIX + tag, time.time_ns(), timeout=None)
