"""What happens to a registration after it is made: its e-mail or payment confirmed, its
hold extended while the person pays, cancelled, or released when the hold runs out."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from payments.bank import bank_transfer_start
from payments.services import checkout_may_succeed, payable_open_checkouts

from .. import emails
from ..models import Registration
from .b2b import b2b_registration_left
from .errors import RegistrationBusy, RegistrationError
from .places import lock_registration, promote_waiting

Status = Registration.Status

# Stripe may deliver a payment's webhook a little after the session's end: a hold is
# released only this long after it ended (the "expired" webhook releases it at once).
RELEASE_GRACE = datetime.timedelta(minutes=5)


def registration_confirm_email(*, registration: Registration, now=None) -> Registration:
    """The person clicked the link in our e-mail: their address is real."""
    now = now or timezone.now()
    with transaction.atomic():
        ticket_type, registration = lock_registration(registration)
        if registration.status == Status.PENDING_EMAIL:
            if registration.hold_expires_at and registration.hold_expires_at < now:
                raise RegistrationError(
                    _("This link came too late: the place was held for 24 hours only.")
                )
            _confirm(registration, now=now)
        elif registration.status in (Status.EXPIRED, Status.CANCELLED):
            raise RegistrationError(_("This registration is no longer active."))
        elif not registration.email_confirmed:
            registration.email_confirmed = True
            registration.save(update_fields=["email_confirmed"])
    return registration


def registration_confirm_payment(*, registration: Registration, now=None) -> bool:
    """The payment for a held place succeeded (called from the payment signal; idempotent).
    Returns whether the registration was confirmed by this call."""
    now = now or timezone.now()
    ticket_type, registration = lock_registration(registration)
    if registration.status != Status.PENDING_PAYMENT:
        return False
    _confirm(registration, now=now)
    return True


def _confirm(registration: Registration, *, now) -> None:
    """The held place becomes the person's (their address is known good) and the ticket is
    mailed; the caller holds the registration's lock."""
    registration.status = Status.CONFIRMED
    registration.confirmed_at = now
    registration.hold_expires_at = None
    registration.email_confirmed = True
    registration.save(
        update_fields=["status", "confirmed_at", "hold_expires_at", "email_confirmed"]
    )
    emails.send_confirmation(registration)


def registration_extend_hold(*, registration: Registration, until: datetime.datetime) -> None:
    """A checkout session was opened for a held place: the hold lasts as long as the session,
    so the place is never given away while the person can still pay."""
    Registration.objects.filter(
        pk=registration.pk, status=Status.PENDING_PAYMENT, hold_expires_at__lt=until
    ).update(hold_expires_at=until)


def cancel_refusal(registration: Registration, *, by_staff: bool = False, now=None) -> str | None:
    """Why ``registration`` cannot be cancelled (by its owner, or by staff), or None."""
    if not registration.can_cancel:
        if registration.status == Status.ATTENDED:
            return _("An attended registration cannot be cancelled.")
        return _("This registration is already cancelled.")
    if not by_staff and registration.event.start <= (now or timezone.now()):
        return _("The event has started; the registration cannot be cancelled.")
    return None


def registration_cancel(
    *, registration: Registration, by_staff: bool = False, now=None
) -> Registration:
    """Cancel a registration and give its place to the first person waiting."""
    now = now or timezone.now()
    with transaction.atomic():
        ticket_type, registration = lock_registration(registration)
        refusal = cancel_refusal(registration, by_staff=by_staff, now=now)
        if refusal is not None:
            raise RegistrationError(refusal)
        was_holding = registration.is_holding
        registration.status = Status.CANCELLED
        registration.cancelled_at = now
        registration.hold_expires_at = None
        registration.save(update_fields=["status", "cancelled_at", "hold_expires_at"])
        emails.send_cancellation(registration, by_staff=by_staff)
        # Their B2B meetings go with the place; the other sides are told.
        b2b_registration_left(registration=registration, now=now)
        if was_holding:
            promote_waiting(ticket_type, now=now)
    return registration


def _checkouts_ended(registration: Registration) -> set[int] | None:
    """The ids of the registration's checkouts still awaited, when Stripe reports every one
    of them expired; ``None`` when one may still be paid (open, paid with its webhook on the
    way, a delayed payment processing, or Stripe not answering). It asks Stripe, so it is
    called before any lock is taken."""
    ended = set()
    for payment in payable_open_checkouts(payable=registration):
        if checkout_may_succeed(payment=payment):
            return None
        ended.add(payment.pk)
    return ended


def registration_release(*, registration: Registration, now=None) -> bool:
    """A held place ran out (checkout expired, e-mail never confirmed): free it for the
    waiting list. Idempotent; returns whether this call released it.

    A place is released only when no checkout for it can still succeed: with Pay pressed
    twice, the first session's expiry must not give away the place the second is paying for.
    """
    now = now or timezone.now()
    ended = _checkouts_ended(registration)
    if ended is None:
        return False
    with transaction.atomic():
        ticket_type, registration = lock_registration(registration)
        if registration.status not in (Status.PENDING_PAYMENT, Status.PENDING_EMAIL):
            return False
        # A checkout opened after Stripe was asked keeps the place too.
        if {payment.pk for payment in payable_open_checkouts(payable=registration)} - ended:
            return False
        registration.status = Status.EXPIRED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at"])
        emails.send_hold_expired(registration)
        promote_waiting(ticket_type, now=now)
    return True


def holds_release_expired(*, now=None) -> int:
    """Beat: release every hold whose time (plus the webhook grace) has passed."""
    now = now or timezone.now()
    expired = Registration.objects.filter(
        status__in=[Status.PENDING_PAYMENT, Status.PENDING_EMAIL],
        hold_expires_at__lt=now - RELEASE_GRACE,
    ).only("pk", "ticket_type_id")
    released = 0
    for registration in expired:
        try:
            released += registration_release(registration=registration, now=now)
        except RegistrationBusy:
            continue  # the next run takes it
    return released


def registration_pay_by_bank(*, registration: Registration, amount, buyer) -> None:
    """Issue the pro-forma for a held place (``payments.bank``) and hold the place until
    the end of its due date; the place is released when the pro-forma expires unpaid
    (``payment_expired``) like an expired checkout."""
    with translation.override(registration.language):
        description = f"{registration.event.title} · {registration.ticket_type.name}"
    payment = bank_transfer_start(
        payable=registration,
        amount=amount,
        currency="RSD",
        description=description,
        buyer=buyer,
        language=registration.language,
        owner=registration.user,
    )
    if payment.due_on:
        end_of_due_day = datetime.datetime.combine(
            payment.due_on + datetime.timedelta(days=1),
            datetime.time.min,
            tzinfo=timezone.get_current_timezone(),
        )
        registration_extend_hold(registration=registration, until=end_of_due_day)
