"""The one rule for content in the reader's language: the active language first, then the
site's default language as the fallback. Menus, footers, index pages and taxonomies all follow
it through these helpers."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation


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
