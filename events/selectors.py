"""Reads the event pages, the calendar feeds, the home page and the dashboard share; each in
a fixed number of queries whatever the number of events, sessions and speakers."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Sum
from django.utils import timezone
from wagtail.models import Locale

from home.locales import for_active_language

from .models import EventIndexPage, EventPage, EventSeries, EventSession, Registration, TicketType

EVENTS_PER_PAGE = 12


@dataclass(frozen=True)
class EventFilters:
    """The list's filters from the query string. Unknown values match nothing; none is an
    error page."""

    tab: str = "upcoming"
    series: EventSeries | None = None
    series_slug: str = ""
    event_type: str = ""
    city: str = ""
    month: datetime.date | None = None
    month_invalid: bool = False

    @classmethod
    def from_query(cls, query, *, locale: Locale) -> EventFilters:
        series = None
        slug = query.get("series", "").strip()[:120]
        if slug:
            series = EventSeries.objects.filter(slug=slug, locale=locale).first()
        month, month_invalid = None, False
        raw_month = query.get("month", "").strip()
        if raw_month:
            try:
                month = datetime.datetime.strptime(raw_month[:7], "%Y-%m").date()
            except ValueError:
                month_invalid = True
        event_type = query.get("type", "").strip()
        return cls(
            tab="past" if query.get("tab") == "past" else "upcoming",
            series=series,
            series_slug=slug,
            event_type=event_type if event_type in EventPage.EventType.values else "",
            city=query.get("city", "").strip()[:100],
            month=month,
            month_invalid=month_invalid,
        )

    @property
    def active(self) -> bool:
        return bool(
            self.series_slug or self.event_type or self.city or self.month or self.month_invalid
        )


def _card_queryset():
    return (
        EventPage.objects.live()
        .public()
        .select_related("series", "lead_image", "listing_image")
        .prefetch_related("lead_image__renditions", "listing_image__renditions")
    )


def events_for_index(index: EventIndexPage, filters: EventFilters):
    now = timezone.now()
    pages = _card_queryset().child_of(index)
    if filters.tab == "past":
        pages = pages.filter(end__lt=now).order_by("-start", "-pk")
    else:
        pages = pages.filter(end__gte=now).order_by("start", "pk")
    if filters.month_invalid or (filters.series_slug and filters.series is None):
        return pages.none()
    if filters.series:
        pages = pages.filter(series=filters.series)
    if filters.event_type:
        pages = pages.filter(event_type=filters.event_type)
    if filters.city:
        pages = pages.filter(city__iexact=filters.city)
    if filters.month:
        pages = pages.filter(start__year=filters.month.year, start__month=filters.month.month)
    return pages


def event_index_context(index: EventIndexPage, request, filters: EventFilters) -> dict:
    page_obj = Paginator(events_for_index(index, filters), EVENTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    siblings = EventPage.objects.live().public().child_of(index)
    cities = sorted({city for city in siblings.values_list("city", flat=True) if city})
    return {
        "filters": filters,
        "events": page_obj,
        "page_obj": page_obj,
        "series_choices": EventSeries.objects.filter(locale=index.locale),
        "type_choices": EventPage.EventType.choices,
        "type_label": dict(EventPage.EventType.choices).get(filters.event_type, ""),
        "cities": cities,
        "months": list(siblings.dates("start", "month", order="DESC")),
    }


def ticket_types_with_canonical(page: EventPage) -> list[tuple[TicketType, TicketType]]:
    """Each ticket type of the page with the row its places are counted on: the row of the
    page the translations were made from (the oldest of each translation key). One query."""
    keys = page.ticket_types.values("translation_key")
    rows = list(TicketType.objects.filter(translation_key__in=keys).order_by("sort_order", "pk"))
    originals = {}
    for ticket in rows:
        originals.setdefault(ticket.translation_key, ticket)
    # The oldest row has the lowest primary key.
    for ticket in rows:
        if ticket.pk < originals[ticket.translation_key].pk:
            originals[ticket.translation_key] = ticket
    return [
        (ticket, originals[ticket.translation_key]) for ticket in rows if ticket.page_id == page.pk
    ]


def ticket_availability(ticket_types: list[TicketType]) -> dict[int, dict]:
    """Places taken and waiting per canonical ticket type id, in one query."""
    if not ticket_types:
        return {}
    rows = (
        Registration.objects.filter(ticket_type__in=ticket_types)
        .values("ticket_type")
        .annotate(
            taken=Count("pk", filter=Q(status__in=Registration.HOLDING)),
            waiting=Count("pk", filter=Q(status=Registration.Status.WAITLISTED)),
        )
    )
    counts = {row["ticket_type"]: row for row in rows}
    result = {}
    for ticket in ticket_types:
        taken = counts.get(ticket.pk, {}).get("taken", 0)
        result[ticket.pk] = {
            "taken": taken,
            "left": max(ticket.capacity - taken, 0),
            "waiting": counts.get(ticket.pk, {}).get("waiting", 0),
        }
    return result


def ticket_rows(page: EventPage, user=None) -> list[dict]:
    """What the event page and the registration form show about each ticket type, in the
    page's language, with the places counted on the canonical rows."""
    pairs = ticket_types_with_canonical(page)
    availability = ticket_availability([counted for _shown, counted in pairs])
    is_member = user_is_member(user)
    now = timezone.now()
    rows = []
    for shown, counted in pairs:
        counted.page = page
        rows.append(
            {
                "ticket": shown,
                "canonical": counted,
                "price": counted.price_for(is_member=is_member),
                "state": counted.sale_state(now),
                "members_only": counted.members_only,
                "waiting_list": counted.waiting_list,
                **availability[counted.pk],
            }
        )
    return rows


def user_owns_verified_address(user, email: str) -> bool:
    """Whether ``user`` (signed in) proved with allauth that ``email`` is theirs. The account's
    ``email`` field alone is no proof: it is whatever was typed at sign-up."""
    from allauth.account.models import EmailAddress

    if user is None or not user.is_authenticated or not email:
        return False
    return EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()


def user_is_member(user) -> bool:
    from membership.selectors import user_has_active_membership

    return user_has_active_membership(user=user)


def agenda(page: EventPage) -> list[EventSession]:
    return list(
        page.sessions.order_by("starts_at", "sort_order").prefetch_related(
            Prefetch("speakers", queryset=_speaker_queryset())
        )
    )


def _speaker_queryset():  # noqa: N802
    from .models import Speaker

    return Speaker.objects.select_related("photo", "organisation").prefetch_related(
        "photo__renditions"
    )


def event_page_context(page: EventPage, request) -> dict:
    sessions = agenda(page)
    speakers = {}
    for session in sessions:
        for speaker in session.speakers.all():
            speakers.setdefault(speaker.pk, speaker)
    user = getattr(request, "user", None)
    registrations = registrations_of_user_for_event(user, page)
    tickets = ticket_rows(page, user)
    return {
        "sessions": sessions,
        "agenda_multi_day": len({timezone.localtime(s.starts_at).date() for s in sessions}) > 1,
        "open_for_registration": any(row["state"] == "open" for row in tickets),
        "speakers": list(speakers.values()),
        "partners": list(page.partners.select_related("logo").prefetch_related("logo__renditions")),
        "tickets": tickets,
        "my_registrations": registrations,
        # A held place (payment or e-mail confirmation pending) or the waiting list is not a
        # ticket yet: the link is for people who may attend.
        "can_see_online_link": any(r.status in Registration.ATTENDING for r in registrations),
        "index": page.get_parent(),
        "og_type": "website",
        "map_tile_url": getattr(settings, "MAP_TILE_URL", ""),
    }


def registrations_of_user_for_event(user, page: EventPage) -> list[Registration]:
    if user is None or not user.is_authenticated:
        return []
    return list(
        Registration.objects.filter(user=user, event=canonical_event(page))
        .exclude(status__in=[Registration.Status.CANCELLED, Registration.Status.EXPIRED])
        .select_related("ticket_type")
    )


def canonical_event(page: EventPage) -> EventPage:
    """The page registrations are attached to: the original the translations came from."""
    original = EventPage.objects.filter(translation_key=page.translation_key).order_by("pk").first()
    return original or page


def upcoming_events(limit: int = 3) -> list[EventPage]:
    """The next events in the active language, for the home page and the newsletter."""
    locale = Locale.get_active()
    return list(
        _card_queryset()
        .filter(locale=locale, end__gte=timezone.now())
        .order_by("start", "pk")[:limit]
    )


def event_index_for_language() -> EventIndexPage | None:
    by_code = {
        index.locale.language_code: index
        for index in EventIndexPage.objects.live().select_related("locale")
    }
    return for_active_language(by_code)


def feed_series(index: EventIndexPage, slug: str) -> EventSeries | None:
    """The series of the index's language with this slug, or None."""
    slug = slug.strip()[:120]
    if not slug:
        return None
    return EventSeries.objects.filter(slug=slug, locale_id=index.locale_id).first()


def feed_events(index: EventIndexPage, series: EventSeries | None = None):
    """Upcoming events (and those of the last month, so a calendar keeps them) for a feed."""
    since = timezone.now() - datetime.timedelta(days=31)
    pages = (
        EventPage.objects.live()
        .public()
        .child_of(index)
        .filter(end__gte=since)
        .select_related("series")
        .order_by("start", "pk")
    )
    if series is not None:
        pages = pages.filter(series=series)
    return pages


def user_registrations(user):
    """The dashboard's list: every registration of the account, newest event first."""
    return (
        Registration.objects.filter(user=user)
        .select_related("ticket_type", "event")
        .order_by("-event__start", "-created_at")
    )


def admin_event_rows():
    """The staff list of events: each original page (registrations hang on it, not on its
    translations) with its figures, newest first. Portable SQL (no DISTINCT ON, which
    SQLite lacks), in one query whatever the number of events and registrations."""
    attending = Q(registrations__status__in=Registration.ATTENDING)
    older_translation = EventPage.objects.filter(
        translation_key=OuterRef("translation_key"), pk__lt=OuterRef("pk")
    )
    return (
        EventPage.objects.filter(~Exists(older_translation))
        .annotate(
            confirmed=Count("registrations", filter=attending),
            waiting=Count(
                "registrations", filter=Q(registrations__status=Registration.Status.WAITLISTED)
            ),
            attended=Count(
                "registrations", filter=Q(registrations__status=Registration.Status.ATTENDED)
            ),
        )
        .order_by("-start", "pk")
    )


def event_registration_figures(event: EventPage) -> dict:
    rows = Registration.objects.filter(event=event).aggregate(
        confirmed=Count("pk", filter=Q(status=Registration.Status.CONFIRMED)),
        attended=Count("pk", filter=Q(status=Registration.Status.ATTENDED)),
        held=Count(
            "pk",
            filter=Q(
                status__in=[Registration.Status.PENDING_PAYMENT, Registration.Status.PENDING_EMAIL]
            ),
        ),
        waiting=Count("pk", filter=Q(status=Registration.Status.WAITLISTED)),
        cancelled=Count("pk", filter=Q(status=Registration.Status.CANCELLED)),
        revenue=Sum(
            "price",
            filter=Q(status__in=[Registration.Status.CONFIRMED, Registration.Status.ATTENDED]),
        ),
    )
    rows["revenue"] = rows["revenue"] or 0
    return rows


def registration_rows(registrations) -> list[dict]:
    from .tickets import manage_path

    return [
        {"registration": registration, "manage_url": manage_path(registration)}
        for registration in registrations
    ]
