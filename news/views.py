"""The news pages' handlers: the list with its filters, the feeds, the category redirect and
an article's context. Request parsing and template context live here; reads in selectors."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from association.hygiene import query_int
from home.cache import cached

from . import selectors
from .feeds import NewsAtomFeed, NewsRssFeed
from .models import NewsCategory, NewsIndexPage, NewsPage

NEWS_PER_PAGE = 12
MIN_YEAR, MAX_YEAR = 1900, 2999
CATEGORY_SLUG_MAX_LENGTH = NewsCategory._meta.get_field("slug").max_length


@dataclass(frozen=True)
class NewsFilters:
    """The list's filters from the query string. An invalid year or unknown tag simply
    matches nothing; only an unknown category is a missing page (404)."""

    category: NewsCategory | None = None
    tag: str = ""
    year: int | None = None
    year_invalid: bool = False
    unknown_category: bool = False

    @classmethod
    def from_query(cls, query, *, locale: Locale) -> NewsFilters:
        category = None
        unknown_category = False
        slug = query.get("category", "").strip()
        if slug:
            category = selectors.category_for_slug(
                slug=slug[:CATEGORY_SLUG_MAX_LENGTH], locale=locale
            )
            unknown_category = category is None
        year, year_invalid = None, False
        raw_year = query.get("year", "").strip()
        if raw_year:
            year = query_int(raw_year, minimum=MIN_YEAR, maximum=MAX_YEAR)
            year_invalid = year is None
        return cls(
            category=category,
            tag=query.get("tag", "").strip()[:100],
            year=year,
            year_invalid=year_invalid,
            unknown_category=unknown_category,
        )

    @property
    def active(self) -> bool:
        return bool(self.category or self.tag or self.year or self.year_invalid)


def _filtered_articles(index: NewsIndexPage, filters: NewsFilters):
    """The list's articles: those of the index's language, and those not translated into it
    yet in the language they have (each marked so on its card)."""
    pages = selectors.articles(
        index=index,
        category=filters.category,
        tag=filters.tag,
        year=filters.year,
        with_untranslated=True,
    )
    return pages.none() if filters.year_invalid else pages


def news_index(index: NewsIndexPage, request):
    """/news/: one page of the filtered list, with the filter form and its chips. The list
    itself is lazy: the template keeps its cards in a fragment (``{% fragment %}``) keyed on
    the query string (the filters, the page number), and only a fragment not found in the
    cache reads it."""
    filters = NewsFilters.from_query(request.GET, locale=index.locale)
    if filters.unknown_category:
        raise Http404(_("There is no such category."))
    page_obj = SimpleLazyObject(
        lambda: Paginator(_filtered_articles(index, filters), NEWS_PER_PAGE).get_page(
            request.GET.get("page")
        )
    )
    context = {
        "filters": filters,
        "articles": page_obj,
        "page_obj": page_obj,
        "categories": selectors.categories_for_locale(locale=index.locale),
        # Reading every article's date takes a scan of the whole list: once per content
        # version (any publish bumps it), not once per request.
        "years": cached("news-years", lambda: selectors.article_years(index=index), index.pk),
        "tag_name": selectors.tag_name(slug=filters.tag) if filters.tag else "",
    }
    return index.render(request, context_overrides=context)


def atom_feed(index: NewsIndexPage, request, category: str | None = None):
    return NewsAtomFeed(index, category)(request)


def rss_feed(index: NewsIndexPage, request, category: str | None = None):
    return NewsRssFeed(index, category)(request)


def category_redirect(index: NewsIndexPage, request, category: str):
    return redirect(f"{index.get_url(request)}?category={category}")


def news_page_context(page: NewsPage, request) -> dict:
    """What an article shows besides its own fields, each read only when the template asks
    for it: the article's template keeps what they show in fragments (``{% fragment %}``),
    so an article whose fragments are cached reads none of them."""
    categories = SimpleLazyObject(lambda: list(selectors.article_categories(page=page)))
    return {
        "organisations": SimpleLazyObject(lambda: _organisation_links(page, request)),
        "categories": categories,
        "tags": SimpleLazyObject(lambda: list(selectors.article_tags(page=page))),
        "authors": SimpleLazyObject(lambda: list(selectors.article_authors(page=page))),
        "more_in_category": SimpleLazyObject(
            lambda: list(selectors.more_in_categories(page=page, categories=categories))
        ),
        "index": SimpleLazyObject(page.get_parent),
        "og_type": "article",
    }


def _organisation_links(page: NewsPage, request) -> list[dict]:
    """The published organisations the article is about, linked to their directory profile
    in the article's language where there is a directory (two queries)."""
    organisations = selectors.article_organisations(page=page)
    if not organisations:
        return []
    directory = selectors.directory_for_locale(locale_id=page.locale_id)
    base = directory.get_url(request) if directory else None
    return [{"name": o.name, "url": f"{base}{o.slug}/" if base else ""} for o in organisations]
