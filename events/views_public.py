"""The routes of the event pages (list, feed, event calendar, registration). The page
models only dispatch here."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_ratelimit.exceptions import Ratelimited

from association.throttle import throttle
from home.cache import cached

from . import calendar, selectors, services, tickets
from .forms import RegistrationForm
from .models import Registration


def event_index(page, request):
    filters = selectors.EventFilters.from_query(request.GET, locale=page.locale)
    context = selectors.event_index_context(page, request, filters)
    return page.render(request, context_overrides=context)


def _calendar_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def event_feed(page, request):
    """``/events/feed.ics`` (every upcoming event), ``?series=<slug>`` for one series; a slug
    that names no series is not found, so the cache below only ever holds real feeds."""
    series = None
    slug = request.GET.get("series", "").strip()
    if slug:
        series = selectors.feed_series(page, slug)
        if series is None:
            raise Http404(_("There is no such series."))
    # Cached per content version and hour: a calendar client polls this often.
    hour = timezone.now().strftime("%Y%m%d%H")

    def build():
        pages = selectors.feed_events(page, series)
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


def event_ics(page, request):
    return _calendar_response(
        calendar.event_ics(page, page.get_full_url(request)), f"{page.slug}.ics"
    )


def register(page, request):
    """``/events/<slug>/register/``: choose a ticket and give your details.

    Whoever has not proved the address is theirs (anonymous, an unverified account, or an
    account registering another address) gets the same "check your e-mail" answer whatever
    happened: registered, waiting, or already registered; the next step and the link to the
    registration go to the address only. A signed-in user with a verified address is
    confirmed, sent to pay, or told about their registration at once.
    """
    if request.method == "POST":
        throttle(request, "register", address=request.POST.get("email", ""))
    tickets_rows = selectors.ticket_rows(page, request.user)
    user = request.user if request.user.is_authenticated else None
    initial = {}
    if user is not None:
        initial = {"name": user.get_full_name() or user.email, "email": user.email}
        role = user.organisation_roles.select_related("organisation").first()
        if role is not None:
            initial["organisation_name"] = role.organisation.name
    form = RegistrationForm(request.POST or None, tickets=tickets_rows, initial=initial)
    error = ""
    if request.method == "POST" and form.is_valid():
        row = form.ticket_row()
        email = form.cleaned_data["email"]
        try:
            registration = services.registration_create(
                ticket_type=row["ticket"],
                name=form.cleaned_data["name"],
                email=email,
                organisation_name=form.cleaned_data["organisation_name"],
                user=user,
                is_member=selectors.user_is_member(user),
                language=translation.get_language(),
            )
        except services.AlreadyRegistered as already:
            if selectors.user_owns_verified_address(user, email):
                form.add_error("email", already.message)
            else:
                _remind(request, already.registration)
                return _check_your_email(page, request)
        except services.RegistrationBusy as busy:
            error = busy.message
        except services.RegistrationError as refused:
            if refused.field:
                form.add_error(refused.field, refused.message)
            else:
                error = refused.message
        else:
            if not registration.email_confirmed:
                return _check_your_email(page, request)
            return _after_registration(request, registration)
    status = 200
    if request.method == "POST" and (error or form.errors):
        status = 409 if error else 400
    response = page.render(
        request,
        template="events/register.html",
        context_overrides={
            "form": form,
            "tickets": tickets_rows,
            "error": error,
            "is_member": selectors.user_is_member(user),
        },
    )
    response.status_code = status
    return response


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


def start_payment(request, registration: Registration, *, fallback: str):
    """Open a Stripe Checkout for a held place and send the person there. The hold lasts as
    long as the session, so the place cannot be given away while they pay."""
    from payments.checkout import checkout_start
    from payments.services import CHECKOUT_MAX_LIFETIME, CHECKOUT_MIN_LIFETIME

    now = timezone.now()
    remaining = (registration.hold_expires_at or now) - now
    lifetime = min(max(remaining, CHECKOUT_MIN_LIFETIME), CHECKOUT_MAX_LIFETIME)
    with translation.override(registration.language):
        description = f"{registration.event.title} · {registration.ticket_type.name}"
    payment = checkout_start(
        request,
        payable=registration,
        amount=registration.price,
        description=description,
        customer_email=registration.email,
        cancel_path=fallback,
        expires_after=lifetime,
        unavailable_message=_(
            "The payment service is not answering. Your place is held; please try paying again "
            "in a few minutes."
        ),
    )
    if payment is None:
        return redirect(fallback)
    services.registration_extend_hold(
        registration=registration, until=now + lifetime + datetime.timedelta(minutes=1)
    )
    return redirect(payment.checkout_url)
