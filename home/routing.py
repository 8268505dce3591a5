"""Wagtail's site lookup and page routing, remembered in the process under the content
version (``home.cache.VersionedMemo``).

For every request Wagtail finds the site by host and port (one query) and walks the page tree
from the site's root in the reader's language to the page, one child per path segment (a
locale query and two queries per level: the child, then its specific page). A signed-in
member's registration POST spent about a third of its time there. Both answers change only
when a site, locale or page is published, unpublished, moved or deleted, each of which bumps
the content version (``home/apps.py``), so they are kept per process and version:

* the site is set where ``Site.find_for_request`` looks first (``request._wagtail_site``),
  from a pickled copy (each request gets its own instance), for the requests Wagtail serves
  a page to and the public views that render the site's templates (``with_site``: search,
  the sitemap, the 404 page); other views (the webhooks, /healthz, the admin) look it up as
  before, when they need it, so a view that needs no site never waits for it or its
  database;
* ``route_for_request`` remembers which page a path's tree walk ended on and how many
  segments it took; on the next request the page is fetched by id in one query and its own
  ``route()`` gets the rest of the path (a routable page's sub-route, or nothing), which
  checks ``live`` and raises 404 as Wagtail's walk would. The result goes where Wagtail keeps
  a request's route (``request._wagtail_route_for_request``), so ``wagtail.views.serve`` and
  everything else that routes the request use it.

View restrictions are not remembered: Wagtail's ``before_serve_page`` hook still checks them
for every request. Nothing here is written by Wagtail or a package; no maintained package
remembers routing (the page-cache packages keep whole responses, which a POST or a signed-in
reader never gets)."""

import functools
import logging
import pickle

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import DisallowedHost
from django.http import Http404
from django.http.request import split_domain_port
from django.utils import translation
from wagtail import views as wagtail_views
from wagtail.models import Page, Site
from wagtail.models.sites import get_site_for_hostname

from .cache import VersionedMemo

logger = logging.getLogger(__name__)

# Sites are few; routes are one per page, language and sub-route actually requested.
_sites = VersionedMemo(64)
_routes = VersionedMemo(4096)
_NOT_FOUND = b""


def _site_bytes(hostname: str, port: int) -> bytes:
    try:
        return pickle.dumps(get_site_for_hostname(hostname, port))
    except Site.DoesNotExist:
        return _NOT_FOUND


def find_site(request) -> Site | None:
    """``Site.find_for_request`` from the memo: the same site for the same host and port.
    A host the site does not serve (``ALLOWED_HOSTS``) is looked up by Wagtail and not kept,
    so made-up Host headers cannot crowd the memo."""
    try:
        request.get_host()
    except DisallowedHost:
        return Site._find_for_request(request)
    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()
    try:
        found = _sites.get((hostname, port), lambda: _site_bytes(hostname, port))
    except Exception:
        # The cache holding the content version is down: Wagtail looks the site up, and
        # /healthz says what is down.
        logger.warning("Content version unreachable; site looked up", exc_info=True)
        return Site._find_for_request(request)
    return pickle.loads(found) if found else None  # noqa: S301 (pickled by this process)


def with_site(view):
    """Decorate a view outside the page tree that renders the site's templates (menus,
    footer, language links), so that its site comes from the memo as a page's does."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not hasattr(request, "_wagtail_site"):
            request._wagtail_site = find_site(request)
        return view(request, *args, **kwargs)

    return wrapped


def _walked(site: Site, components: list[str], result) -> tuple[int, int, int] | None:
    """(content type, page id, segments the tree walk took) for a route Wagtail found, when
    the page is reached from the localized root by one child per segment, as Wagtail's own
    ``Page.route`` walks; None for anything else (a page whose ``route()`` is its own), which is
    then routed by Wagtail each time."""
    page = result[0]
    start = site.root_page.localized
    taken = page.depth - start.depth
    if taken < 0 or taken > len(components) or not page.url_path.startswith(start.url_path):
        return None
    walked = page.url_path[len(start.url_path) :].strip("/")
    if walked != "/".join(components[:taken]):
        return None
    return page.content_type_id, page.pk, taken


def route_for_request(request, path: str):
    """Wagtail's ``Page.route_for_request``, with the tree walk remembered."""
    if hasattr(request, "_wagtail_route_for_request"):
        return request._wagtail_route_for_request
    if not hasattr(request, "_wagtail_site"):
        request._wagtail_site = find_site(request)
    site = request._wagtail_site
    if site is None:
        return Page.route_for_request(request, path)
    components = [component for component in path.split("/") if component]
    key = (site.pk, translation.get_language(), path)
    try:
        walked = _routes.peek(key)
    except Exception:
        logger.warning("Content version unreachable; page routed by Wagtail", exc_info=True)
        return Page.route_for_request(request, path)
    if walked is None:
        result = Page.route_for_request(request, path)
        if result is not None and (walked := _walked(site, components, result)) is not None:
            _routes.put(key, walked)
        return result
    content_type_id, page_id, taken = walked
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    try:
        page = model._default_manager.get(pk=page_id)
        result = page.route(request, components[taken:])
    except (model.DoesNotExist, Http404):
        result = None
    request._wagtail_route_for_request = result
    return result


def serve(request, path):
    """``wagtail.views.serve`` with the route from ``route_for_request``."""
    route_for_request(request, path)
    return wagtail_views.serve(request, path)
