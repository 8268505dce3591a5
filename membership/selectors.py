"""The membership line's reads: levels, memberships and applications for pages and the
dashboard; the directory, profile, map and export, each in a fixed number of queries, whatever
the number of organisations. Keyword-only, and never the request: what the query string
asks for is read by the directory view (``membership.views.directory``)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from wagtail.models import Locale

from twins.search import fold

from .models import (
    Application,
    ContactPerson,
    Membership,
    MembershipLevel,
    Organisation,
    OrganisationUser,
    Sector,
    TechnologyField,
)
from .richtext import rich_text_to_plain

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


# --- levels, memberships and applications ------------------------------------------------


def levels_for_locale(*, locale: Locale) -> list[MembershipLevel]:
    """Open levels in the page's language, else the default language's (one query)."""
    levels = list(
        MembershipLevel.objects.filter(is_active=True)
        .filter(Q(locale=locale) | Q(locale__language_code=settings.LANGUAGE_CODE))
        .select_related("locale")
    )
    own = [level for level in levels if level.locale_id == locale.pk]
    return own or [
        level for level in levels if level.locale.language_code == settings.LANGUAGE_CODE
    ]


def memberships_for_user(*, user) -> QuerySet[Membership]:
    """The user's own memberships and those of organisations they administer."""
    administered = OrganisationUser.objects.filter(
        user=user, role=OrganisationUser.Role.ADMIN
    ).values("organisation")
    return (
        Membership.objects.filter(Q(person=user) | Q(organisation__in=administered))
        .select_related("level", "organisation")
        .order_by("-created_at")
    )


def renewal_opens_on(ends_on: datetime.date) -> datetime.date:
    """The first day a period ending on ``ends_on`` can be renewed:
    ``MEMBERSHIP_RENEWAL_OPENS_DAYS`` before it ends."""
    return ends_on - datetime.timedelta(days=settings.MEMBERSHIP_RENEWAL_OPENS_DAYS)


def renewable_membership_ids(
    *, memberships: Iterable[Membership], today: datetime.date
) -> set[int]:
    """Which of ``memberships`` may be renewed today: of each member's periods (an
    organisation's, or a person's own), the latest one, once its renewal has opened or it
    has expired; none while a renewal of that member waits for payment (it shows "Pay").
    ``services.membership_renew`` refuses the same cases. One query."""
    organisations, people = set(), set()
    for membership in memberships:
        if membership.organisation_id:
            organisations.add(membership.organisation_id)
        elif membership.person_id:
            people.add(membership.person_id)
    rows = Membership.objects.filter(
        Q(organisation_id__in=organisations) | Q(organisation__isnull=True, person_id__in=people)
    ).only("pk", "organisation_id", "person_id", "status", "ends_on", "application_id")
    by_member = defaultdict(list)
    for row in rows:
        by_member[row.organisation_id or ("person", row.person_id)].append(row)
    renewable = set()
    for member_rows in by_member.values():
        if any(
            row.status == Membership.Status.PENDING_PAYMENT and row.application_id is None
            for row in member_rows
        ):
            continue
        periods = [
            row
            for row in member_rows
            if row.status in (Membership.Status.ACTIVE, Membership.Status.EXPIRED) and row.ends_on
        ]
        if not periods:
            continue
        latest = max(periods, key=lambda row: (row.ends_on, row.pk))
        if latest.status == Membership.Status.EXPIRED or renewal_opens_on(latest.ends_on) <= today:
            renewable.add(latest.pk)
    return renewable


def membership_for_user(*, user, pk: int) -> Membership | None:
    return memberships_for_user(user=user).filter(pk=pk).first()


def organisations_for_user(*, user) -> QuerySet[OrganisationUser]:
    return (
        OrganisationUser.objects.filter(user=user)
        .select_related("organisation")
        .order_by("organisation__name")
    )


def applications_for_user(*, user) -> QuerySet[Application]:
    return (
        Application.objects.filter(applicant=user)
        .select_related("level", "organisation")
        .order_by("-created_at")
    )


def user_has_active_membership(*, user) -> bool:
    """Whether the user, or an organisation they belong to, has an active membership (member
    prices and members-only tickets at events)."""
    if user is None or not user.is_authenticated:
        return False
    organisations = OrganisationUser.objects.filter(user=user).values("organisation")
    return (
        Membership.objects.filter(status=Membership.Status.ACTIVE)
        .filter(Q(person=user) | Q(organisation__in=organisations))
        .exists()
    )


# --- the directory -------------------------------------------------------------------------


@dataclass
class Taxonomies:
    """The sectors and technology fields a visitor can filter by, in the page's language
    (else the default language's): two queries."""

    sectors: list[Sector]
    technologies: list[TechnologyField]

    @classmethod
    def for_locale(cls, *, locale: Locale | None) -> Taxonomies:
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
    """What the directory is filtered by (the directory view reads it from the query
    string). A value that matches no choice or term is named in ``invalid`` and matches no
    organisation (never an error)."""

    q: str = ""
    choices: dict[str, str] = field(default_factory=dict)
    sector: str = ""
    technology: str = ""
    sort: str = DEFAULT_SORT
    invalid: set[str] = field(default_factory=set)
    sector_term: Sector | None = None
    technology_term: TechnologyField | None = None

    @property
    def active(self) -> bool:
        return bool(self.q or self.choices or self.sector or self.technology)


def published_organisations() -> QuerySet[Organisation]:
    return Organisation.objects.filter(is_published=True)


def filter_organisations(
    *, organisations: QuerySet[Organisation], filters: DirectoryFilters
) -> QuerySet[Organisation]:
    if filters.invalid:
        return organisations.none()
    if filters.q:
        # Folded on both sides: "Niš", "Nis" and "Ниш" find the same organisations.
        organisations = organisations.filter(name_folded__contains=fold(filters.q))
    for name, value in filters.choices.items():
        organisations = organisations.filter(**{CHOICE_FILTERS[name][0]: value})
    # Terms are matched by slug, which translations of a term share.
    if filters.sector:
        through = Organisation.sectors.through.objects.filter(sector__slug=filters.sector)
        organisations = organisations.filter(pk__in=through.values("organisation_id"))
    if filters.technology:
        through = Organisation.technology_fields.through.objects.filter(
            technologyfield__slug=filters.technology
        )
        organisations = organisations.filter(pk__in=through.values("organisation_id"))
    return organisations.order_by(*SORTS[filters.sort])


def directory_organisations(*, filters: DirectoryFilters) -> QuerySet[Organisation]:
    """What a directory card shows, loaded up front."""
    return (
        filter_organisations(organisations=published_organisations(), filters=filters)
        .prefetch_related(
            "logo__renditions", Prefetch("sectors", queryset=Sector.objects.order_by("name"))
        )
        .select_related("logo")
    )


def directory_figures(*, organisations: QuerySet[Organisation]) -> dict:
    """Headline figures of the organisations listed: one query."""
    return organisations.order_by().aggregate(
        organisations=Count("pk"),
        member_companies=Sum("member_companies", default=0),
        employees=Sum("employees", default=0),
    )


def _bars(rows: list[dict]) -> list[dict]:
    top = max((row["count"] for row in rows), default=0)
    for row in rows:
        row["max"] = top
    return rows


def breakdown_by_sector(
    *, organisations: QuerySet[Organisation], sectors: list[Sector]
) -> list[dict]:
    """Organisations per sector (one query); a sector's translations count as one, labelled
    with its name among ``sectors`` (else its slug)."""
    rows = (
        Organisation.sectors.through.objects.filter(
            organisation__in=organisations.order_by().values("pk")
        )
        .values("sector__slug")
        .annotate(count=Count("organisation_id", distinct=True))
        .order_by("-count", "sector__slug")
    )
    names = {term.slug: term.name for term in sectors}
    return _bars(
        [
            {
                "slug": row["sector__slug"],
                "count": row["count"],
                "label": names.get(row["sector__slug"], row["sector__slug"]),
            }
            for row in rows
        ]
    )


def breakdown_by_stage(*, organisations: QuerySet[Organisation]) -> list[dict]:
    """Organisations per stage of development, in the stages' order (one query)."""
    counts = dict(
        organisations.order_by()
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


# --- profile ---------------------------------------------------------------------------


def organisation_for_profile(*, slug: str) -> Organisation | None:
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


def news_mentioning(*, organisation: Organisation, limit: int = 3) -> list:
    """The live, public articles about the organisation, newest first. The news app links
    them (``NewsPage.organisations``, related name ``news_pages``); membership reads that
    relation without importing news, and finds none when news is not installed."""
    related = getattr(organisation, "news_pages", None)
    if related is None:
        return []
    return list(related.live().public().order_by("-date")[:limit])


def can_edit_organisation(*, user, organisation: Organisation) -> bool:
    if not user.is_authenticated:
        return False
    return organisation.users.filter(Q(user=user) & Q(role="admin")).exists()


# --- map and open data -----------------------------------------------------------------


def geojson(*, organisations: QuerySet[Organisation], profile_url: Callable[[str], str]) -> dict:
    """A GeoJSON FeatureCollection of the organisations with coordinates (one query).
    ``profile_url(slug)`` gives each one's public address."""
    rows = organisations.filter(latitude__isnull=False, longitude__isnull=False).values_list(
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
    "founding_date_precision",
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
    "management_team",
    "management_team_size",
    "languages",
    "emerging_industries",
    "scale_up_facilities",
    "major_players",
    "mission",
    "objectives",
    "activities",
    "has_formalised_strategy",
    "has_internationalisation_strategy",
    "support_services",
    "support_services_details",
    "networks",
    "target_countries",
    "international_activities",
    "transnational_target_countries",
    "transnational_activities",
    "funded_programmes",
    "address",
    "city",
    "region",
    "latitude",
    "longitude",
    "website",
    "email",
    "phone",
    "fax",
    "is_founder",
]


def export_rows(
    *, organisations: QuerySet[Organisation], profile_url: Callable[[str], str]
) -> list[dict]:
    """The public fields of each organisation, as open data (three queries). Contact
    persons are left out: their consent covers the profile page, not bulk reuse."""
    organisations = organisations.prefetch_related(
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
                "description": rich_text_to_plain(organisation.description),
                "founding_date": organisation.founding_date,
                "founding_date_precision": organisation.founding_date_precision,
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
                "management_team": organisation.management_team,
                "management_team_size": organisation.management_team_size,
                "languages": organisation.languages,
                "emerging_industries": organisation.emerging_industries,
                "scale_up_facilities": organisation.scale_up_facilities,
                "major_players": organisation.major_players,
                "mission": organisation.mission,
                "objectives": organisation.objectives,
                "activities": organisation.activities,
                "has_formalised_strategy": organisation.has_formalised_strategy,
                "has_internationalisation_strategy": organisation.has_internationalisation_strategy,
                "support_services": organisation.support_services,
                "support_services_details": organisation.support_services_details,
                "networks": organisation.networks,
                "target_countries": [country.code for country in organisation.target_countries],
                "international_activities": organisation.international_activities,
                "transnational_target_countries": [
                    country.code for country in organisation.transnational_target_countries
                ],
                "transnational_activities": organisation.transnational_activities,
                "funded_programmes": organisation.funded_programmes,
                "address": organisation.address,
                "city": organisation.city,
                "region": organisation.region,
                "latitude": organisation.latitude,
                "longitude": organisation.longitude,
                "website": organisation.website,
                "email": organisation.email,
                "phone": organisation.phone,
                "fax": organisation.fax,
                "is_founder": organisation.is_founder,
            }
        )
    return rows
