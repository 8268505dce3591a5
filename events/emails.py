"""The registration e-mails, in the language the person registered in. Each is queued when
the transaction commits and rendered and sent by the worker (``events.send_registration_mail``),
so neither a registration nor a place's row lock waits for templates, the calendar file or
the QR code."""

from __future__ import annotations

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from wagtail.models import Locale

from association.public_url import base_url

from . import calendar, tickets


def _event_in(event, language: str):
    """The event page in the person's language when it is translated and live."""
    locale = Locale.objects.filter(language_code=language).first()
    translated = event.get_translation_or_none(locale) if locale else None
    return translated.specific if translated is not None and translated.live else event


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
