"""The site's one public address, ``settings.PUBLIC_BASE_URL``.

Every absolute link the site writes (mail of every kind, feeds, the sitemap, canonical and
OpenGraph addresses, JSON-LD, calendars, payment return addresses) starts with it, whatever
host a request came in on and in a worker that has no request at all. Page addresses come
from Wagtail's default ``Site`` (``page.full_url``), which follows the setting: its host and
port are written after every ``migrate`` (``sync_default_site``, a ``post_migrate`` receiver)
and by ``seed_demo``, so a deploy to a new address or ``make run`` on another port needs no
step by hand."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings

logger = logging.getLogger(__name__)


def base_url() -> str:
    """``https://host[:port]``, without a trailing slash."""
    return settings.PUBLIC_BASE_URL.rstrip("/")


def absolute(url: str) -> str:
    """A site path (``/news/``) as an absolute address on the public base; an address that is
    absolute already, or empty, as it is."""
    if url and url.startswith("/") and not url.startswith("//"):
        return base_url() + url
    return url or ""


def rebase(url: str) -> str:
    """An absolute address built from a request's host (as allauth builds its links) moved
    onto the public base: the same path, query and fragment."""
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return absolute(url)
    base = urlsplit(base_url())
    return urlunsplit((base.scheme, base.netloc, parts.path, parts.query, parts.fragment))


def host() -> str:
    """The public host name (without the port)."""
    return urlsplit(base_url()).hostname or ""


def domain() -> str:
    """The public host with its port when it is not the scheme's own (``127.0.0.1:8000``)."""
    return urlsplit(base_url()).netloc


def site_address() -> tuple[str, int]:
    """The host name and port Wagtail's ``Site`` needs for ``root_url`` to be the base."""
    parts = urlsplit(base_url())
    return parts.hostname or "", parts.port or (443 if parts.scheme == "https" else 80)


def sync_default_site(*, using: str = "default") -> bool:
    """Point Wagtail's default site at the public address (and give it a name if it has
    none); True when it changed. Another site already holding that address is left alone
    and logged: two records cannot share one."""
    from wagtail.models import Site

    site = Site.objects.using(using).filter(is_default_site=True).first()
    if site is None:
        return False
    hostname, port = site_address()
    changed = (site.hostname, site.port) != (hostname, port) or not site.site_name
    if not changed:
        return False
    taken = (
        Site.objects.using(using).filter(hostname=hostname, port=port).exclude(pk=site.pk).exists()
    )
    if taken:
        logger.warning(
            "The default site stays at %s:%s: another site holds %s:%s (PUBLIC_BASE_URL).",
            site.hostname,
            site.port,
            hostname,
            port,
        )
        return False
    site.hostname, site.port = hostname, port
    site.site_name = site.site_name or settings.WAGTAIL_SITE_NAME
    site.save(using=using)
    return True


def sync_default_site_after_migrate(sender, using="default", **kwargs) -> None:
    """``post_migrate`` receiver (connected once, for the app of ``Site``)."""
    sync_default_site(using=using)
