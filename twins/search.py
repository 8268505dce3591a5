"""Search that ignores script and diacritics: text and queries are folded to one form (Latin,
lower case, č ć → c, š → s, ž → z, đ → dj, dž → dz) before they meet, so "Niš", "Nis" and
"Ниш" are one word, as are "klaster" and "кластер", on PostgreSQL and SQLite alike: the
folded text is indexed as a field of its own (``folded_search_text``) and the query is folded
the same way (``fold``)."""

from __future__ import annotations

from wagtail.search import index

from .transliteration import to_latin

FOLDS = str.maketrans({"č": "c", "ć": "c", "š": "s", "ž": "z", "đ": "dj"})


def fold(text: str) -> str:
    """One form for every spelling of a Serbian word (see the module docstring)."""
    return to_latin(text or "").lower().translate(FOLDS)


def folded_search_text(obj, *, exclude: str) -> str:
    """Every text field ``obj`` declares for search (but ``exclude``, the folded field
    itself), folded into one string for the index."""
    parts = []
    for field in getattr(obj, "search_fields", ()):
        if isinstance(field, index.SearchField) and field.field_name != exclude:
            value = field.get_value(obj)
            if isinstance(value, (list, tuple)):
                value = " ".join(str(item) for item in value)
            if value:
                parts.append(str(value))
    return fold(" ".join(parts))
