"""The read API's ``/api/v2/organisations/``: the published organisations the public
directory lists, with the public fields of its open-data export (``selectors.EXPORT_COLUMNS``)
and filtered by the same query-string parameters (``q``, ``kind``, ``stage``, ``region``,
``label``, ``sector``, ``technology``, ``sort``: ``views.directory.filters_from_query``).
Contact persons are never included: their consent covers the profile page, not bulk reuse.
Registered on ``home.api.api_router`` from ``MembershipConfig.ready()``."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.functional import cached_property
from rest_framework.fields import Field
from wagtail.api import APIField
from wagtail.api.v2.views import BaseAPIViewSet
from wagtail.models import Locale

from home.api import PublicReadMixin, TermsField, requested_locale

from . import selectors
from .models import ClusterDirectoryPage, Organisation, Sector, TechnologyField
from .richtext import rich_text_to_plain
from .views.directory import filters_from_query


class PlainTextField(Field):
    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return rich_text_to_plain(value)


class CountryCodesField(Field):
    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return [country.code for country in value]


class ProfileUrlField(Field):
    """The organisation's profile in the directory, absolute (the site's public address)."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, source="*", **kwargs)

    def to_representation(self, organisation):
        base = self.context["view"].directory_url
        return f"{base}{organisation.slug}/" if base else None


PUBLIC_FIELDS = [
    "name",
    "slug",
    "kind",
    APIField("description", serializer=PlainTextField()),
    "founding_date",
    "excellence_label",
    "label_expires",
    "stage",
    APIField("sectors", serializer=TermsField()),
    APIField("technology_fields", serializer=TermsField()),
    "member_companies",
    "member_smes",
    "member_large_companies",
    "member_research_organisations",
    "employees",
    "turnover",
    "turnover_year",
    "objectives",
    "activities",
    "support_services",
    "networks",
    APIField("target_countries", serializer=CountryCodesField()),
    "address",
    "city",
    "region",
    "latitude",
    "longitude",
    "website",
    "email",
    "phone",
    "is_founder",
    "logo",
]
DIRECTORY_PARAMETERS = ["q", "kind", "stage", "region", "label", "sector", "technology", "sort"]


class OrganisationsAPIViewSet(PublicReadMixin, BaseAPIViewSet):
    model = Organisation
    name = "organisations"
    body_fields = [*BaseAPIViewSet.body_fields, *PUBLIC_FIELDS]
    meta_fields = [*BaseAPIViewSet.meta_fields, APIField("html_url", serializer=ProfileUrlField())]
    listing_default_fields = [
        *BaseAPIViewSet.listing_default_fields,
        "name",
        "slug",
        "kind",
        "city",
        "region",
        "website",
        "sectors",
        "html_url",
    ]
    known_query_parameters = BaseAPIViewSet.known_query_parameters.union(
        [*DIRECTORY_PARAMETERS, "locale"]
    )

    @cached_property
    def locale(self) -> Locale:
        return requested_locale(self.request) or Locale.get_default()

    @cached_property
    def directory_url(self) -> str | None:
        """The directory page in the requested language (else the default one)."""
        pages = ClusterDirectoryPage.objects.live().public()
        page = pages.filter(locale=self.locale).first() or pages.first()
        return page.full_url if page else None

    def get_queryset(self):
        if self.directory_url is None:
            # No public directory (none yet, or staff restricted it): nothing is public.
            return Organisation.objects.none()
        taxonomies = selectors.Taxonomies.for_locale(locale=self.locale)
        filters = filters_from_query(self.request.GET, taxonomies)
        return (
            selectors.filter_organisations(
                organisations=selectors.published_organisations(), filters=filters
            )
            .select_related("logo")
            .prefetch_related(
                Prefetch("sectors", queryset=Sector.objects.order_by("name")),
                Prefetch("technology_fields", queryset=TechnologyField.objects.order_by("name")),
            )
        )
