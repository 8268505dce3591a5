"""One version number for everything the site shows around and across pages (menus, footer,
latest news, feed links). Cached fragments include it in their key; any publish, move or
deletion of a page and any save of a menu, footer text or setting bumps it, so a cached
fragment is never stale and nothing needs to know which fragments exist."""

from django.core.cache import cache

VERSION_KEY = "site-content-version"
FRAGMENT_TIMEOUT = 60 * 60


def content_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


def bump_content_version(**kwargs) -> None:
    """Signal receiver: every cached fragment is stale from now on."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.add(VERSION_KEY, 1, timeout=None)


def cached(name: str, build, *parts):
    """``build()``'s result, cached under ``name``, ``parts`` and the content version."""
    key = ":".join(["fragment", name, str(content_version()), *map(str, parts)])
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, FRAGMENT_TIMEOUT)
    return value
