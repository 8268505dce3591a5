"""Whole public pages from the shared cache, for visitors who are not signed in.

Django's own cache middleware (``UpdateCacheMiddleware`` and ``FetchFromCacheMiddleware``),
subclassed for three rules of this site:

- The key starts with the content version (``home/cache.py``), read once when the request
  comes in: any publish, unpublish, move or deletion of a page and any save of something pages
  show bumps it, so a cached page is never stale and nothing tracks which pages exist. A page
  rendered while the version moved is stored under the version it was looked up with, which
  nobody asks for any more.
- Only a visitor without a session and without flash messages waiting is looked up or stored
  (``personal``): a signed-in visitor, or anyone a view keeps something for, always gets a
  page rendered for them, marked ``private``.
- Pages vary on ``Cookie`` (the header's account links read the session) and English ones on
  ``Accept-Language`` (Django's ``LocaleMiddleware``); the responses keep saying so for caches
  in front of the site, but the key leaves both out: a visitor looked up has no session, so
  their cookies (a CSRF token, a language) change nothing on the page, and the language the
  page was rendered in is part of every key already.

What is never stored: anything but a 200 to a GET or HEAD, a response that sets a cookie (a
page that rendered a CSRF token sets one, so forms that need a token stay uncached), one marked
``private``, ``no-cache`` or ``no-store`` or with ``max-age=0``, and a page that showed flash
messages.

A page that shows something changing more often than the content (an event's places left) is
stored under tags (``cache_under_tags``): the versions of its tags, read before it was rendered,
are kept with it, and it is served only while they are still current (``home.cache.bump_tag``
makes it stale), and at most until the moment its view names (a ticket sale opening or
closing). It still says ``no-cache`` to browsers and proxies, which ask again each time and get
a 304 while it is the same.

``PAGE_CACHE_ENABLED`` turns the cache off; ``PAGE_CACHE_TIMEOUT`` is how long a page stays in
the shared cache and ``PAGE_CACHE_MAX_AGE`` how long a browser or proxy may keep it without
asking again (``ConditionalGetMiddleware`` answers that question with a 304).
"""

import copy
import logging

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.middleware.cache import FetchFromCacheMiddleware, UpdateCacheMiddleware
from django.utils.cache import (
    get_cache_key,
    get_max_age,
    has_vary_header,
    learn_cache_key,
    patch_cache_control,
    set_response_etag,
)

from .cache import content_version, tag_versions

logger = logging.getLogger(__name__)

# Request headers the responses vary on that the key leaves out (see the module's docstring).
UNKEYED_HEADERS = frozenset({"HTTP_COOKIE", "HTTP_ACCEPT_LANGUAGE"})
NOT_STORED_DIRECTIVES = frozenset({"private", "no-cache", "no-store"})


def personal(request) -> bool:
    """Whether the page may hold something of this visitor's own: they have a session (signed
    in, or anything a view keeps for them) or flash messages waiting in the messages cookie."""
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return True
    if CookieStorage.cookie_name in request.COOKIES:
        return True
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


def _looked_up(request) -> bool:
    return (
        settings.PAGE_CACHE_ENABLED and request.method in ("GET", "HEAD") and not personal(request)
    )


def _keyed(request):
    """The request as the key sees it: without the headers the key leaves out."""
    keyed = copy.copy(request)
    keyed.META = {
        name: value for name, value in request.META.items() if name not in UNKEYED_HEADERS
    }
    return keyed


def cache_under_tags(response, *, versions: dict[str, int], seconds: float | None = None):
    """Let the page cache store ``response`` although it says ``no-cache`` to browsers and
    proxies: valid while the ``versions`` of its tags (``home.cache.tag_versions``, read before
    the page was rendered) are current, and for ``seconds`` at most."""
    response.page_cache_tags = dict(versions)
    response.page_cache_seconds = seconds
    return response


def _current(response) -> bool:
    """Whether a stored page's tags are still at the versions it was rendered with."""
    tags = getattr(response, "page_cache_tags", None)
    return not tags or tag_versions(tags) == tags


def _showed_messages(request) -> bool:
    storage = getattr(request, "_messages", None)
    return storage is not None and (storage.used or len(storage) > 0)


def _storable(request, response) -> bool:
    if response.streaming or response.status_code != 200 or response.cookies:
        return False
    directives = {
        part.split("=", 1)[0].strip().lower()
        for part in response.get("Cache-Control", "").split(",")
        if part.strip()
    }
    if getattr(response, "page_cache_tags", None) is not None:
        directives -= {"no-cache"}
    if directives & NOT_STORED_DIRECTIVES or get_max_age(response) == 0:
        return False
    if has_vary_header(response, "*"):
        return False
    return not personal(request) and not _showed_messages(request)


class PageCacheFetchMiddleware(FetchFromCacheMiddleware):
    """Last in ``MIDDLEWARE``: a stored page answers before any view runs."""

    def process_request(self, request):
        request._cache_update_cache = False
        if not _looked_up(request):
            return None
        try:
            prefix = request.page_cache_prefix = f"page.{content_version()}"
            keyed = _keyed(request)
            for method in ("GET", "HEAD") if request.method == "HEAD" else ("GET",):
                key = get_cache_key(keyed, prefix, method, cache=self.cache)
                response = self.cache.get(key) if key else None
                if response is not None and _current(response):
                    return response
        except Exception:
            # The cache is down (Redis unreachable): the view answers, uncached; /healthz
            # says what is down.
            logger.warning("Page cache unreachable; serving uncached", exc_info=True)
            return None
        request._cache_update_cache = True
        return None


class PageCacheUpdateMiddleware(UpdateCacheMiddleware):
    """Before every middleware that adds to ``Vary`` (sessions, languages): stores what the
    fetching middleware looked up and did not find, when it may be stored, and marks personal
    pages ``private``."""

    def process_response(self, request, response):
        if personal(request):
            if "Cache-Control" in response:
                patch_cache_control(response, private=True)
            else:
                patch_cache_control(response, private=True, no_cache=True)
            return response
        if not getattr(request, "_cache_update_cache", False):
            return response
        if not _storable(request, response):
            return response
        timeout = settings.PAGE_CACHE_TIMEOUT
        if getattr(response, "page_cache_tags", None) is not None:
            # Browsers and proxies keep asking (no-cache); only this cache stores it.
            patch_cache_control(response, public=True)
            seconds = response.page_cache_seconds
            if seconds is not None:
                timeout = min(timeout, int(seconds))
                if timeout <= 0:
                    return response
        else:
            patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_MAX_AGE)
        try:
            key = learn_cache_key(
                _keyed(request), response, timeout, request.page_cache_prefix, cache=self.cache
            )
        except Exception:
            logger.warning("Page cache unreachable; page not stored", exc_info=True)
            return response
        if callable(getattr(response, "render", None)) and not response.is_rendered:
            response.add_post_render_callback(lambda rendered: self._store(key, rendered, timeout))
        else:
            self._store(key, response, timeout)
        return response

    def _store(self, key, response, timeout) -> None:
        # The ETag goes in with the page: ConditionalGetMiddleware would otherwise hash the
        # whole body again for every answer from the cache (a large feed or sitemap).
        if not response.has_header("ETag"):
            set_response_etag(response)
        # One piece of content: a view that wrote its response in many pieces (a feed
        # writes one per XML element, 676 for the news feed) would otherwise have the server
        # send each piece in a write of its own, for every answer from the cache.
        if len(response._container) > 1:
            response.content = response.content
        try:
            self.cache.set(key, response, timeout)
        except Exception:
            logger.warning("Page cache unreachable; page not stored", exc_info=True)
