"""The read API's ``/api/v2/news/``: live, public articles, newest first, with their date,
introduction, lead image, body, categories and tags. Filters: ``category`` (a category's
slug, its translations included), ``tag``, ``year``, ``locale``, ``search``. Registered on
``home.api.api_router`` from ``NewsConfig.ready()``."""

from __future__ import annotations

from rest_framework.fields import Field
from wagtail.api import APIField
from wagtail.api.v2.filters import LocaleFilter, OrderingFilter, SearchFilter, TranslationOfFilter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet

from association.hygiene import query_int
from home.api import PublicReadMixin, TermsField

from .models import NewsPage


class TagNamesField(Field):
    """The tags' names; prefetched by the endpoint."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, manager):
        return sorted(tag.name for tag in manager.all())


class NewsAPIViewSet(PublicReadMixin, PagesAPIViewSet):
    model = NewsPage
    name = "news"
    # Wagtail's field filter is left out: the filters below are the endpoint's.
    filter_backends = [OrderingFilter, TranslationOfFilter, LocaleFilter, SearchFilter]
    body_fields = [
        *PagesAPIViewSet.body_fields,
        "date",
        "intro",
        "lead_image",
        "body",
        APIField("categories", serializer=TermsField()),
        APIField("tags", serializer=TagNamesField()),
    ]
    listing_default_fields = [
        *PagesAPIViewSet.listing_default_fields,
        "date",
        "intro",
        "categories",
    ]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(
        ["category", "tag", "year"]
    )

    def get_queryset(self):
        query = self.request.GET
        pages = (
            NewsPage.objects.filter(pk__in=self.get_base_queryset().values("pk"))
            .select_related("lead_image", "locale")
            .prefetch_related("categories", "tags")
            .order_by("-date", "-pk")
        )
        if self.action != "listing_view":
            return pages
        if query.get("category"):
            tagged = NewsPage.objects.filter(categories__slug=query["category"])
            pages = pages.filter(pk__in=tagged.values("pk"))
        if query.get("tag"):
            tagged = NewsPage.objects.filter(tags__name=query["tag"])
            pages = pages.filter(pk__in=tagged.values("pk"))
        if "year" in query:
            year = query_int(query["year"], maximum=9999)
            if year is None:
                raise BadRequestError("year must be a year")
            pages = pages.filter(date__year=year)
        return pages
