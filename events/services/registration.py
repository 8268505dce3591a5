"""Registering: a person takes a place (confirmed or held) or joins the waiting list, under
the ticket type's lock; an address that is already registered is reminded by mail."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from association.hygiene import has_control_characters

from .. import emails, selectors
from ..models import EventPage, Registration, TicketType
from .errors import AlreadyRegistered, RegistrationBusy, RegistrationError
from .places import (
    EMAIL_HOLD,
    PAYMENT_HOLD,
    canonical_ticket_type,
    give_place,
    lock_ticket_type,
    places_taken,
)

Status = Registration.Status


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
    canonical: TicketType | None = None,
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
    ``canonical``: the row places are counted on, when the caller has it already
    (``selectors.ticket_rows``).

    Everyone registering for a ticket type waits for its lock, so the lock is held for as
    little as can be: what can be read or checked without it is done before (the address's
    registration, read again by the partial unique index when the row is written), the mail
    after the commit. Under the lock: the count, the checks on the locked row, one insert.
    """
    now = now or timezone.now()
    name, email, organisation_name = _clean_person(
        name=name, email=email, organisation_name=organisation_name
    )
    canonical = canonical or canonical_ticket_type(ticket_type)
    email_confirmed = selectors.user_owns_verified_address(user=user, email=email)
    existing = _active_registration(canonical, email)
    try:
        with transaction.atomic():
            locked = lock_ticket_type(canonical.pk)
            has_place = _has_place(locked, existing=existing, is_member=is_member, now=now)
            registration = _new_registration(
                locked,
                user=user if email_confirmed else None,
                name=name,
                email=email,
                organisation_name=organisation_name,
                email_confirmed=email_confirmed,
                language=language,
                is_member=is_member,
            )
            if has_place:
                hold = PAYMENT_HOLD if email_confirmed else EMAIL_HOLD
                give_place(registration, now=now, hold=hold)
            else:
                registration.status = Status.WAITLISTED
            registration.full_clean(exclude=["code", "event", "ticket_type", "user"])
            registration.save()
    except IntegrityError as error:
        raise _second_registration(canonical, email) from error
    _announce(registration)
    return registration


def _has_place(locked: TicketType, *, existing: Registration | None, is_member: bool, now) -> bool:
    """With the ticket type locked: whether a place is free (else the person waits). Refuses
    what anyone may be told first, the address's own registration (``existing``, read just
    before the lock) last."""
    _check_can_register(locked, locked.page, is_member=is_member, now=now)
    has_place = places_taken(locked) < locked.capacity
    if not has_place and not locked.waiting_list:
        raise RegistrationError(_("This ticket is sold out."))
    if existing is not None:
        raise AlreadyRegistered(existing)
    return has_place


def _new_registration(
    locked: TicketType,
    *,
    user,
    name: str,
    email: str,
    organisation_name: str,
    email_confirmed: bool,
    language: str,
    is_member: bool,
) -> Registration:
    """The unsaved registration for the locked ticket type, at the person's price."""
    return Registration(
        event=locked.page,
        ticket_type=locked,
        user=user,
        name=name,
        email=email,
        organisation_name=organisation_name,
        email_confirmed=email_confirmed,
        language=language or settings.LANGUAGE_CODE,
        price=locked.price_for(is_member=is_member),
        is_member_price=is_member and locked.member_price is not None,
    )


def _second_registration(canonical: TicketType, email: str) -> RegistrationError:
    """What to raise when the partial unique index caught a second registration made at the
    same moment: the one that won, or "try again" when it is gone already."""
    existing = _active_registration(canonical, email)
    if existing is None:
        return RegistrationBusy(
            _("Many people are registering right now. Please try again in a moment.")
        )
    return AlreadyRegistered(existing)


def registration_remind(*, registration: Registration) -> None:
    """Someone asked to register an address that already has ``registration``: the address
    gets an e-mail with the link to it, and the person who asked learns nothing."""
    emails.send_already_registered(registration)


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
