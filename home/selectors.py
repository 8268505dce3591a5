"""Reads that templates and views share. Each returns in a fixed number of queries."""

import re

from django.db.models import F, Prefetch
from wagtail.models import Page
from wagtail.search.query import And, Phrase, PlainText

from twins.search import fold

from .locales import language_codes, reader_pages
from .models import FooterText, Menu, MenuItem, StandardPage


def menu_for_language(*, handle: str) -> Menu | None:
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


def page_translations(*, page: Page) -> dict[str, Page]:
    """The live translations of ``page``, itself included, by language code (one query)."""
    return {
        translated.locale.language_code: translated
        for translated in page.get_translations(inclusive=True).live().select_related("locale")
    }


def breadcrumbs(*, page: Page) -> list[Page]:
    """The page's ancestors below the language's home page, in one query."""
    return list(page.get_ancestors().filter(depth__gt=2).live())


def child_pages(*, page: Page):
    """A standard page's live, public children with their listing images loaded."""
    return (
        StandardPage.objects.child_of(page)
        .live()
        .public()
        .select_related("listing_image")
        .prefetch_related("listing_image__renditions")
    )


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


def search_pages(*, text: str, language_code: str):
    """The live, public pages a reader of ``language_code`` is shown that match ``text``
    (none for a query without words), best first: those of that language, and those not
    translated into it yet in the language they have (``reader_pages``), each annotated with
    its ``content_language``.

    The search backends accept only plain filters on indexed fields, so the choice of pages
    is a subquery of page ids. The query is folded as the index's folded field is: "Niš",
    "Nis" and "Ниш" ask the same."""
    query = search_query_for(fold(text))
    if query is None:
        return Page.objects.none()
    shown = reader_pages(Page.objects.live().public(), language_code=language_code)
    return (
        Page.objects.filter(pk__in=shown.values("pk"))
        .annotate(content_language=F("locale__language_code"))
        .specific()
        .search(query)
    )
