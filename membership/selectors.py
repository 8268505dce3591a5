"""The membership line's reads: levels, memberships and applications for pages and the
dashboard; the directory, profile, map and export, each in a fixed number of queries, whatever
the number of organisations. Keyword-only, and never the request: what the query string
asks for is read by the directory view (``membership.views.directory``)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Concat, Lower, Trim
from django.utils import timezone
from wagtail.models import Locale

from twins.search import fold

from .models import (
    Application,
    ContactPerson,
    DuesStatus,
    Membership,
    MembershipLevel,
    Organisation,
    OrganisationInvitation,
    OrganisationUser,
    Sector,
    TechnologyField,
)
from .models.people import token_hash
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


def member_users() -> QuerySet:
    """Every active account that has a member's benefits: its own active membership, or it
    belongs (as admin or member) to an organisation with an active membership. The one
    rule behind member prices, members-only tickets and the newsletter's member audience."""
    active = Membership.objects.filter(status=Membership.Status.ACTIVE)
    people = OrganisationUser.objects.filter(
        organisation_id__in=active.filter(organisation__isnull=False).values("organisation_id")
    )
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(pk__in=active.filter(person__isnull=False).values("person_id"))
            | Q(pk__in=people.values("user_id"))
        )
    )


def user_has_active_membership(*, user) -> bool:
    """Whether ``user`` has a member's benefits (``member_users``): member prices and
    members-only tickets at events."""
    if user is None or not user.is_authenticated:
        return False
    return member_users().filter(pk=user.pk).exists()


# --- the people of an organisation -----------------------------------------------------


def administered_organisation(*, user, slug: str) -> Organisation | None:
    """The organisation ``slug`` when ``user`` is one of its admins."""
    if not user.is_authenticated:
        return None
    return Organisation.objects.filter(
        slug=slug, users__user=user, users__role=OrganisationUser.Role.ADMIN
    ).first()


def organisation_people(*, organisation: Organisation) -> QuerySet[OrganisationUser]:
    """The organisation's people, admins first."""
    return (
        OrganisationUser.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("role", "user__email", "pk")
    )


def organisation_open_invitations(
    *, organisation: Organisation
) -> QuerySet[OrganisationInvitation]:
    """Invitations neither accepted nor withdrawn (the expired ones too, to be sent again)."""
    return OrganisationInvitation.objects.filter(
        organisation=organisation, accepted_at__isnull=True, revoked_at__isnull=True
    ).order_by("-created_at")


def invitations_for_user(*, user) -> QuerySet[OrganisationInvitation]:
    """Open invitations, still in time, to one of the user's verified addresses."""
    addresses = EmailAddress.objects.filter(user=user, verified=True).annotate(lower=Lower("email"))
    return (
        OrganisationInvitation.objects.annotate(address=Lower("email"))
        .filter(
            address__in=addresses.values("lower"),
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .select_related("organisation")
        .order_by("organisation__name")
    )


def invitation_for_token(*, token: str) -> OrganisationInvitation | None:
    return (
        OrganisationInvitation.objects.filter(token_hash=token_hash(token or ""))
        .select_related("organisation")
        .first()
    )


# --- staff lists and their exports ---------------------------------------------------------


def _full_name(user_field: str) -> Trim:
    return Trim(
        Concat(
            f"{user_field}__first_name",
            Value(" "),
            f"{user_field}__last_name",
            output_field=CharField(),
        )
    )


def _paid_until(member_field: str) -> Subquery:
    """The end of the member's latest active period (organisation or person)."""
    periods = Membership.objects.filter(
        status=Membership.Status.ACTIVE, **{member_field: OuterRef(member_field)}
    )
    if member_field == "person":
        periods = periods.filter(organisation__isnull=True)
    return Subquery(
        periods.order_by().values(member_field).annotate(end=Max("ends_on")).values("end")[:1]
    )


def memberships_with_dues(*, today: datetime.date | None = None) -> QuerySet[Membership]:
    """Every membership with what it owes (``dues_status``, a ``DuesStatus``) and the
    member's contact, all annotated: a list or export of any length is one query.

    Active at a paid level: paid; at a free level, or expired or cancelled: nothing due.
    Awaiting payment: due for ``MEMBERSHIP_PAYMENT_DAYS`` after it was created, or until the
    member's current paid period ends if that is later (a renewal paid ahead); then overdue.
    Plain SQL on both databases (no PostgreSQL-only function)."""
    today = today or timezone.localdate()
    grace_since = timezone.now() - datetime.timedelta(days=settings.MEMBERSHIP_PAYMENT_DAYS)
    awaiting = Membership.Status.PENDING_PAYMENT
    return (
        Membership.objects.select_related("organisation", "person", "level")
        .annotate(
            organisation_name=F("organisation__name"),
            organisation_email=F("organisation__email"),
            organisation_phone=F("organisation__phone"),
            level_name=F("level__name"),
            member_name=_full_name("person"),
            member_email=F("person__email"),
            paid_until=Case(
                When(organisation__isnull=False, then=_paid_until("organisation")),
                default=_paid_until("person"),
            ),
        )
        .annotate(
            dues_status=Case(
                When(
                    status=Membership.Status.ACTIVE,
                    level__yearly_price__gt=0,
                    then=Value(DuesStatus.PAID),
                ),
                When(
                    Q(status=awaiting)
                    & (Q(created_at__gte=grace_since) | Q(paid_until__gte=today)),
                    then=Value(DuesStatus.DUE),
                ),
                When(status=awaiting, then=Value(DuesStatus.OVERDUE)),
                default=Value(DuesStatus.NONE),
                output_field=CharField(),
            )
        )
    )


def applications_for_staff() -> QuerySet[Application]:
    """Every application with its organisation, applicant and level annotated (one query
    for a list or export of any length)."""
    return Application.objects.select_related("organisation", "applicant", "level").annotate(
        organisation_name=F("organisation__name"),
        applicant_name=_full_name("applicant"),
        applicant_email=F("applicant__email"),
        level_name=F("level__name"),
    )


# Which of an organisation's memberships the organisation list shows: the active one ending
# last, else the one awaiting payment, else the latest.
_CURRENT_FIRST = (
    Case(
        When(status=Membership.Status.ACTIVE, then=Value(0)),
        When(status=Membership.Status.PENDING_PAYMENT, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    ),
    F("ends_on").desc(nulls_last=True),
    "-created_at",
    "-pk",
)
# What an organisation owes: the most pressing of its memberships' dues.
_DUES_FIRST = Case(
    When(dues_status=DuesStatus.OVERDUE, then=Value(0)),
    When(dues_status=DuesStatus.DUE, then=Value(1)),
    When(dues_status=DuesStatus.PAID, then=Value(2)),
    default=Value(3),
    output_field=IntegerField(),
)


def organisations_with_membership(*, today: datetime.date | None = None) -> QuerySet[Organisation]:
    """Every organisation with its current membership's level, status and period, and its
    dues (``DuesStatus``; an organisation without a membership has nothing due), annotated
    by subqueries: a list or export of any length is one query."""
    memberships = memberships_with_dues(today=today).filter(organisation=OuterRef("pk"))
    current = memberships.order_by(*_CURRENT_FIRST)
    return Organisation.objects.annotate(
        membership_level=Subquery(current.values("level__name")[:1]),
        membership_status=Subquery(current.values("status")[:1]),
        membership_ends_on=Subquery(current.values("ends_on")[:1]),
        dues_status=Coalesce(
            Subquery(memberships.order_by(_DUES_FIRST, "-pk").values("dues_status")[:1]),
            Value(DuesStatus.NONE),
            output_field=CharField(),
        ),
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
