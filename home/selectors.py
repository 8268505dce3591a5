"""Reads that templates and views share. Each returns in a fixed number of queries."""

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import CharField, F, IntegerField, Prefetch, Q
from django.db.models.functions import Cast
from wagtail.models import Page
from wagtail.search.models import IndexEntry
from wagtail.search.query import And, Phrase, PlainText
from wagtail.search.utils import get_descendants_content_types_pks

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


@dataclass(frozen=True)
class SearchResults:
    """One page of search results without counting them all: ``pages``, the page
    ``number``, and whether a next page exists."""

    pages: list
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    def __iter__(self):
        return iter(self.pages)

    def __len__(self) -> int:
        return len(self.pages)

    def __bool__(self) -> bool:
        return bool(self.pages)


def _postgres_tsquery(query):
    """``search_query_for``'s query as a PostgreSQL tsquery in the index's configuration
    (the database's default, as Wagtail's database backend writes it): words as
    ``plainto_tsquery`` (all must match), a quoted run as ``phraseto_tsquery``."""
    parts = query.subqueries if isinstance(query, And) else [query]
    tsquery = None
    for part in parts:
        search_type = "phrase" if isinstance(part, Phrase) else "plain"
        piece = SearchQuery(part.query_string, search_type=search_type)
        tsquery = piece if tsquery is None else tsquery & piece
    return tsquery


def _matching_page_ids_postgres(shown, query, *, start: int, stop: int) -> list[int]:
    """The ids of the pages of ``shown`` whose index entry matches ``query``, from ``start``
    to ``stop``, those with the words in their title first, then the newest. The query
    starts from the index: the entries' stored ``title`` and ``body`` tsvectors are each
    matched on their own GIN index (Wagtail's backend matches ``title || body``, which no
    index holds), and only the small title vector is ranked (ranking the body would read
    every matching entry's whole text, thousands for a common word). The body holds every
    searched text folded (``BasePage.search_folded``), titles included."""
    tsquery = _postgres_tsquery(query)
    shown_ids = shown.order_by().annotate(text_id=Cast("pk", CharField())).values("text_id")
    entries = (
        IndexEntry.objects.filter(Q(title=tsquery) | Q(body=tsquery))
        .filter(
            content_type_id__in=get_descendants_content_types_pks(Page),
            object_id__in=shown_ids,
        )
        .annotate(rank=SearchRank(F("title"), tsquery), page_id=Cast("object_id", IntegerField()))
        .order_by("-rank", "-page_id")
    )
    return list(entries.values_list("page_id", flat=True)[start:stop])


def search_page_ids(
    *, text: str, language_code: str, number: int = 1, per_page: int = 10
) -> tuple[list[int], bool]:
    """Page ``number`` of the ids of the live, public pages a reader of ``language_code`` is
    shown that match ``text`` (none for a query without words), best first: those of that
    language, and those not translated into it yet in the language they have
    (``reader_pages``); and whether there is a next page. The results are never counted:
    one more than fits is fetched to know whether there is a next page.

    The query is folded as the index's folded field is: "Niš", "Nis" and "Ниш" ask the same.
    On PostgreSQL the match uses the index's GIN indexes; elsewhere (SQLite, ``make run``)
    Wagtail's database backend searches (FTS5), which accepts only plain filters on indexed
    fields, so the choice of pages is a subquery of page ids."""
    query = search_query_for(fold(text))
    if query is None:
        return [], False
    shown = reader_pages(Page.objects.live().public(), language_code=language_code)
    start = (number - 1) * per_page
    stop = start + per_page + 1
    if connection.vendor == "postgresql":
        ids = _matching_page_ids_postgres(shown, query, start=start, stop=stop)
    else:
        matching = Page.objects.filter(pk__in=shown.values("pk")).search(query)
        ids = [page.pk for page in matching[start:stop]]
    return ids[:per_page], len(ids) > per_page


def pages_by_id(*, ids: list[int]) -> list[Page]:
    """The live pages of ``ids``, specific, in that order, each annotated with its
    ``content_language`` (one query, and one per kind of page). Their stream fields (the
    bodies) are not read: a result shows a page's title, date and summary.

    ``ids`` come from ``search_page_ids``, which kept only public pages, under the content
    version: a view restriction added since bumps it, so they are not checked again here."""
    listed = (
        Page.objects.live().filter(pk__in=ids).annotate(content_language=F("locale__language_code"))
    )
    pages = {page.pk: page for page in listed.defer_streamfields().specific()}
    return [pages[pk] for pk in ids if pk in pages]
