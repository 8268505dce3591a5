"""The door: scanning a ticket's code marks a confirmed registration attended, once."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from ..models import EventPage, Registration

Status = Registration.Status


class CheckIn:
    VALID = "valid"
    ALREADY_USED = "already_used"
    CANCELLED = "cancelled"
    NOT_CONFIRMED = "not_confirmed"
    OTHER_EVENT = "other_event"
    UNKNOWN = "unknown"


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
