"""What every B2B service shares: its errors, the locks, and who takes part."""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import OperationalError
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from association.db import set_lock_timeout

from ...models import B2BProfile, B2BSession, Meeting, MeetingRequest, Registration

logger = logging.getLogger("events.services")


class B2BError(Exception):
    """A B2B action that cannot be done; the message is for the person, nothing changed."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class B2BBusy(B2BError):
    """A lock could not be taken in time (another person or staff member is acting on the
    same rows): try again in a moment."""


def busy() -> B2BBusy:
    return B2BBusy(_("Someone else is changing this right now. Please try again in a moment."))


def lock_profiles(*pks: int) -> dict[int, B2BProfile]:
    """Lock the profiles, always in primary-key order so two services never deadlock."""
    set_lock_timeout(settings.EVENTS_LOCK_TIMEOUT_MS)
    try:
        rows = list(
            B2BProfile.objects.select_for_update(of=("self",))
            .select_related("registration", "session", "organisation")
            .filter(pk__in=pks)
            .order_by("pk")
        )
    except OperationalError as error:
        logger.info("B2B profiles %s are busy: %s", pks, error)
        raise busy() from error
    return {profile.pk: profile for profile in rows}


def lock_request(pk: int) -> MeetingRequest:
    return MeetingRequest.objects.select_for_update(of=("self",)).get(pk=pk)


def taking_part_ticket_keys(session: B2BSession) -> set:
    """The translation keys of the ticket types whose holders take part; empty: every one."""
    return set(session.ticket_types.values_list("translation_key", flat=True))


def takes_part(session: B2BSession, registration: Registration, *, keys: set | None = None) -> bool:
    """Whether ``registration`` is a participant of ``session``: confirmed (or checked in) for
    the session's event, with one of its ticket types."""
    if registration.event_id != session.event_id:
        return False
    if registration.status not in Registration.ATTENDING:
        return False
    keys = taking_part_ticket_keys(session) if keys is None else keys
    return not keys or registration.ticket_type.translation_key in keys


def accepted_count(profile: B2BProfile) -> int:
    """The profile's accepted requests whose meeting still stands (or is still to be placed):
    what its cap counts."""
    return (
        MeetingRequest.objects.filter(status=MeetingRequest.Status.ACCEPTED)
        .filter(Q(from_profile=profile) | Q(to_profile=profile))
        .exclude(meeting__status="cancelled")
        .count()
    )


def placed_meetings_of(profile: B2BProfile):
    return Meeting.objects.filter(status=Meeting.Status.PLACED).filter(
        Q(profile_a=profile) | Q(profile_b=profile)
    )


def slot_time(session: B2BSession, slot: int) -> str:
    """A slot's start as people read it (Belgrade time, the language's format)."""
    return formats.time_format(timezone.localtime(session.slot_start(slot)), "TIME_FORMAT")
