"""Reads the event pages, the calendar feeds, the home page and the dashboard share; each in
a fixed number of queries whatever the number of events, sessions and speakers. Keyword-only
arguments, querysets and plain data: the request, the query string and the template context
are the views' (``events.views``)."""

from __future__ import annotations

import datetime

from allauth.account.models import EmailAddress
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Sum
from django.utils import timezone, translation
from wagtail.models import Locale

from home.locales import for_active_language, reader_children, reader_pages
from membership.selectors import user_has_active_membership

from .models import (
    EventIndexPage,
    EventPage,
    EventPartner,
    EventSeries,
    EventSession,
    Registration,
    Speaker,
    TicketType,
)


def _card_queryset():
    return (
        EventPage.objects.live()
        .public()
        .select_related("series", "lead_image", "listing_image")
        .prefetch_related("lead_image__renditions", "listing_image__renditions")
    )


def _in_index(pages, *, index: EventIndexPage, with_untranslated: bool):
    """The ``pages`` under ``index``; ``with_untranslated``, also those under its
    translations that have none in the index's language (``home.locales.reader_pages``)."""
    return reader_children(pages, parent=index) if with_untranslated else pages.child_of(index)


def events_for_index(
    *,
    index: EventIndexPage,
    past: bool = False,
    series: EventSeries | None = None,
    event_type: str = "",
    city: str = "",
    month: datetime.date | None = None,
    with_untranslated: bool = False,
):
    """The index's events, upcoming (soonest first) or ``past`` (latest first), narrowed by
    the filters that are given. ``with_untranslated``: with the events not translated into
    the index's language yet, in the language they have; a series matches its translations."""
    now = timezone.now()
    pages = _in_index(_card_queryset(), index=index, with_untranslated=with_untranslated)
    if past:
        pages = pages.filter(end__lt=now).order_by("-start", "-pk")
    else:
        pages = pages.filter(end__gte=now).order_by("start", "pk")
    if series:
        pages = pages.filter(series__translation_key=series.translation_key)
    if event_type:
        pages = pages.filter(event_type=event_type)
    if city:
        pages = pages.filter(city__iexact=city)
    if month:
        pages = pages.filter(start__year=month.year, start__month=month.month)
    return pages


def index_filter_options(*, index: EventIndexPage) -> dict:
    """What the index's filters offer: the series of its language, and the cities and
    months its events have (those listed untranslated included)."""
    listed = _in_index(EventPage.objects.live().public(), index=index, with_untranslated=True)
    cities = sorted({city for city in listed.values_list("city", flat=True) if city})
    return {
        "series": list(EventSeries.objects.filter(locale_id=index.locale_id)),
        "cities": cities,
        "months": list(listed.dates("start", "month", order="DESC")),
    }


def ticket_types_with_canonical(*, page: EventPage) -> list[tuple[TicketType, TicketType]]:
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


def ticket_availability(*, ticket_types: list[TicketType]) -> dict[int, dict]:
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


def ticket_rows(*, page: EventPage, user=None, is_member: bool | None = None) -> list[dict]:
    """What the event page and the registration form show about each ticket type, in the
    page's language, with the places counted on the canonical rows; ``is_member`` when the
    caller knows already (``user_is_member``)."""
    pairs = ticket_types_with_canonical(page=page)
    availability = ticket_availability(ticket_types=[counted for _shown, counted in pairs])
    if is_member is None:
        is_member = user_is_member(user=user)
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


def user_owns_verified_address(*, user, email: str) -> bool:
    """Whether ``user`` (signed in) proved with allauth that ``email`` is theirs. The account's
    ``email`` field alone is no proof: it is whatever was typed at sign-up."""
    if user is None or not user.is_authenticated or not email:
        return False
    return EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()


def user_is_member(*, user) -> bool:
    return user_has_active_membership(user=user)


def agenda(*, page: EventPage) -> list[EventSession]:
    return list(
        page.sessions.order_by("starts_at", "sort_order").prefetch_related(
            Prefetch("speakers", queryset=_speaker_queryset())
        )
    )


def _speaker_queryset():
    return Speaker.objects.select_related("photo", "organisation").prefetch_related(
        "photo__renditions"
    )


def partners(*, page: EventPage) -> list[EventPartner]:
    return list(page.partners.select_related("logo").prefetch_related("logo__renditions"))


def registrations_of_user_for_event(*, user, page: EventPage) -> list[Registration]:
    if user is None or not user.is_authenticated:
        return []
    return list(
        Registration.objects.filter(user=user, event=canonical_event(page=page))
        .exclude(status__in=[Registration.Status.CANCELLED, Registration.Status.EXPIRED])
        .select_related("ticket_type")
    )


def places_tag(*, event_id: int) -> str:
    """The page cache's tag of what changes with an event's registrations (its places left;
    ``event_id`` is the canonical event's, as registrations are attached to it)."""
    return f"event-places.{event_id}"


def canonical_event(*, page: EventPage) -> EventPage:
    """The page registrations are attached to: the original the translations came from."""
    original = EventPage.objects.filter(translation_key=page.translation_key).order_by("pk").first()
    return original or page


def upcoming_events(*, limit: int = 3, with_untranslated: bool = False) -> list[EventPage]:
    """The next events in the active language, for the home page and the newsletter;
    ``with_untranslated`` (the home page), with those not translated into it yet."""
    if with_untranslated:
        pages = reader_pages(_card_queryset(), language_code=translation.get_language())
    else:
        pages = _card_queryset().filter(locale=Locale.get_active())
    return list(pages.filter(end__gte=timezone.now()).order_by("start", "pk")[:limit])


def event_index_for_language() -> EventIndexPage | None:
    by_code = {
        index.locale.language_code: index
        for index in EventIndexPage.objects.live().select_related("locale")
    }
    return for_active_language(by_code)


def series_for_index(*, index: EventIndexPage, slug: str) -> EventSeries | None:
    """The series of the index's language with this slug, or None."""
    return EventSeries.objects.filter(slug=slug, locale_id=index.locale_id).first()


def feed_events(*, index: EventIndexPage, series: EventSeries | None = None):
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


def user_registrations(*, user):
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


def event_registration_figures(*, event: EventPage) -> dict:
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
