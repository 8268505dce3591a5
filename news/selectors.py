"""Reads the news pages, feeds and the home page share; each in a fixed number of queries."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch
from django.utils import translation
from taggit.models import Tag
from wagtail.models import Locale

from home.locales import for_active_language, reader_children, reader_pages
from membership.models import ClusterDirectoryPage

from .models import Author, NewsCategory, NewsIndexPage, NewsPage

MORE_IN_CATEGORY = 3


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


def category_for_slug(*, slug: str, locale: Locale) -> NewsCategory | None:
    """The category of that slug in that language, or None."""
    return NewsCategory.objects.filter(slug=slug, locale=locale).first()


def categories_for_locale(*, locale: Locale):
    return NewsCategory.objects.filter(locale=locale)


def _in_index(pages, *, index: NewsIndexPage, with_untranslated: bool):
    """The ``pages`` under ``index``; ``with_untranslated``, also those under its
    translations that have none in the index's language (``home.locales.reader_pages``)."""
    return reader_children(pages, parent=index) if with_untranslated else pages.child_of(index)


def articles(
    *,
    index: NewsIndexPage,
    category: NewsCategory | None = None,
    tag: str = "",
    year: int | None = None,
    with_untranslated: bool = False,
):
    """The live articles under ``index``, newest first, of a category, tag and year if given.
    ``with_untranslated`` (the list, not the feeds): with the articles not translated into
    the index's language yet, in the language they have; a category matches its
    translations."""
    pages = _in_index(_card_queryset(), index=index, with_untranslated=with_untranslated)
    if category:
        in_category = NewsCategory.objects.filter(
            pages=OuterRef("pk"), translation_key=category.translation_key
        )
        pages = pages.filter(Exists(in_category))
    if tag:
        pages = pages.filter(tags__slug=tag)
    if year:
        pages = pages.filter(date__year=year)
    return pages


def article_years(*, index: NewsIndexPage) -> list[int]:
    """The years in which the index's list has articles, newest first."""
    all_live = _in_index(NewsPage.objects.live().public(), index=index, with_untranslated=True)
    return [d.year for d in all_live.dates("date", "year", order="DESC")]


def tag_name(*, slug: str) -> str:
    """The display name of the tag of that slug, or ""."""
    return Tag.objects.filter(slug=slug).values_list("name", flat=True).first() or ""


def categories_by_key(*, locale_id: int) -> dict:
    """Every category of one language by translation key (a few dozen rows, one query)."""
    return {c.translation_key: c for c in NewsCategory.objects.filter(locale_id=locale_id)}


def categories_in_language(
    categories, *, locale_id: int, translations: dict | None = None
) -> list[NewsCategory]:
    """``categories`` each in the language ``locale_id`` where it is translated, else as it
    is, by name. A translated article keeps its source's categories (wagtail-localize copies
    the choice as it is); its readers see them in the article's language. No query when
    all are in that language already or ``translations`` (``categories_by_key``) is given."""
    categories = list(categories)
    foreign = {c.translation_key for c in categories if c.locale_id != locale_id}
    if foreign:
        if translations is None:
            translations = {
                c.translation_key: c
                for c in NewsCategory.objects.filter(
                    translation_key__in=foreign, locale_id=locale_id
                )
            }
        categories = [
            translations.get(c.translation_key, c) if c.locale_id != locale_id else c
            for c in categories
        ]
    return sorted(categories, key=lambda c: c.name)


def article_categories(*, page: NewsPage) -> list[NewsCategory]:
    return categories_in_language(page.categories.all(), locale_id=page.locale_id)


def more_in_categories(*, page: NewsPage, categories: list[NewsCategory]) -> list[NewsPage]:
    """A few other articles beside ``page`` in any of ``categories`` (in any language)."""
    if not categories:
        return []
    return list(
        _card_queryset()
        .sibling_of(page, inclusive=False)
        .filter(categories__translation_key__in=[c.translation_key for c in categories])
        .distinct()[:MORE_IN_CATEGORY]
    )


def article_tags(*, page: NewsPage) -> list:
    return list(page.tags.order_by("name"))


def article_authors(*, page: NewsPage) -> list[Author]:
    return list(Author.objects.filter(newspage=page).select_related("photo"))


def article_organisations(*, page: NewsPage) -> list:
    """The published organisations the article is about, by name (one query)."""
    return list(page.organisations.filter(is_published=True).order_by("name"))


def directory_for_locale(*, locale_id: int) -> ClusterDirectoryPage | None:
    """The live directory in that language, else any live one (one query)."""
    directories = {
        d.locale_id: d for d in ClusterDirectoryPage.objects.live().select_related("locale")
    }
    return directories.get(locale_id) or next(iter(directories.values()), None)


def news_index_for_language() -> NewsIndexPage | None:
    """The news index of the active language, else the default language's (one query)."""
    by_code = {
        index.locale.language_code: index
        for index in NewsIndexPage.objects.live().select_related("locale")
    }
    return for_active_language(by_code)


def latest_news(*, limit: int = 3, with_untranslated: bool = False):
    """The newest articles in the active language, for the home page and the newsletter;
    ``with_untranslated`` (the home page), with those not translated into it yet."""
    if with_untranslated:
        pages = reader_pages(_card_queryset(), language_code=translation.get_language())
    else:
        pages = _card_queryset().filter(locale=Locale.get_active())
    return list(pages[:limit])
