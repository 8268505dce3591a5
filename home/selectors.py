"""Reads that templates and views share. Each returns in a fixed number of queries."""

import re

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.db.models import Prefetch
from django.urls import reverse, translate_url
from django.utils import translation
from wagtail.models import Locale, Page
from wagtail.search.query import And, Phrase, PlainText

from .locales import language_codes
from .models import FooterText, Menu, MenuItem


def menu_for_language(handle: str) -> Menu | None:
    """The menu in the active language, else in the default language; its items with their
    pages loaded (two queries whatever the number of items)."""
    codes = language_codes()
    items = MenuItem.objects.select_related("link_page").order_by("sort_order")
    menus = {
        menu.locale.language_code: menu
        for menu in Menu.objects.filter(handle=handle, locale__language_code__in=codes)
        .select_related("locale")
        .prefetch_related(Prefetch("items", queryset=items))
    }
    return next((menus[code] for code in codes if code in menus), None)


def footer_text_for_language() -> FooterText | None:
    codes = language_codes()
    texts = {
        text.locale.language_code: text
        for text in FooterText.objects.filter(locale__language_code__in=codes).select_related(
            "locale"
        )
    }
    return next((texts[code] for code in codes if code in texts), None)


def language_links(request, page: Page | None) -> list[dict]:
    """One entry per site language: where the switcher sends the reader, and whether that is
    the same page in the other language (used for hreflang alternates too).

    On a page, a language with a live translation links to it; one without links to that
    language's home page. Elsewhere (search, forms), Django translates the current URL.
    """
    current = translation.get_language()
    translations = {}
    if page is not None and page.pk:
        for translated in page.get_translations(inclusive=True).live().select_related("locale"):
            translations[translated.locale.language_code] = translated
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
                "absolute_url": _absolute_url(request, url),
                "is_current": code == current,
                "exists": exists,
            }
        )
    return links


def _absolute_url(request, url: str) -> str:
    """The address with the request's host; none when the host is not one of ours (the 400
    page for a forged Host header is rendered with this same layout)."""
    if not url:
        return ""
    try:
        return request.build_absolute_uri(url)
    except DisallowedHost:
        return ""


def breadcrumbs(page: Page) -> list[Page]:
    """The page's ancestors below the language's home page, in one query."""
    return list(page.get_ancestors().filter(depth__gt=2).live())


def page_card(page, request, *, meta: str = "") -> dict:
    """What a listing card shows for any page built on BasePage."""
    return {
        "title": page.card_title,
        "summary": page.card_summary,
        "image": page.listing_image,
        "url": page.get_url(request),
        "meta": meta,
    }


def child_page_cards(page: Page, request) -> list[dict]:
    """Cards for a standard page's live children (three queries whatever their number)."""
    from .models import StandardPage

    children = (
        StandardPage.objects.child_of(page)
        .live()
        .public()
        .select_related("listing_image")
        .prefetch_related("listing_image__renditions")
    )
    return [page_card(child, request) for child in children]


# Letters and digits of any script; everything else (quotes, operators, punctuation, marks)
# only separates words.
_WORD = re.compile(r"\w+")
MAX_SEARCH_TERMS = 12


def search_query_for(text: str):
    """What a reader typed, as a query no character can break on either search backend
    (SQLite FTS5 or PostgreSQL tsquery), or None when it holds no word.

    Only runs of word characters reach the backend, joined by single spaces: words outside
    quotes must all match, a quoted run of words must match as a phrase (an unclosed quote
    runs to the end). Operators, column filters and prefixes typed by the reader are words
    like any other.
    """
    parts = []
    terms = 0
    for number, part in enumerate(text.split('"')):
        words = _WORD.findall(part)[: MAX_SEARCH_TERMS - terms]
        terms += len(words)
        if not words:
            continue
        in_quotes = number % 2 == 1 and len(words) > 1
        parts.append(Phrase(" ".join(words)) if in_quotes else PlainText(" ".join(words)))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else And(parts)


def search_pages(*, text: str, locale: Locale):
    """The live, public pages of ``locale`` that match ``text`` (none for a query without
    words), best first."""
    query = search_query_for(text)
    if query is None:
        return Page.objects.none()
    return Page.objects.live().public().filter(locale=locale).specific().search(query)
