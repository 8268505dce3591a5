"""Admin listings that search like the site: a query in either script, with or without
diacritics, finds the same rows (``twins.search.fold``)."""

from __future__ import annotations

from django.db.models import Q

from .search import fold


class FoldedSearchMixin:
    """For a Wagtail admin ``IndexView`` searching with the ORM (``search_backend_name =
    None`` or a model without a search index): besides each of ``search_fields`` containing
    the query as typed, a row matches when its ``folded_search_field`` (text kept folded by the
    model) contains the folded query. "petrovic", "Petrović" and "Петровић" find the same."""

    folded_search_field = ""

    def search_query_q(self, text: str) -> Q:
        query = Q()
        for field in self.search_fields or []:
            query |= Q(**{f"{field}__icontains": text})
        folded = fold(text)
        if self.folded_search_field and folded.strip():
            query |= Q(**{f"{self.folded_search_field}__contains": folded})
        return query

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return queryset.filter(self.search_query_q(self.search_query.strip()[:100]))
