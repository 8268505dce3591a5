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
from twins.search import fold

from .matching import B2BMatch, match_profiles
from .models import (
    B2BItem,
    B2BProfile,
    B2BSession,
    EventIndexPage,
    EventPage,
    EventPartner,
    EventSeries,
    EventSession,
    Meeting,
    MeetingRequest,
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


def event_in_language(*, event: EventPage, language: str) -> EventPage:
    """The event page in ``language`` when it is translated and live, else ``event``."""
    locale = Locale.objects.filter(language_code=language).first()
    translated = event.get_translation_or_none(locale) if locale else None
    return translated.specific if translated is not None and translated.live else event


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


# --- B2B matchmaking -------------------------------------------------------------------------


def b2b_session(*, pk: int) -> B2BSession | None:
    """A session that is switched on, with its event."""
    return B2BSession.objects.filter(pk=pk, enabled=True).select_related("event").first()


def b2b_sessions_under_way(*, now: datetime.datetime | None = None) -> list[B2BSession]:
    """Sessions switched on whose meetings started in the last day (no-shows are marked)."""
    now = now or timezone.now()
    return list(
        B2BSession.objects.filter(
            enabled=True,
            first_slot_start__lte=now,
            first_slot_start__gt=now - datetime.timedelta(days=1),
        ).select_related("event")
    )


def b2b_session_for_event(*, page: EventPage) -> B2BSession | None:
    return (
        B2BSession.objects.filter(event=canonical_event(page=page), enabled=True)
        .select_related("event")
        .first()
    )


def b2b_participation(*, session: B2BSession, user) -> Registration | None:
    """The user's registration that makes them a participant of ``session``: confirmed or
    checked in, for one of its ticket types (any, when it names none)."""
    if user is None or not user.is_authenticated:
        return None
    registrations = Registration.objects.filter(
        user=user, event_id=session.event_id, status__in=Registration.ATTENDING
    ).select_related("ticket_type")
    keys = set(session.ticket_types.values_list("translation_key", flat=True))
    if keys:
        registrations = registrations.filter(ticket_type__translation_key__in=keys)
    return registrations.order_by("pk").first()


def _b2b_profile_queryset():
    return B2BProfile.objects.select_related(
        "registration", "organisation", "organisation__logo"
    ).prefetch_related(
        "sectors",
        "technology_fields",
        Prefetch("items", queryset=B2BItem.objects.prefetch_related("sectors")),
    )


def b2b_profiles(
    *,
    session: B2BSession,
    exclude: B2BProfile | None = None,
    sector: str = "",
    kind: str = "",
    region: str = "",
    q: str = "",
):
    """The session's visible profiles of people still taking part, filtered: ``sector`` (a
    slug, the profile's or an item's), ``kind`` (an item type), ``region``, ``q`` (any
    script, with or without diacritics, in the name, organisation, description and items).
    Cards read in a fixed number of queries, whatever the number of profiles."""
    profiles = _b2b_profile_queryset().filter(
        session=session, is_visible=True, registration__status__in=Registration.ATTENDING
    )
    if exclude is not None:
        profiles = profiles.exclude(pk=exclude.pk)
    if sector:
        items = B2BItem.objects.filter(sectors__slug=sector).values("profile_id")
        profiles = profiles.filter(Q(sectors__slug=sector) | Q(pk__in=items))
    if kind:
        profiles = profiles.filter(pk__in=B2BItem.objects.filter(kind=kind).values("profile_id"))
    if region:
        profiles = profiles.filter(region=region)
    if q:
        for word in fold(q).split()[:8]:
            profiles = profiles.filter(search_folded__contains=word)
    return profiles.distinct().order_by("registration__name", "pk")


def b2b_profile_of(*, session: B2BSession, registration: Registration) -> B2BProfile | None:
    return _b2b_profile_queryset().filter(session=session, registration=registration).first()


def b2b_organisation_pairs_met(
    *, before: datetime.datetime, organisations: list[int] | None = None
) -> set[frozenset]:
    """The pairs of organisations (ids) that met at an event starting before ``before``: a
    meeting placed and not cancelled. ``organisations``: only pairs with one of these."""
    meetings = Meeting.objects.filter(
        status=Meeting.Status.PLACED,
        session__event__start__lt=before,
        profile_a__organisation__isnull=False,
        profile_b__organisation__isnull=False,
    )
    if organisations is not None:
        meetings = meetings.filter(
            Q(profile_a__organisation__in=organisations)
            | Q(profile_b__organisation__in=organisations)
        )
    pairs = meetings.values_list("profile_a__organisation", "profile_b__organisation").distinct()
    return {frozenset(pair) for pair in pairs if pair[0] != pair[1]}


def b2b_suggestions(*, profile: B2BProfile, limit: int = 20) -> list[B2BMatch]:
    """The participants whose offers answer what ``profile`` seeks and whose needs it
    answers, best first (``events.matching``); organisations it met at an earlier event after
    every new partner. A fixed number of queries, whatever the number of profiles."""
    mine = _b2b_profile_queryset().select_related("session__event").get(pk=profile.pk)
    met = (
        b2b_organisation_pairs_met(
            before=mine.session.event.start, organisations=[mine.organisation_id]
        )
        if mine.organisation_id
        else set()
    )
    matches = [
        match
        for other in b2b_profiles(session=mine.session, exclude=mine)
        if (match := match_profiles(mine, other, met=met)) is not None
    ]
    matches.sort(key=lambda m: (m.met_before, -m.score, m.profile.registration.name, m.profile.pk))
    return matches[:limit]


def b2b_requests(*, profile: B2BProfile) -> dict[str, list[MeetingRequest]]:
    """The requests ``profile`` received and sent, newest first, with the other side."""
    related = (
        "from_profile__registration",
        "from_profile__organisation",
        "to_profile__registration",
        "to_profile__organisation",
        "meeting",
    )
    received = MeetingRequest.objects.filter(to_profile=profile).select_related(*related)
    sent = MeetingRequest.objects.filter(from_profile=profile).select_related(*related)
    return {"received": list(received), "sent": list(sent)}


def b2b_agenda(*, profile: B2BProfile) -> list[Meeting]:
    """The profile's meetings, placed and cancelled, in the order of the day."""
    return list(
        Meeting.objects.filter(Q(profile_a=profile) | Q(profile_b=profile))
        .select_related(
            "session",
            "profile_a__registration",
            "profile_a__organisation",
            "profile_b__registration",
            "profile_b__organisation",
            "cancelled_by",
        )
        .order_by("slot", "table")
    )


def b2b_answer_request(*, pk: int, to_profile_id: int) -> MeetingRequest | None:
    """The request a signed answer link names, when it was sent to that profile."""
    return (
        MeetingRequest.objects.filter(pk=pk, to_profile_id=to_profile_id)
        .select_related(
            "session__event",
            "from_profile__registration",
            "from_profile__organisation",
            "to_profile__registration",
        )
        .first()
    )
