"""The site's own views (search, sitemap, a routable page's data file, error pages) and the
request-dependent context pages and templates share (language links, page cards)."""

import hashlib

from django.conf import settings
from django.contrib.sitemaps.views import SitemapIndexItem
from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.db.models import Q
from django.http import Http404, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.urls import Resolver404, reverse, translate_url
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail import hooks
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page
from wagtail.views import serve_chain

from association import public_url
from association.hygiene import query_int
from twins.search import fold

from . import selectors
from .cache import cached
from .routing import route_for_request, with_site

SEARCH_QUERY_MAX_LENGTH = 200
SEARCH_RESULTS_PER_PAGE = 10
# Addresses per part of the sitemap (the sitemaps protocol allows 50,000).
SITEMAP_PART_SIZE = 1000


# Deeper pages of results are not offered: nobody reads them, and each costs its offset.
SEARCH_MAX_PAGE = 100


@require_GET
@with_site
def search(request):
    """Full-text search over the live, public pages of the reader's language, and those not
    translated into it yet (marked so). The results are not counted (``search_page_ids``):
    the pages link to the next one while there is one; a page number past the results, or
    not a number, shows the first page.

    Which pages a query finds is kept per content version (any publish, unpublish, move or
    deletion bumps it): a query asked again costs no full-text search until the content
    changes. The pages themselves are read each time, live and public only."""
    query = request.GET.get("q", "").strip()[:SEARCH_QUERY_MAX_LENGTH]
    results = None
    if query:
        language_code = translation.get_language()
        number = query_int(request.GET.get("page"), default=1, maximum=SEARCH_MAX_PAGE)

        def find(number: int):
            return cached(
                "search",
                lambda: selectors.search_page_ids(
                    text=query,
                    language_code=language_code,
                    number=number,
                    per_page=SEARCH_RESULTS_PER_PAGE,
                ),
                language_code,
                number,
                # The folded query: its spellings ("Niš", "Nis", "Ниш") share the entry.
                hashlib.sha256(fold(query).encode()).hexdigest(),
            )

        ids, has_next = find(number)
        if not ids and number > 1:
            number = 1
            ids, has_next = find(number)
        results = selectors.SearchResults(
            pages=selectors.pages_by_id(ids=ids), number=number, has_next=has_next
        )
    return render(request, "search/search.html", {"search_query": query, "results": results})


class AllLanguagesSitemap(Sitemap):
    """Wagtail's sitemap lists the default-language tree only; list every language's tree,
    ``limit`` addresses a part (the index, ``/sitemap.xml``, names the parts)."""

    limit = SITEMAP_PART_SIZE

    def items(self):
        site = self.get_wagtail_site()
        roots = site.root_page.get_translations(inclusive=True)
        in_any_tree = Q()
        for root in roots:
            in_any_tree |= Q(path__startswith=root.path)
        return (
            Page.objects.filter(in_any_tree)
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )


SITEMAPS = {"pages": AllLanguagesSitemap}


@require_GET
@with_site
def sitemap_index(request):
    """``/sitemap.xml``: a sitemap index naming each part of each section, at the public
    address (``/sitemap-pages.xml``, then ``?p=2`` and on). A crawler fetches a part of
    ``SITEMAP_PART_SIZE`` addresses at a time, and each part is rendered only when asked
    for. Kept per content version, like the parts."""

    def render():
        items = []
        for section, sitemap_class in SITEMAPS.items():
            location = public_url.absolute(reverse("sitemap_section", args=[section]))
            parts = sitemap_class(request).paginator.num_pages
            items.append(SitemapIndexItem(location))
            items.extend(SitemapIndexItem(f"{location}?p={part}") for part in range(2, parts + 1))
        return loader.render_to_string("sitemap_index.xml", {"sitemaps": items})

    content = cached("sitemap-index", render, request.get_host())
    return HttpResponse(content, content_type="application/xml")


@require_GET
@with_site
def sitemap(request, section: str):
    """One part of one section of the sitemap (``?p=``, the first by default; a part past the
    last is a 404). Rendered once per content version: nothing in it changes until a page is
    published, moved or deleted."""
    if section not in SITEMAPS:
        raise Http404(_("There is no such file."))
    page_number = request.GET.get("p", "1")

    def render():
        response = django_sitemap(
            request, sitemaps={section: SITEMAPS[section](request)}, section=section
        )
        response.render()
        return response.content

    content = cached("sitemap", render, request.get_host(), section, page_number[:10])
    return HttpResponse(content, content_type="application/xml")


def page_data_file(request, path, filename):
    """``<page>/<name>.<ext>`` for routable pages (the directory's ``map.geojson``, an event's
    ``event.ics``). Wagtail's page addresses end in a slash and have no dots, so these need
    their own URL pattern: it finds the page Wagtail would find and runs the page's route."""
    route = route_for_request(request, "/" + path)
    page = route[0].specific if route is not None else None
    if page is None or not isinstance(page, RoutablePageMixin) or not page.live:
        raise Http404(_("There is no such file."))
    try:
        view, args, kwargs = page.resolve_subpage("/" + filename)
    except Resolver404 as error:
        raise Http404(_("There is no such file.")) from error
    return serve_page_route(request, page, view=view, args=args, kwargs=kwargs)


def serve_page_route(request, page, *, view, args, kwargs):
    """Serve one of ``page``'s routes the way ``wagtail.views.serve`` serves the page itself:
    through the ``before_serve_page`` and ``on_serve_page`` hooks, so a file is refused
    exactly when its page is (login, password or group view restrictions on the page or an
    ancestor; the request method check). The hooks get the arguments in the shape Wagtail's
    routing gives them for a routable page."""
    serve_args, serve_kwargs = (view, args, kwargs), {}
    on_serve_chain = serve_chain
    for hook in reversed(hooks.get_hooks("on_serve_page")):
        on_serve_chain = hook(on_serve_chain)
    for hook in hooks.get_hooks("before_serve_page"):
        result = hook(page, request, serve_args, serve_kwargs)
        if isinstance(result, HttpResponse):
            return result
    return on_serve_chain(page, request, serve_args, serve_kwargs)


@with_site
def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without a request context or the static files manifest: whatever failed may
    # fail again while rendering. The unhashed stylesheet is collected too.
    template = loader.get_template("500.html")
    context = {"LANGUAGE_CODE": translation.get_language(), "static_url": settings.STATIC_URL}
    return HttpResponseServerError(template.render(context))


def language_links(request, page: Page | None) -> list[dict]:
    """One entry per site language: where the switcher sends the reader, and whether that is
    the same page in the other language (used for hreflang alternates too).

    On a page, a language with a live translation links to it; one without links to that
    language's home page. Elsewhere (search, forms), Django translates the current URL.
    """
    current = translation.get_language()
    if page is not None and page.pk and not getattr(request, "is_preview", False):
        # A page's translations change only on publish, move or deletion: kept per content
        # version (the host is in the key, as a page of another site links absolutely).
        return cached(
            "language-links",
            lambda: _language_links(request, page, current),
            page.pk,
            current,
            request.get_host(),
        )
    return _language_links(request, page, current)


def _language_links(request, page: Page | None, current: str) -> list[dict]:
    translations = {}
    if page is not None and page.pk:
        translations = selectors.page_translations(page=page)
    links = []
    for code, name in settings.LANGUAGES:
        if page is not None and page.pk:
            target = translations.get(code)
            exists = target is not None
            if exists:
                with translation.override(code):
                    url = target.get_url(request)
            else:
                with translation.override(code):
                    url = reverse("wagtail_serve", args=[""])
        else:
            exists = True
            url = translate_url(request.get_full_path(), code)
        links.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "absolute_url": public_url.absolute(url),
                "is_current": code == current,
                "exists": exists,
            }
        )
    return links


def page_card(page, request, *, meta: str = "") -> dict:
    """What a listing card shows for any page built on BasePage."""
    return {
        "title": page.card_title,
        "summary": page.card_summary,
        "image": page.listing_image,
        "url": page.get_url(request),
        "meta": meta,
    }


def standard_page_context(page, request) -> dict:
    """A standard page's breadcrumbs and the cards of its children (four queries)."""
    return {
        "breadcrumbs": selectors.breadcrumbs(page=page),
        "child_pages": [page_card(child, request) for child in selectors.child_pages(page=page)],
    }
