"""The one rule for content in the reader's language: the active language first, then the
site's default language as the fallback. Menus, footers, index pages and taxonomies all follow
it through these helpers; lists of pages (news, events, search) through ``reader_pages``,
which also shows a Serbian reader the pages of the other script."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Substr
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

# The label of a listed page that is in another language than the reader's.
IN_LANGUAGE = {
    "en": _("In English"),
    # Translators: for a Serbian reader, just "in Latin script" ("Latinicom").
    "sr-latn": _("In Serbian (Latin script)"),
    # Translators: for a Serbian reader, just "in Cyrillic script" ("Ćirilicom").
    "sr": _("In Serbian (Cyrillic script)"),
}


def language_codes() -> list[str]:
    """The active language, then the default one (once, when they are the same)."""
    active = translation.get_language() or settings.LANGUAGE_CODE
    return list(dict.fromkeys([active, settings.LANGUAGE_CODE]))


def for_active_language(by_code: dict):
    """The value ``by_code`` holds for the active language, else for the default language,
    else ``None``."""
    for code in language_codes():
        if code in by_code:
            return by_code[code]
    return None


def reader_language_codes(language_code: str) -> list[str]:
    """The languages whose pages a reader of ``language_code`` is shown in lists, best first:
    that language, the other scripts of the same language (Serbian Latin for a Cyrillic
    reader and the other way round), then the default language."""
    base = language_code.split("-")[0]
    scripts = [
        code
        for code, _name in settings.LANGUAGES
        if code != language_code and code.split("-")[0] == base
    ]
    return list(dict.fromkeys([language_code, *scripts, settings.LANGUAGE_CODE]))


def reader_pages(pages, *, language_code: str):
    """Of ``pages`` (a page queryset over several languages), what a reader of
    ``language_code`` is shown: one page per translation key, in the first language of
    ``reader_language_codes`` that has one among ``pages``. A page with no translation in the
    reader's language is thus listed in the other script, else in the default language.
    Each page is annotated with ``content_language``, its language code.

    One query with the rest (a correlated ``NOT EXISTS`` per fallback language), on
    PostgreSQL and SQLite alike; ordering, filters and slicing apply on top as usual.
    Filters narrowing the list (a category, a year) belong after this call: a page hidden
    by its translation stays hidden even when the translation does not match them.
    """
    codes = reader_language_codes(language_code)
    shown = Q()
    for position, code in enumerate(codes):
        in_language = Q(locale__language_code=code)
        if position:
            better = pages.filter(
                translation_key=OuterRef("translation_key"),
                locale__language_code__in=codes[:position],
            )
            in_language &= ~Exists(better)
        shown |= in_language
    return pages.filter(shown).annotate(content_language=F("locale__language_code"))


def reader_children(pages, *, parent: Page):
    """Of ``pages``, the children of ``parent`` (a news or events index) and of its
    translations that a reader of the parent's language is shown (``reader_pages``).

    In the same query: a page's parent is the page whose path is its own less the last
    step, and it must share the parent's translation key."""
    parent_path = Substr(OuterRef("path"), 1, (OuterRef("depth") - 1) * Page.steplen)
    parents = Page.objects.filter(translation_key=parent.translation_key, path=parent_path)
    return reader_pages(pages.filter(Exists(parents)), language_code=parent.locale.language_code)


def other_language(page) -> dict | None:
    """For a page listed to the reader though it is in another language (``reader_pages``
    annotates it): its language code and the label saying so; None for a page in the
    reader's language."""
    code = getattr(page, "content_language", None)
    if not code or code == translation.get_language():
        return None
    return {"code": code, "label": IN_LANGUAGE.get(code, dict(settings.LANGUAGES).get(code))}
