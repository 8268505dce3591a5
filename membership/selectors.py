"""Reads the directory, profile, map and export share; each in a fixed number of queries,
whatever the number of organisations."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.utils.html import strip_tags
from wagtail.models import Locale

from .models import ContactPerson, Organisation, Sector, TechnologyField

ORGANISATIONS_PER_PAGE = 24
MAX_QUERY_LENGTH = 100
SORTS = {
    "name": ("name", "pk"),
    "-employees": ("-employees", "name", "pk"),
    "founding_date": ("founding_date", "name", "pk"),
}
DEFAULT_SORT = "name"
# Query-string parameters that select organisations, with the model field behind each
# choice-valued one.
CHOICE_FILTERS = {
    "kind": ("kind", Organisation.Kind),
    "stage": ("stage", Organisation.Stage),
    "region": ("region", Organisation.Region),
    "label": ("excellence_label", Organisation.Label),
}


@dataclass
class Taxonomies:
    """The sectors and technology fields a visitor can filter by, in the page's language
    (else the default language's): two queries."""

    sectors: list[Sector]
    technologies: list[TechnologyField]

    @classmethod
    def for_locale(cls, locale: Locale | None) -> Taxonomies:
        return cls(
            sectors=_in_locale(Sector.objects.all(), locale),
            technologies=_in_locale(TechnologyField.objects.all(), locale),
        )


def _in_locale(queryset, locale: Locale | None) -> list:
    """The taxonomy's terms in ``locale``; terms missing there come from the default locale."""
    default = Locale.get_default()
    codes = {default.pk} | ({locale.pk} if locale else set())
    terms: dict[str, object] = {}
    for term in queryset.filter(locale_id__in=codes).order_by("name"):
        if term.slug not in terms or (locale and term.locale_id == locale.pk):
            terms[term.slug] = term
    return sorted(terms.values(), key=lambda term: term.name.casefold())


@dataclass
class DirectoryFilters:
    """The directory's filters from the query string. A value that matches no choice or
    term is kept, shown as a chip, and matches no organisation (never an error)."""

    q: str = ""
    choices: dict[str, str] = field(default_factory=dict)
    sector: str = ""
    technology: str = ""
    sort: str = DEFAULT_SORT
    invalid: set[str] = field(default_factory=set)
    sector_term: Sector | None = None
    technology_term: TechnologyField | None = None

    @classmethod
    def from_query(cls, query, taxonomies: Taxonomies) -> DirectoryFilters:
        filters = cls(q=query.get("q", "").strip()[:MAX_QUERY_LENGTH])
        for name, (_field, choices) in CHOICE_FILTERS.items():
            value = query.get(name, "").strip()[:50]
            if value:
                filters.choices[name] = value
                if value not in choices.values:
                    filters.invalid.add(name)
        filters.sector = query.get("sector", "").strip()[:150]
        if filters.sector:
            filters.sector_term = next(
                (term for term in taxonomies.sectors if term.slug == filters.sector), None
            )
            if filters.sector_term is None:
                filters.invalid.add("sector")
        filters.technology = query.get("technology", "").strip()[:150]
        if filters.technology:
            filters.technology_term = next(
                (term for term in taxonomies.technologies if term.slug == filters.technology),
                None,
            )
            if filters.technology_term is None:
                filters.invalid.add("technology")
        sort = query.get("sort", "").strip()
        filters.sort = sort if sort in SORTS else DEFAULT_SORT
        return filters

    @property
    def active(self) -> bool:
        return bool(self.q or self.choices or self.sector or self.technology)

    def chips(self) -> list[dict]:
        """One entry per active filter: its parameter and the label a visitor reads."""
        chips = []
        if self.q:
            chips.append({"param": "q", "label": f"“{self.q}”"})
        for name, value in self.choices.items():
            choices = CHOICE_FILTERS[name][1]
            label = dict(choices.choices).get(value) if name not in self.invalid else None
            chips.append({"param": name, "label": label or value, "invalid": label is None})
        if self.sector:
            term = self.sector_term
            chips.append(
                {
                    "param": "sector",
                    "label": term.name if term else self.sector,
                    "invalid": not term,
                }
            )
        if self.technology:
            term = self.technology_term
            chips.append(
                {
                    "param": "technology",
                    "label": term.name if term else self.technology,
                    "invalid": not term,
                }
            )
        return chips


def published_organisations() -> QuerySet[Organisation]:
    return Organisation.objects.filter(is_published=True)


def filter_organisations(queryset: QuerySet[Organisation], filters: DirectoryFilters):
    if filters.invalid:
        return queryset.none()
    if filters.q:
        queryset = queryset.filter(name__icontains=filters.q)
    for name, value in filters.choices.items():
        queryset = queryset.filter(**{CHOICE_FILTERS[name][0]: value})
    # Terms are matched by slug, which translations of a term share.
    if filters.sector:
        through = Organisation.sectors.through.objects.filter(sector__slug=filters.sector)
        queryset = queryset.filter(pk__in=through.values("organisation_id"))
    if filters.technology:
        through = Organisation.technology_fields.through.objects.filter(
            technologyfield__slug=filters.technology
        )
        queryset = queryset.filter(pk__in=through.values("organisation_id"))
    return queryset.order_by(*SORTS[filters.sort])


def directory_organisations(filters: DirectoryFilters) -> QuerySet[Organisation]:
    """What a directory card shows, loaded up front."""
    return (
        filter_organisations(published_organisations(), filters)
        .prefetch_related(
            "logo__renditions", Prefetch("sectors", queryset=Sector.objects.order_by("name"))
        )
        .select_related("logo")
    )


def directory_figures(queryset: QuerySet[Organisation]) -> dict:
    """Headline figures of the organisations listed: one query."""
    return queryset.order_by().aggregate(
        organisations=Count("pk"),
        member_companies=Sum("member_companies", default=0),
        employees=Sum("employees", default=0),
    )


def _bars(rows: list[dict]) -> list[dict]:
    top = max((row["count"] for row in rows), default=0)
    for row in rows:
        row["max"] = top
    return rows


def breakdown_by_sector(queryset: QuerySet[Organisation]) -> list[dict]:
    """Organisations per sector (one query); a sector's translations count as one."""
    rows = (
        Organisation.sectors.through.objects.filter(
            organisation__in=queryset.order_by().values("pk")
        )
        .values("sector__slug")
        .annotate(count=Count("organisation_id", distinct=True))
        .order_by("-count", "sector__slug")
    )
    return [{"slug": row["sector__slug"], "count": row["count"]} for row in rows]


def breakdown_by_stage(queryset: QuerySet[Organisation]) -> list[dict]:
    """Organisations per stage of development, in the stages' order (one query)."""
    counts = dict(
        queryset.order_by()
        .exclude(stage="")
        .values_list("stage")
        .annotate(count=Count("pk"))
        .values_list("stage", "count")
    )
    return _bars(
        [
            {"value": value, "label": label, "count": counts[value]}
            for value, label in Organisation.Stage.choices
            if counts.get(value)
        ]
    )


def directory_context(page, request) -> dict:
    taxonomies = Taxonomies.for_locale(page.locale)
    filters = DirectoryFilters.from_query(request.GET, taxonomies)
    listed = filter_organisations(published_organisations(), filters)
    page_obj = Paginator(directory_organisations(filters), ORGANISATIONS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    names = {term.slug: term.name for term in taxonomies.sectors}
    by_sector = _bars(
        [
            {**row, "label": names.get(row["slug"], row["slug"])}
            for row in breakdown_by_sector(listed)
        ]
    )
    query = request.GET.copy()
    query.pop("page", None)
    chips = filters.chips()
    for chip in chips:
        without = query.copy()
        without.pop(chip["param"], None)
        chip["query"] = without.urlencode()
    return {
        "chips": chips,
        "profile_base": page.get_url(request),
        "map_tile_url": getattr(settings, "MAP_TILE_URL", ""),
        "filters": filters,
        "taxonomies": taxonomies,
        "organisations": page_obj,
        "page_obj": page_obj,
        "figures": directory_figures(listed),
        "by_sector": by_sector,
        "by_stage": breakdown_by_stage(listed),
        "kinds": Organisation.Kind.choices,
        "stages": Organisation.Stage.choices,
        "regions": Organisation.Region.choices,
        "labels": [choice for choice in Organisation.Label.choices if choice[0]],
        "sorts": sort_choices(),
        "filter_query": query.urlencode(),
    }


def sort_choices() -> list[tuple[str, str]]:
    from django.utils.translation import gettext_lazy as _

    return [
        ("name", _("Name")),
        ("-employees", _("Most employees")),
        ("founding_date", _("Oldest first")),
    ]


# --- profile ---------------------------------------------------------------------------


def organisation_for_profile(slug: str) -> Organisation | None:
    """A published organisation with everything its profile shows (four queries)."""
    return (
        published_organisations()
        .select_related("logo")
        .prefetch_related(
            Prefetch("sectors", queryset=Sector.objects.order_by("name")),
            Prefetch("technology_fields", queryset=TechnologyField.objects.order_by("name")),
            Prefetch(
                "contact_persons",
                queryset=ContactPerson.objects.filter(consent_to_publish=True).order_by(
                    "sort_order"
                ),
                to_attr="public_contacts",
            ),
        )
        .filter(slug=slug)
        .first()
    )


def news_mentioning(organisation: Organisation, limit: int = 3) -> list:
    """Articles that mention the organisation. The news app does not link articles to
    organisations yet; when it does, this is the one place to read them from (membership
    must not import news, so news will register the link, e.g. a related name here)."""
    related = getattr(organisation, "news_pages", None)
    if related is None:
        return []
    return list(related.live().public().order_by("-date")[:limit])


def organisation_json_ld(organisation: Organisation, url: str, request) -> dict:
    """schema.org ``Organization`` of a public profile."""
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": organisation.name,
        "url": url,
    }
    if organisation.description:
        data["description"] = strip_tags(organisation.description).strip()
    if organisation.website:
        data["sameAs"] = [organisation.website]
    if organisation.email:
        data["email"] = organisation.email
    if organisation.phone:
        data["telephone"] = organisation.phone
    if organisation.founding_date:
        data["foundingDate"] = organisation.founding_date.isoformat()
    if organisation.employees:
        data["numberOfEmployees"] = {
            "@type": "QuantitativeValue",
            "value": organisation.employees,
        }
    if organisation.address or organisation.city:
        data["address"] = {
            "@type": "PostalAddress",
            "streetAddress": organisation.address,
            "addressLocality": organisation.city,
            "addressCountry": "RS",
        }
    if organisation.has_coordinates:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(organisation.latitude),
            "longitude": float(organisation.longitude),
        }
    if organisation.logo_id:
        rendition = organisation.logo.get_rendition("max-400x400")
        data["logo"] = request.build_absolute_uri(rendition.url)
    return data


# --- map and open data -----------------------------------------------------------------


def filters_for_request(page, request) -> tuple[DirectoryFilters, QuerySet[Organisation]]:
    taxonomies = Taxonomies.for_locale(page.locale)
    filters = DirectoryFilters.from_query(request.GET, taxonomies)
    return filters, filter_organisations(published_organisations(), filters)


def geojson(queryset: QuerySet[Organisation], profile_url) -> dict:
    """A GeoJSON FeatureCollection of the organisations with coordinates (one query).
    ``profile_url(slug)`` gives each one's public address."""
    rows = queryset.filter(latitude__isnull=False, longitude__isnull=False).values_list(
        "name", "slug", "kind", "city", "latitude", "longitude"
    )
    kinds = dict(Organisation.Kind.choices)
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                # GeoJSON puts longitude first (RFC 7946).
                "geometry": {"type": "Point", "coordinates": [float(lng), float(lat)]},
                "properties": {
                    "name": name,
                    "url": profile_url(slug),
                    "kind": str(kinds.get(kind, kind)),
                    "city": city,
                },
            }
            for name, slug, kind, city, lat, lng in rows
        ],
    }


EXPORT_COLUMNS = [
    "name",
    "slug",
    "url",
    "kind",
    "description",
    "founding_date",
    "excellence_label",
    "label_expires",
    "stage",
    "sectors",
    "technology_fields",
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
    "target_countries",
    "address",
    "city",
    "region",
    "latitude",
    "longitude",
    "website",
    "email",
    "phone",
    "is_founder",
]


def export_rows(queryset: QuerySet[Organisation], profile_url) -> list[dict]:
    """The public fields of each organisation, as open data (three queries). Contact
    persons are left out: their consent covers the profile page, not bulk reuse."""
    organisations = queryset.prefetch_related(
        Prefetch("sectors", queryset=Sector.objects.order_by("name")),
        Prefetch("technology_fields", queryset=TechnologyField.objects.order_by("name")),
    )
    rows = []
    for organisation in organisations:
        rows.append(
            {
                "name": organisation.name,
                "slug": organisation.slug,
                "url": profile_url(organisation.slug),
                "kind": organisation.kind,
                "description": strip_tags(organisation.description).strip(),
                "founding_date": organisation.founding_date,
                "excellence_label": organisation.excellence_label,
                "label_expires": organisation.label_expires,
                "stage": organisation.stage,
                "sectors": [term.name for term in organisation.sectors.all()],
                "technology_fields": [term.name for term in organisation.technology_fields.all()],
                "member_companies": organisation.member_companies,
                "member_smes": organisation.member_smes,
                "member_large_companies": organisation.member_large_companies,
                "member_research_organisations": organisation.member_research_organisations,
                "employees": organisation.employees,
                "turnover": organisation.turnover,
                "turnover_year": organisation.turnover_year,
                "objectives": organisation.objectives,
                "activities": organisation.activities,
                "support_services": organisation.support_services,
                "networks": organisation.networks,
                "target_countries": [country.code for country in organisation.target_countries],
                "address": organisation.address,
                "city": organisation.city,
                "region": organisation.region,
                "latitude": organisation.latitude,
                "longitude": organisation.longitude,
                "website": organisation.website,
                "email": organisation.email,
                "phone": organisation.phone,
                "is_founder": organisation.is_founder,
            }
        )
    return rows


def can_edit_organisation(user, organisation: Organisation) -> bool:
    if not user.is_authenticated:
        return False
    return organisation.users.filter(Q(user=user) & Q(role="admin")).exists()
