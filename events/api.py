"""The read API's ``/api/v2/events/``: live, public event pages with their dates, place,
series and description. Never the online link (it is for confirmed registrations), the
ticket types or anything of a registration. Filters: ``when`` (``upcoming``, the default,
soonest first; ``past``, latest first; ``all``), ``series`` (a series' slug, its
translations included), ``city`` (any case), ``event_type``, ``locale``, ``search``.
Registered on ``home.api.api_router`` from ``EventsConfig.ready()``."""

from __future__ import annotations

from django.utils import timezone
from rest_framework.fields import BooleanField, Field
from wagtail.api import APIField
from wagtail.api.v2.filters import LocaleFilter, OrderingFilter, SearchFilter, TranslationOfFilter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet

from home.api import PublicReadMixin

from .models import EventPage

WHEN = ("upcoming", "past", "all")


class SeriesField(Field):
    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, series):
        return {"slug": series.slug, "name": series.name} if series else None


class EventsAPIViewSet(PublicReadMixin, PagesAPIViewSet):
    model = EventPage
    name = "events"
    # Wagtail's field filter is left out: the filters below are the endpoint's.
    filter_backends = [OrderingFilter, TranslationOfFilter, LocaleFilter, SearchFilter]
    body_fields = [
        *PagesAPIViewSet.body_fields,
        APIField("series", serializer=SeriesField()),
        "edition",
        "event_type",
        "start",
        "end",
        "venue_name",
        "address",
        "city",
        "latitude",
        "longitude",
        APIField("is_online", serializer=BooleanField(source="online_url", read_only=True)),
        "intro",
        "lead_image",
        "body",
    ]
    listing_default_fields = [
        *PagesAPIViewSet.listing_default_fields,
        "series",
        "event_type",
        "start",
        "end",
        "city",
        "intro",
    ]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(
        ["when", "series", "city", "event_type"]
    )

    def get_queryset(self):
        query = self.request.GET
        pages = EventPage.objects.filter(
            pk__in=self.get_base_queryset().values("pk")
        ).select_related("series", "lead_image", "locale")
        if self.action != "listing_view":
            return pages  # an event's own address answers whether it is past or not
        when = query.get("when", "upcoming")
        if when not in WHEN:
            raise BadRequestError("when must be upcoming, past or all")
        now = timezone.now()
        if when == "past":
            pages = pages.filter(end__lt=now).order_by("-start", "-pk")
        elif when == "upcoming":
            pages = pages.filter(end__gte=now).order_by("start", "pk")
        else:
            pages = pages.order_by("start", "pk")
        if query.get("series"):
            pages = pages.filter(series__slug=query["series"])
        if query.get("city"):
            pages = pages.filter(city__iexact=query["city"])
        if query.get("event_type"):
            pages = pages.filter(event_type=query["event_type"])
        return pages
