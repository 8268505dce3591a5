"""The routes of the event pages (list, feed, event page, event calendar, registration).
The page models only dispatch here."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django_ratelimit.exceptions import Ratelimited

from association.throttle import throttle
from home.cache import cached, clock_period, tag_versions
from home.page_cache import cache_under_tags

from .. import calendar, selectors, services, tickets
from ..forms import RegistrationForm
from ..models import EventIndexPage, EventPage, Registration
from .checkout import start_payment
from .filters import EventFilters

EVENTS_PER_PAGE = 12


def event_index(page: EventIndexPage, request):
    filters = EventFilters.from_query(request.GET, index=page)
    return page.render(request, context_overrides=event_index_context(page, request, filters))


def event_index_context(index: EventIndexPage, request, filters: EventFilters) -> dict:
    # Lazy: the template keeps the cards in a fragment (``{% fragment %}``) keyed on the query
    # string and a ten-minute period (an event that ends leaves the upcoming list), and only a
    # fragment not found in the cache reads the list.
    page_obj = SimpleLazyObject(
        lambda: Paginator(filters.events(index), EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    )
    # The cities and months of every event take a scan of the whole list: once per content
    # version (any publish bumps it), not once per request.
    options = cached(
        "event-filter-options", lambda: selectors.index_filter_options(index=index), index.pk
    )
    return {
        "filters": filters,
        "events": page_obj,
        "page_obj": page_obj,
        "series_choices": options["series"],
        "type_choices": EventPage.EventType.choices,
        "type_label": dict(EventPage.EventType.choices).get(filters.event_type, ""),
        "cities": options["cities"],
        "months": options["months"],
        "list_period": clock_period(),
    }


def _calendar_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def event_feed(page: EventIndexPage, request):
    """``/events/feed.ics`` (every upcoming event), ``?series=<slug>`` for one series; a slug
    that names no series is not found, so the cache below only ever holds real feeds."""
    series = None
    slug = request.GET.get("series", "").strip()[:120]
    if slug:
        series = selectors.series_for_index(index=page, slug=slug)
        if series is None:
            raise Http404(_("There is no such series."))
    # Cached per content version and hour: a calendar client polls this often.
    hour = timezone.now().strftime("%Y%m%d%H")

    def build():
        pages = selectors.feed_events(index=page, series=series)
        return calendar.feed_ics(pages, page.title, lambda event: event.get_full_url(request))

    content = cached(
        "events-feed",
        build,
        page.pk,
        series.pk if series else "",
        hour,
        translation.get_language(),
        request.get_host(),
    )
    return _calendar_response(content, "events.ics")


def event_page_context(page: EventPage, request) -> dict:
    """What the event page (and its registration form) shows besides the page's fields."""
    sessions = selectors.agenda(page=page)
    speakers = {}
    for session in sessions:
        for speaker in session.speakers.all():
            speakers.setdefault(speaker.pk, speaker)
    user = getattr(request, "user", None)
    registrations = selectors.registrations_of_user_for_event(user=user, page=page)
    ticket_rows = selectors.ticket_rows(page=page, user=user)
    return {
        "sessions": sessions,
        "agenda_multi_day": len({timezone.localtime(s.starts_at).date() for s in sessions}) > 1,
        "open_for_registration": any(row["state"] == "open" for row in ticket_rows),
        "speakers": list(speakers.values()),
        "partners": selectors.partners(page=page),
        "tickets": ticket_rows,
        "my_registrations": registrations,
        # A held place (payment or e-mail confirmation pending) or the waiting list is not a
        # ticket yet: the link is for people who may attend.
        "can_see_online_link": any(r.status in Registration.ATTENDING for r in registrations),
        "b2b_session": _b2b_session_for(page, user, registrations),
        "index": page.get_parent(),
        "og_type": "website",
        "map_tile_url": getattr(settings, "MAP_TILE_URL", ""),
    }


def _b2b_session_for(page: EventPage, user, registrations: list[Registration]):
    """The B2B meetings the person takes part in at this event, which the page links to;
    nobody without a confirmed registration pays a query for it."""
    if not any(r.status in Registration.ATTENDING for r in registrations):
        return None
    session = selectors.b2b_session_for_event(page=page)
    if session is None or selectors.b2b_participation(session=session, user=user) is None:
        return None
    return session


def event_page(page: EventPage, request):
    """The event page. While a ticket is on sale or about to be, its places left change with
    every registration and its state with the clock, neither of which bumps the content
    version: such a page says ``no-cache`` (a proxy asks again and gets a 304 while it is the
    same), and the page cache stores it under the event's places tag (bumped by every change
    of a registration, ``events.receivers``), until the next opening or closing of a sale at
    most. Once registration has closed, or for an event without tickets, the page is cached
    like any other."""
    # Read before the page counts the places: a registration made while it renders bumps the
    # tag after this, and the stored page is never served.
    versions = tag_versions(
        [selectors.places_tag(event_id=selectors.canonical_event(page=page).pk)]
    )
    response = page.render(request)
    rows = response.context_data["tickets"]
    if any(row["state"] != "closed" for row in rows):
        patch_cache_control(response, no_cache=True)
        now = timezone.now()
        changes = [
            moment
            for row in rows
            for moment in row["canonical"].sale_state_changes()
            if moment is not None and moment > now
        ]
        seconds = (min(changes) - now).total_seconds() if changes else None
        cache_under_tags(response, versions=versions, seconds=seconds)
    return response


def event_ics(page: EventPage, request):
    return _calendar_response(
        calendar.event_ics(page, page.get_full_url(request)), f"{page.slug}.ics"
    )


def register(page: EventPage, request):
    """``/events/<slug>/register/``: choose a ticket and give your details.

    Whoever has not proved the address is theirs (anonymous, an unverified account, or an
    account registering another address) gets the same "check your e-mail" answer whatever
    happened: registered, waiting, or already registered; the next step and the link to the
    registration go to the address only. A signed-in user with a verified address is
    confirmed, sent to pay, or told about their registration at once.
    """
    if request.method == "POST":
        throttle(request, "register", address=request.POST.get("email", ""))
    user = request.user if request.user.is_authenticated else None
    is_member = selectors.user_is_member(user=user)
    tickets_rows = selectors.ticket_rows(page=page, user=user, is_member=is_member)
    # A submitted form shows what was submitted: the first values are for the empty form only.
    initial = _initial(user) if request.method != "POST" else {}
    form = RegistrationForm(request.POST or None, tickets=tickets_rows, initial=initial)
    error = ""
    if request.method == "POST" and form.is_valid():
        answer, error = _submit(page, request, form, user, is_member=is_member)
        if answer is not None:
            return answer
    status = 200
    if request.method == "POST" and (error or form.errors):
        status = 409 if error else 400
    response = page.render(
        request,
        template="events/register.html",
        context_overrides={
            "form": form,
            "tickets": tickets_rows,
            # The note on paying by card only where a ticket on sale costs this visitor.
            "any_paid": any(row["price"] for row in tickets_rows if row["state"] == "open"),
            "error": error,
            "is_member": is_member,
        },
    )
    response.status_code = status
    return response


def _initial(user) -> dict:
    """The form's first values for a signed-in user: their name, address and organisation."""
    if user is None:
        return {}
    # The name only when the account has one: the address is no name to print on a badge.
    initial = {"name": user.get_full_name(), "email": user.email}
    role = user.organisation_roles.select_related("organisation").first()
    if role is not None:
        initial["organisation_name"] = role.organisation.name
    return initial


def _submit(page: EventPage, request, form: RegistrationForm, user, *, is_member: bool):
    """Register with a valid form: the answer to send, or ``None`` and the error to show with
    the form again (a refusal may also be added to the form's fields)."""
    email = form.cleaned_data["email"]
    row = form.ticket_row()
    try:
        registration = services.registration_create(
            ticket_type=row["ticket"],
            canonical=row["canonical"],
            name=form.cleaned_data["name"],
            email=email,
            organisation_name=form.cleaned_data["organisation_name"],
            user=user,
            is_member=is_member,
            language=translation.get_language(),
        )
    except services.AlreadyRegistered as already:
        if selectors.user_owns_verified_address(user=user, email=email):
            form.add_error("email", already.message)
            return None, ""
        _remind(request, already.registration)
        return _check_your_email(page, request), ""
    except services.RegistrationBusy as busy:
        return None, busy.message
    except services.RegistrationError as refused:
        if refused.field:
            form.add_error(refused.field, refused.message)
            return None, ""
        return None, refused.message
    if not registration.email_confirmed:
        return _check_your_email(page, request), ""
    return _after_registration(request, registration), ""


def _remind(request, registration: Registration) -> None:
    """Mail the existing registration's link to its address, at most as often as any link
    is re-sent. Over the limit the mail is just not sent: a 429 here (and only here) would
    tell that the address is registered."""
    try:
        throttle(request, "resend", address=registration.email)
    except Ratelimited:
        return
    services.registration_remind(registration=registration)


def _check_your_email(page, request):
    """The one answer for everyone who has not proved the address is theirs."""
    return page.render(request, template="events/registration_sent.html")


def _after_registration(request, registration: Registration):
    """A verified owner's new registration: pay now, or see the ticket page."""
    manage_url = tickets.manage_path(registration)
    if registration.status == Registration.Status.PENDING_PAYMENT:
        return start_payment(request, registration, fallback=manage_url)
    messages_by_status = {
        Registration.Status.CONFIRMED: _(
            "You are registered. Your ticket is on its way by e-mail."
        ),
        Registration.Status.WAITLISTED: _(
            "All places are taken: you are on the waiting list, and we will write to you as soon "
            "as a place is free."
        ),
    }
    messages.success(request, messages_by_status.get(registration.status, ""))
    return redirect(manage_url)
