"""The registration e-mails (and B2B matchmaking's), in the language the person registered
in. Each is queued when the transaction commits and rendered and sent by the worker
(``events.send_registration_mail``, ``events.send_b2b_mail``), so neither a registration
nor a place's row lock waits for templates, the calendar file or the QR code."""

from __future__ import annotations

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from association.public_url import base_url

from . import calendar, selectors, tickets
from .models import Meeting, MeetingRequest


def _event_in(event, language: str):
    return selectors.event_in_language(event=event, language=language)


def _send(template: str, registration, *, attach_ticket: bool = False, **extra) -> None:
    """Queue the mail for the worker once the current transaction commits."""
    from .tasks import send_registration_mail  # tasks.py imports services, which import this

    args = (template, registration.pk, registration.email)
    kwargs = {"attach_ticket": attach_ticket, "extra": extra}
    # robust: a broker outage is logged rather than turning a registration into an error page.
    transaction.on_commit(lambda: send_registration_mail.delay(*args, **kwargs), robust=True)


def build(template: str, registration, *, attach_ticket: bool = False, **extra):
    """The message, rendered in the person's language (by the worker)."""
    with translation.override(registration.language):
        event = _event_in(registration.event, registration.language)
        site_url = base_url()
        manage_url = site_url + tickets.manage_path(registration)
        event_url = event.get_full_url() or site_url
        context = {
            "registration": registration,
            "event": event,
            "ticket_type": registration.ticket_type,
            "manage_url": manage_url,
            "event_url": event_url,
            "site_url": site_url,
            **extra,
        }
        subject = render_to_string(f"events/email/{template}_subject.txt", context)
        body = render_to_string(f"events/email/{template}.txt", context)
        # Every message with a ticket shares one HTML layout, the confirmation's.
        html = render_to_string("events/email/confirmation.html", context) if attach_ticket else ""
        message = EmailMultiAlternatives(
            subject=" ".join(subject.split()), body=body, to=[registration.email]
        )
        if html:
            message.attach_alternative(html, "text/html")
        if attach_ticket:
            message.attach(
                "event.ics",
                calendar.registration_ics(registration, event, event_url, manage_url),
                "text/calendar; charset=utf-8; method=PUBLISH",
            )
            message.attach(
                f"ticket-{registration.code}.png", tickets.qr_png(registration.code), "image/png"
            )
    return message


def send_confirmation(registration) -> None:
    _send("confirmation", registration, attach_ticket=True)


def send_email_check(registration) -> None:
    _send("email_check", registration)


def send_payment_due(registration) -> None:
    _send("payment_due", registration)


def send_already_registered(registration) -> None:
    _send("already_registered", registration)


def send_waiting_list_notice(registration) -> None:
    _send("waiting_list", registration)


def send_promotion(registration) -> None:
    if registration.status == registration.Status.CONFIRMED:
        _send("confirmation", registration, attach_ticket=True, promoted=True)
    else:
        _send("promotion", registration)


def send_cancellation(registration, *, by_staff: bool) -> None:
    _send("cancellation", registration, by_staff=by_staff)


def send_hold_expired(registration) -> None:
    _send("hold_expired", registration)


def send_reminder(registration) -> None:
    _send("reminder", registration, attach_ticket=True, reminder=True)


# --- B2B matchmaking -------------------------------------------------------------------------
# Each mail goes to one participant (a profile's registration), in the language they
# registered in; queued on commit and rendered by the worker (``events.send_b2b_mail``).


def _send_b2b(template: str, profile, **extra) -> None:
    from .tasks import send_b2b_mail  # as in _send: tasks.py imports services, which import this

    args = (template, profile.pk, profile.registration.email)
    transaction.on_commit(lambda: send_b2b_mail.delay(*args, extra=extra), robust=True)


def send_b2b_request_received(meeting_request) -> None:
    _send_b2b("b2b_request_received", meeting_request.to_profile, request_id=meeting_request.pk)


def send_b2b_request_answered(meeting_request) -> None:
    _send_b2b("b2b_request_answered", meeting_request.from_profile, request_id=meeting_request.pk)


def send_b2b_meeting_cancelled(meeting_request, *, recipient, reason: str) -> None:
    _send_b2b("b2b_meeting_cancelled", recipient, request_id=meeting_request.pk, reason=reason)


def send_b2b_agenda(profile) -> None:
    _send_b2b("b2b_agenda", profile)


def b2b_url(name: str, session, *args) -> str:
    """An absolute link to a B2B page, in the active language."""
    return base_url() + reverse(f"events:{name}", args=[session.pk, *args])


def build_b2b(template: str, profile, *, request_id: int | None = None, reason: str = ""):
    """The message to ``profile``'s participant, rendered in their language (by the worker).
    ``None`` when the request it is about is gone."""
    registration = profile.registration
    session = profile.session
    with translation.override(registration.language):
        event = _event_in(session.event, registration.language)
        context = {
            "profile": profile,
            "registration": registration,
            "session": session,
            "event": event,
            "b2b_url": b2b_url("b2b_home", session),
            "requests_url": b2b_url("b2b_requests", session),
            "agenda_url": b2b_url("b2b_agenda", session),
            "site_url": base_url(),
            "reason": reason,
            "reason_label": dict(Meeting.CancelReason.choices).get(reason, ""),
        }
        if request_id is not None:
            meeting_request = (
                MeetingRequest.objects.select_related(
                    "from_profile__registration",
                    "from_profile__organisation",
                    "to_profile__registration",
                    "to_profile__organisation",
                )
                .filter(pk=request_id)
                .first()
            )
            if meeting_request is None:
                return None
            context["meeting_request"] = meeting_request
            context["other"] = meeting_request.other_side(profile)
            context["answer_url"] = base_url() + reverse(
                "events:b2b_answer", args=[tickets.b2b_answer_token(meeting_request)]
            )
        meetings = []
        if template == "b2b_agenda":
            meetings = [
                m
                for m in selectors.b2b_agenda(profile=profile)
                if m.status == Meeting.Status.PLACED
            ]
            context["meetings"] = [(m, m.other_side(profile)) for m in meetings]
        subject = render_to_string(f"events/email/{template}_subject.txt", context)
        body = render_to_string(f"events/email/{template}.txt", context)
        message = EmailMultiAlternatives(
            subject=" ".join(subject.split()), body=body, to=[registration.email]
        )
        if meetings:
            message.attach(
                "b2b-agenda.ics",
                calendar.b2b_agenda_ics(profile, meetings, event, context["agenda_url"]),
                "text/calendar; charset=utf-8; method=PUBLISH",
            )
    return message
