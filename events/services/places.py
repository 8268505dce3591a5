"""Places, counted under a row lock on the canonical ``TicketType``: the locks (always the
ticket type first, then the registration), counting, giving a place, promoting the waiting
list, and moving a registration to another ticket type."""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.db import OperationalError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from association.db import set_lock_timeout

from .. import emails
from ..models import Registration, TicketType
from .errors import RegistrationBusy, RegistrationError

# The name the module had before it became a package, so the log reads the same.
logger = logging.getLogger("events.services")

Status = Registration.Status

PAYMENT_HOLD = datetime.timedelta(minutes=30)
EMAIL_HOLD = datetime.timedelta(hours=24)
OFFER_HOLD = datetime.timedelta(hours=24)


def canonical_ticket_type(ticket_type: TicketType) -> TicketType:
    """The row places are counted on (see ``TicketType``)."""
    return (
        TicketType.objects.filter(translation_key=ticket_type.translation_key)
        .order_by("pk")
        .first()
    ) or ticket_type


def lock_ticket_type(pk: int) -> TicketType:
    set_lock_timeout(settings.EVENTS_LOCK_TIMEOUT_MS)
    try:
        return TicketType.objects.select_for_update().select_related("page").get(pk=pk)
    except OperationalError as error:
        logger.info("Ticket type %s is busy: %s", pk, error)
        raise RegistrationBusy(
            _("Many people are registering right now. Please try again in a moment.")
        ) from error


def places_taken(ticket_type: TicketType) -> int:
    return Registration.objects.filter(
        ticket_type=ticket_type, status__in=Registration.HOLDING
    ).count()


def give_place(registration: Registration, *, now, hold: datetime.timedelta) -> None:
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


def lock_registration(registration: Registration) -> tuple[TicketType, Registration]:
    """Lock the ticket type, then the registration: always in this order, so two services
    working on one ticket type can never deadlock."""
    ticket_type = lock_ticket_type(registration.ticket_type_id)
    locked = (
        Registration.objects.select_for_update().select_related("event").get(pk=registration.pk)
    )
    return ticket_type, locked


def promote_waiting(ticket_type: TicketType, *, now) -> list[Registration]:
    """Give free places to the people waiting, in the order they registered. Call with the
    ticket type locked."""
    free = ticket_type.capacity - places_taken(ticket_type)
    if free <= 0 or ticket_type.page.start <= now:
        return []
    waiting = list(
        Registration.objects.select_for_update()
        .filter(ticket_type=ticket_type, status=Status.WAITLISTED)
        .select_related("event")
        .order_by("created_at", "pk")[:free]
    )
    for registration in waiting:
        give_place(registration, now=now, hold=OFFER_HOLD)
        registration.save(update_fields=["status", "confirmed_at", "hold_expires_at"])
        emails.send_promotion(registration)
    return waiting


def waiting_list_promote(*, ticket_type: TicketType, now=None) -> list[Registration]:
    """Fill free places from the waiting list (after staff raise the capacity, for example)."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = lock_ticket_type(canonical_ticket_type(ticket_type).pk)
        return promote_waiting(locked, now=now)


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
        locks = {first: lock_ticket_type(first), second: lock_ticket_type(second)}
        source, target = locks[registration.ticket_type_id], locks[target.pk]
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status not in Registration.ACTIVE:
            raise RegistrationError(_("Only an active registration can be moved."))
        if Registration.objects.filter(
            ticket_type=target, email__iexact=registration.email, status__in=Registration.ACTIVE
        ).exists():
            raise RegistrationError(_("This person is already registered for that ticket."))
        if registration.is_holding and places_taken(target) >= target.capacity:
            raise RegistrationError(_("That ticket type has no free place."))
        registration.ticket_type = target
        registration.save(update_fields=["ticket_type"])
        promote_waiting(source, now=now)
    return registration
