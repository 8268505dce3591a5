"""Every write of the events line: registering, paying, the waiting list, cancelling,
check-in and reminders. Views, admin screens, webhooks (through payment signals) and beat
tasks all call these.

Places are counted under a row lock on the canonical ``TicketType``: inside one transaction
the row is locked first, then the places held are counted, then the registration is written,
so two people pressing "register" at once can never both take the last place. The lock is
waited for at most ``EVENTS_LOCK_TIMEOUT_MS``; past that the person is asked to try again
(``RegistrationBusy``) rather than kept waiting or shown an error page.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, OperationalError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from association.db import set_lock_timeout
from association.hygiene import has_control_characters
from payments.services import checkout_may_succeed, payable_open_checkouts

from . import emails, selectors
from .models import EventPage, Registration, TicketType

logger = logging.getLogger(__name__)

Status = Registration.Status

PAYMENT_HOLD = datetime.timedelta(minutes=30)
EMAIL_HOLD = datetime.timedelta(hours=24)
OFFER_HOLD = datetime.timedelta(hours=24)
# Stripe may deliver a payment's webhook a little after the session's end: a hold is
# released only this long after it ended (the "expired" webhook releases it at once).
RELEASE_GRACE = datetime.timedelta(minutes=5)


class RegistrationError(Exception):
    """A registration that cannot be made or changed; the message is for the person."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class RegistrationBusy(RegistrationError):
    """The ticket type's lock could not be taken in time: try again in a moment."""


class AlreadyRegistered(RegistrationError):
    """The address already has an active registration (``registration``) for the ticket type.

    Only a person who proved the address is theirs may be told so; anyone else could use the
    answer to learn who registered. ``registration_remind`` tells the address itself.
    """

    def __init__(self, registration: Registration):
        super().__init__(
            _("This e-mail address is already registered for this ticket."), field="email"
        )
        self.registration = registration


class CheckIn:
    VALID = "valid"
    ALREADY_USED = "already_used"
    CANCELLED = "cancelled"
    NOT_CONFIRMED = "not_confirmed"
    OTHER_EVENT = "other_event"
    UNKNOWN = "unknown"


def canonical_ticket_type(ticket_type: TicketType) -> TicketType:
    """The row places are counted on (see ``TicketType``)."""
    return (
        TicketType.objects.filter(translation_key=ticket_type.translation_key)
        .order_by("pk")
        .first()
    ) or ticket_type


def _lock_ticket_type(pk: int) -> TicketType:
    set_lock_timeout(settings.EVENTS_LOCK_TIMEOUT_MS)
    try:
        return TicketType.objects.select_for_update().select_related("page").get(pk=pk)
    except OperationalError as error:
        logger.info("Ticket type %s is busy: %s", pk, error)
        raise RegistrationBusy(
            _("Many people are registering right now. Please try again in a moment.")
        ) from error


def _places_taken(ticket_type: TicketType) -> int:
    return Registration.objects.filter(
        ticket_type=ticket_type, status__in=Registration.HOLDING
    ).count()


def _clean_person(*, name: str, email: str, organisation_name: str) -> tuple[str, str, str]:
    name = (name or "").strip()
    email = (email or "").strip()
    organisation_name = (organisation_name or "").strip()
    if not name:
        raise RegistrationError(_("Please give your name."), field="name")
    if any(c in name + organisation_name for c in "\r\n"):
        raise RegistrationError(_("Names cannot contain line breaks."), field="name")
    if has_control_characters(name + organisation_name):
        raise RegistrationError(_("Please remove the invisible control characters."), field="name")
    try:
        validate_email(email)
    except ValidationError as error:
        raise RegistrationError(_("Enter a valid e-mail address."), field="email") from error
    return name[:150], email, organisation_name[:200]


def _check_can_register(ticket_type: TicketType, event: EventPage, *, is_member, now):
    """What anyone may know about the ticket type; nothing here depends on the address."""
    if not event.live:
        raise RegistrationError(_("This event is not open for registration."))
    if event.start <= now:
        raise RegistrationError(_("This event has already started or taken place."))
    state = ticket_type.sale_state(now)
    if state == "upcoming":
        raise RegistrationError(_("Registration for this ticket has not opened yet."))
    if state == "closed":
        raise RegistrationError(_("Registration for this ticket has closed."))
    if ticket_type.members_only and not is_member:
        raise RegistrationError(
            _("This ticket is for members of the association. Sign in with a member account.")
        )


def _active_registration(ticket_type: TicketType, email: str) -> Registration | None:
    return (
        Registration.objects.filter(
            ticket_type=ticket_type, email__iexact=email, status__in=Registration.ACTIVE
        )
        .select_related("event", "ticket_type")
        .first()
    )


def registration_create(
    *,
    ticket_type: TicketType,
    name: str,
    email: str,
    organisation_name: str = "",
    user=None,
    is_member: bool = False,
    language: str = "",
    now: datetime.datetime | None = None,
) -> Registration:
    """Register a person: confirmed, held (for payment or e-mail confirmation) or waiting.

    A free place is confirmed at once only when ``user`` (the signed-in account) has
    verified ``email`` with allauth; anyone else holds it until they follow the link we mail
    to the address, so nobody can take places in someone else's name. A paid place is held
    for payment: briefly for a verified account, which goes straight to the checkout, for as
    long as an e-mail confirmation otherwise, since the pay link arrives by mail.

    Raises ``AlreadyRegistered`` when the address has an active registration for the ticket
    type, ``RegistrationError`` (nothing changed) or ``RegistrationBusy``. The checks that
    do not depend on the address come first, so a refusal says nothing about who registered.
    """
    now = now or timezone.now()
    name, email, organisation_name = _clean_person(
        name=name, email=email, organisation_name=organisation_name
    )
    canonical = canonical_ticket_type(ticket_type)
    email_confirmed = selectors.user_owns_verified_address(user, email)
    try:
        with transaction.atomic():
            locked = _lock_ticket_type(canonical.pk)
            event = locked.page
            _check_can_register(locked, event, is_member=is_member, now=now)
            has_place = _places_taken(locked) < locked.capacity
            if not has_place and not locked.waiting_list:
                raise RegistrationError(_("This ticket is sold out."))
            existing = _active_registration(locked, email)
            if existing is not None:
                raise AlreadyRegistered(existing)
            price = locked.price_for(is_member=is_member)
            registration = Registration(
                event=event,
                ticket_type=locked,
                user=user if email_confirmed else None,
                name=name,
                email=email,
                organisation_name=organisation_name,
                email_confirmed=email_confirmed,
                language=language or settings.LANGUAGE_CODE,
                price=price,
                is_member_price=is_member and locked.member_price is not None,
            )
            if has_place:
                _give_place(
                    registration, now=now, hold=PAYMENT_HOLD if email_confirmed else EMAIL_HOLD
                )
            else:
                registration.status = Status.WAITLISTED
            registration.full_clean(exclude=["code", "event", "ticket_type", "user"])
            registration.save()
    except IntegrityError as error:
        # The partial unique index caught a second registration made at the same moment.
        existing = _active_registration(canonical, email)
        if existing is None:
            raise RegistrationBusy(
                _("Many people are registering right now. Please try again in a moment.")
            ) from error
        raise AlreadyRegistered(existing) from error
    _announce(registration)
    return registration


def registration_remind(*, registration: Registration) -> None:
    """Someone asked to register an address that already has ``registration``: the address
    gets an e-mail with the link to it, and the person who asked learns nothing."""
    emails.send_already_registered(registration)


def _give_place(registration: Registration, *, now, hold: datetime.timedelta) -> None:
    """Set the status of a registration that has just been given a place."""
    if registration.price > 0:
        registration.status = Status.PENDING_PAYMENT
        registration.hold_expires_at = min(now + hold, registration.event.start)
    elif registration.email_confirmed:
        registration.status = Status.CONFIRMED
        registration.confirmed_at = now
        registration.hold_expires_at = None
    else:
        registration.status = Status.PENDING_EMAIL
        registration.hold_expires_at = min(now + EMAIL_HOLD, registration.event.start)


def _announce(registration: Registration) -> None:
    """The e-mail that goes with the registration's new status (sent after commit)."""
    if registration.status == Status.CONFIRMED:
        emails.send_confirmation(registration)
    elif registration.status == Status.PENDING_PAYMENT and not registration.email_confirmed:
        emails.send_payment_due(registration)
    elif registration.status == Status.PENDING_EMAIL:
        emails.send_email_check(registration)
    elif registration.status == Status.WAITLISTED:
        emails.send_waiting_list_notice(registration)


def _lock_registration(registration: Registration) -> tuple[TicketType, Registration]:
    """Lock the ticket type, then the registration: always in this order, so two services
    working on one ticket type can never deadlock."""
    ticket_type = _lock_ticket_type(registration.ticket_type_id)
    locked = (
        Registration.objects.select_for_update().select_related("event").get(pk=registration.pk)
    )
    return ticket_type, locked


def registration_confirm_email(*, registration: Registration, now=None) -> Registration:
    """The person clicked the link in our e-mail: their address is real."""
    now = now or timezone.now()
    with transaction.atomic():
        ticket_type, registration = _lock_registration(registration)
        if registration.status == Status.PENDING_EMAIL:
            if registration.hold_expires_at and registration.hold_expires_at < now:
                raise RegistrationError(
                    _("This link came too late: the place was held for 24 hours only.")
                )
            registration.status = Status.CONFIRMED
            registration.confirmed_at = now
            registration.hold_expires_at = None
            registration.email_confirmed = True
            registration.save(
                update_fields=["status", "confirmed_at", "hold_expires_at", "email_confirmed"]
            )
            emails.send_confirmation(registration)
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
    ticket_type, registration = _lock_registration(registration)
    if registration.status != Status.PENDING_PAYMENT:
        return False
    registration.status = Status.CONFIRMED
    registration.confirmed_at = now
    registration.hold_expires_at = None
    registration.email_confirmed = True
    registration.save(
        update_fields=["status", "confirmed_at", "hold_expires_at", "email_confirmed"]
    )
    emails.send_confirmation(registration)
    return True


def registration_extend_hold(*, registration: Registration, until: datetime.datetime) -> None:
    """A checkout session was opened for a held place: the hold lasts as long as the session,
    so the place is never given away while the person can still pay."""
    Registration.objects.filter(
        pk=registration.pk, status=Status.PENDING_PAYMENT, hold_expires_at__lt=until
    ).update(hold_expires_at=until)


def registration_cancel(
    *, registration: Registration, by_staff: bool = False, now=None
) -> Registration:
    """Cancel a registration and give its place to the first person waiting."""
    now = now or timezone.now()
    with transaction.atomic():
        ticket_type, registration = _lock_registration(registration)
        if not registration.can_cancel:
            if registration.status == Status.ATTENDED:
                raise RegistrationError(_("An attended registration cannot be cancelled."))
            raise RegistrationError(_("This registration is already cancelled."))
        if not by_staff and registration.event.start <= now:
            raise RegistrationError(
                _("The event has started; the registration cannot be cancelled.")
            )
        was_holding = registration.is_holding
        registration.status = Status.CANCELLED
        registration.cancelled_at = now
        registration.hold_expires_at = None
        registration.save(update_fields=["status", "cancelled_at", "hold_expires_at"])
        emails.send_cancellation(registration, by_staff=by_staff)
        if was_holding:
            _promote_waiting(ticket_type, now=now)
    return registration


def _promote_waiting(ticket_type: TicketType, *, now) -> list[Registration]:
    """Give free places to the people waiting, in the order they registered. Call with the
    ticket type locked."""
    free = ticket_type.capacity - _places_taken(ticket_type)
    if free <= 0 or ticket_type.page.start <= now:
        return []
    waiting = list(
        Registration.objects.select_for_update()
        .filter(ticket_type=ticket_type, status=Status.WAITLISTED)
        .select_related("event")
        .order_by("created_at", "pk")[:free]
    )
    for registration in waiting:
        _give_place(registration, now=now, hold=OFFER_HOLD)
        registration.save(update_fields=["status", "confirmed_at", "hold_expires_at"])
        emails.send_promotion(registration)
    return waiting


def waiting_list_promote(*, ticket_type: TicketType, now=None) -> list[Registration]:
    """Fill free places from the waiting list (after staff raise the capacity, for example)."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock_ticket_type(canonical_ticket_type(ticket_type).pk)
        return _promote_waiting(locked, now=now)


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
        ticket_type, registration = _lock_registration(registration)
        if registration.status not in (Status.PENDING_PAYMENT, Status.PENDING_EMAIL):
            return False
        # A checkout opened after Stripe was asked keeps the place too.
        if {payment.pk for payment in payable_open_checkouts(payable=registration)} - ended:
            return False
        registration.status = Status.EXPIRED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at"])
        emails.send_hold_expired(registration)
        _promote_waiting(ticket_type, now=now)
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


def registration_move(
    *, registration: Registration, ticket_type: TicketType, now=None
) -> Registration:
    """Staff move a person to another ticket type of the same event, if it has room."""
    now = now or timezone.now()
    target = canonical_ticket_type(ticket_type)
    if target.pk == registration.ticket_type_id:
        return registration
    if target.page_id != registration.event_id:
        raise RegistrationError(_("A registration can only move within its event."))
    with transaction.atomic():
        # Both ticket types are locked in primary-key order, never the other way round.
        first, second = sorted([registration.ticket_type_id, target.pk])
        locks = {first: _lock_ticket_type(first), second: _lock_ticket_type(second)}
        source, target = locks[registration.ticket_type_id], locks[target.pk]
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status not in Registration.ACTIVE:
            raise RegistrationError(_("Only an active registration can be moved."))
        if Registration.objects.filter(
            ticket_type=target, email__iexact=registration.email, status__in=Registration.ACTIVE
        ).exists():
            raise RegistrationError(_("This person is already registered for that ticket."))
        if registration.is_holding and _places_taken(target) >= target.capacity:
            raise RegistrationError(_("That ticket type has no free place."))
        registration.ticket_type = target
        registration.save(update_fields=["ticket_type"])
        _promote_waiting(source, now=now)
    return registration


def normalise_code(code: str) -> str:
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())[:16]


def registration_check_in(
    *, event: EventPage, code: str, now=None
) -> tuple[str, Registration | None]:
    """Scan at the door: mark a confirmed ticket attended and say what the code is."""
    now = now or timezone.now()
    code = normalise_code(code)
    if not code:
        return CheckIn.UNKNOWN, None
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update()
            .select_related("ticket_type", "event")
            .filter(code=code)
            .first()
        )
        if registration is None:
            return CheckIn.UNKNOWN, None
        if registration.event_id != event.pk:
            return CheckIn.OTHER_EVENT, registration
        if registration.status == Status.ATTENDED:
            return CheckIn.ALREADY_USED, registration
        if registration.status in (Status.CANCELLED, Status.EXPIRED):
            return CheckIn.CANCELLED, registration
        if registration.status != Status.CONFIRMED:
            return CheckIn.NOT_CONFIRMED, registration
        registration.status = Status.ATTENDED
        registration.attended_at = now
        registration.save(update_fields=["status", "attended_at"])
    return CheckIn.VALID, registration


def reminders_send(*, now=None) -> int:
    """Beat: remind confirmed people the day before their event, once each."""
    now = now or timezone.now()
    sent = 0
    with transaction.atomic():
        due = list(
            Registration.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                status=Status.CONFIRMED,
                reminded_at__isnull=True,
                event__start__gt=now,
                event__start__lte=now + datetime.timedelta(hours=24),
            )
            .select_related("event", "ticket_type")
        )
        for registration in due:
            registration.reminded_at = now
            registration.save(update_fields=["reminded_at"])
            emails.send_reminder(registration)
            sent += 1
    return sent
