"""Forms that cached pages carry, checked without a per-visitor token.

A page served from the shared cache (``home/page_cache.py``) is the same for every anonymous
visitor, so it cannot hold a CSRF token. The one form every page carries, Infocluster's
subscribe box, posts to an endpoint that needs none: it acts for nobody's session (it reads no
cookie and does the same for a signed-in visitor as for a stranger), so a forged request from
another site can do nothing that site could not do by posting itself, namely ask for a
confirmation mail, which the throttles (per client and per address) limit and which subscribes
nobody until the address's owner follows its link (double opt-in). What a token would still
add, that a page elsewhere makes its visitors' browsers post (spreading the requests over many
client addresses), is refused here by the browser's own word on where a request comes from:
the Fetch Metadata header ``Sec-Fetch-Site`` (every current browser sends it), else ``Origin``,
else ``Referer``, as OWASP's CSRF cheat sheet recommends for such endpoints. A request with
none of them comes from no browser page at all: a program can post as itself anyway.
"""

from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import get_callable
from django.views.decorators.csrf import csrf_exempt

SAME_SITE_VALUES = frozenset({"same-origin", "none"})  # "none": typed or bookmarked by a person


def _same_origin(request, url: str) -> bool:
    parts = urlsplit(url)
    origin = f"{parts.scheme}://{parts.netloc}"
    own = {f"{request.scheme}://{request.get_host()}", settings.PUBLIC_BASE_URL}
    return origin in own or origin in getattr(settings, "CSRF_TRUSTED_ORIGINS", [])


def cross_site(request) -> bool:
    """Whether the browser says another site's page made this request."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site.strip().lower() not in SAME_SITE_VALUES
    origin = request.headers.get("Origin")
    if origin is not None:
        return origin == "null" or not _same_origin(request, origin)
    referer = request.headers.get("Referer")
    if referer:
        return not _same_origin(request, referer)
    return False


def same_origin_form(view):
    """For a view whose POST needs no CSRF token (see the module's docstring): a POST another
    site's page made is refused with the site's CSRF failure page (403); everything else goes
    through."""

    @csrf_exempt
    @wraps(view)
    def checked(request, *args, **kwargs):
        if request.method == "POST" and cross_site(request):
            failure = get_callable(settings.CSRF_FAILURE_VIEW)
            return failure(request, reason="Cross-site request refused (Sec-Fetch-Site/Origin).")
        return view(request, *args, **kwargs)

    return checked
