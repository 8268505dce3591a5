"""Reads the news pages, feeds and the home page share; each in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Prefetch
from taggit.models import Tag
from wagtail.models import Locale

from association.hygiene import query_int
from home.locales import for_active_language

from .models import Author, NewsCategory, NewsIndexPage, NewsPage

NEWS_PER_PAGE = 12
MORE_IN_CATEGORY = 3
MIN_YEAR, MAX_YEAR = 1900, 2999


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
            category = NewsCategory.objects.filter(slug=slug[:100], locale=locale).first()
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


def _card_queryset():
    """Articles with everything a card shows loaded up front."""
    return (
        NewsPage.objects.live()
        .public()
        .select_related("lead_image", "listing_image")
        .prefetch_related(
            "lead_image__renditions",
            "listing_image__renditions",
            Prefetch("categories", queryset=NewsCategory.objects.order_by("name")),
        )
        .order_by("-date", "-pk")
    )


def articles(index: NewsIndexPage, filters: NewsFilters | None = None):
    pages = _card_queryset().child_of(index)
    if filters is None:
        return pages
    if filters.year_invalid:
        return pages.none()
    if filters.category:
        pages = pages.filter(categories=filters.category)
    if filters.tag:
        pages = pages.filter(tags__slug=filters.tag)
    if filters.year:
        pages = pages.filter(date__year=filters.year)
    return pages


def news_list_context(index: NewsIndexPage, request, filters: NewsFilters) -> dict:
    page_obj = Paginator(articles(index, filters), NEWS_PER_PAGE).get_page(request.GET.get("page"))
    all_live = NewsPage.objects.live().public().child_of(index)
    return {
        "filters": filters,
        "articles": page_obj,
        "page_obj": page_obj,
        "categories": NewsCategory.objects.filter(locale=index.locale),
        "years": [d.year for d in all_live.dates("date", "year", order="DESC")],
        "tag_name": Tag.objects.filter(slug=filters.tag).values_list("name", flat=True).first()
        if filters.tag
        else "",
    }


def news_page_context(page: NewsPage, request) -> dict:
    categories = list(page.categories.order_by("name"))
    more = []
    if categories:
        more = list(
            _card_queryset()
            .sibling_of(page, inclusive=False)
            .filter(categories__in=categories)
            .distinct()[:MORE_IN_CATEGORY]
        )
    return {
        "organisations": _organisation_links(page, request),
        "categories": categories,
        "tags": list(page.tags.order_by("name")),
        "authors": list(Author.objects.filter(newspage=page).select_related("photo")),
        "more_in_category": more,
        "index": page.get_parent(),
    }


def news_index_for_language() -> NewsIndexPage | None:
    """The news index of the active language, else the default language's (one query)."""
    by_code = {
        index.locale.language_code: index
        for index in NewsIndexPage.objects.live().select_related("locale")
    }
    return for_active_language(by_code)


def latest_news(limit: int = 3):
    """The newest articles in the active language, for the home page."""
    locale = Locale.get_active()
    return list(_card_queryset().filter(locale=locale)[:limit])


def _organisation_links(page: NewsPage, request) -> list[dict]:
    """The published organisations the article is about, linked to their directory profile
    in the article's language where there is a directory (two queries)."""
    from membership.models import ClusterDirectoryPage

    organisations = list(page.organisations.filter(is_published=True).order_by("name"))
    if not organisations:
        return []
    directories = {
        d.locale_id: d for d in ClusterDirectoryPage.objects.live().select_related("locale")
    }
    directory = directories.get(page.locale_id) or next(iter(directories.values()), None)
    base = directory.get_url(request) if directory else None
    return [{"name": o.name, "url": f"{base}{o.slug}/" if base else ""} for o in organisations]
