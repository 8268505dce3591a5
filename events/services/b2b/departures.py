"""A participant leaves: their registration is cancelled (``registration_cancel`` calls in,
in its own transaction), or they did not come to the door. Their meetings are cancelled and
the other side is told."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ... import emails
from ...models import B2BProfile, B2BSession, Meeting, MeetingRequest, Registration
from .common import lock_profiles
from .requests import cancel_request

# How long after the first meeting starts a participant who has not checked in is a no-show.
NO_SHOW_GRACE = datetime.timedelta(minutes=15)


def b2b_registration_left(*, registration: Registration, now=None) -> int:
    """The registration was cancelled: its profiles are hidden, their active requests and
    meetings cancelled, and everyone who had accepted a meeting with them is mailed. Called
    inside the cancelling transaction (which holds the registration's lock). How many
    requests were cancelled."""
    now = now or timezone.now()
    profile_ids = list(
        B2BProfile.objects.filter(registration=registration).values_list("pk", flat=True)
    )
    if not profile_ids:
        return 0
    cancelled = 0
    with transaction.atomic():
        requests = list(
            MeetingRequest.objects.filter(status__in=MeetingRequest.ACTIVE).filter(
                Q(from_profile__in=profile_ids) | Q(to_profile__in=profile_ids)
            )
        )
        others = {r.from_profile_id for r in requests} | {r.to_profile_id for r in requests}
        profiles = lock_profiles(*profile_ids, *others)
        for request in (
            MeetingRequest.objects.select_for_update(of=("self",))
            .filter(pk__in=[r.pk for r in requests], status__in=MeetingRequest.ACTIVE)
            .select_related("from_profile__registration", "to_profile__registration")
        ):
            leaving = profiles[
                request.from_profile_id
                if request.from_profile_id in profile_ids
                else request.to_profile_id
            ]
            cancel_request(request, by=leaving, reason=Meeting.CancelReason.REGISTRATION, now=now)
            cancelled += 1
        B2BProfile.objects.filter(pk__in=profile_ids).update(is_visible=False)
    return cancelled


def b2b_no_shows_mark(*, session: B2BSession, now=None) -> int:
    """Once the meetings have begun (``NO_SHOW_GRACE`` after the first), a participant with
    placed meetings who has not checked in is a no-show: their meetings are cancelled and the
    other side is mailed. Only where the door checks people in (someone has been), so an
    event without check-in loses nothing. Safe to run again. How many meetings it
    cancelled."""
    now = now or timezone.now()
    if now < session.first_slot_start + NO_SHOW_GRACE:
        return 0
    if not Registration.objects.filter(
        event_id=session.event_id, status=Registration.Status.ATTENDED
    ).exists():
        return 0
    absent = Q(profile_a__registration__status=Registration.Status.CONFIRMED) | Q(
        profile_b__registration__status=Registration.Status.CONFIRMED
    )
    cancelled = 0
    with transaction.atomic():
        meetings = list(
            Meeting.objects.select_for_update(of=("self",))
            .filter(session=session, status=Meeting.Status.PLACED)
            .filter(absent)
            .select_related("profile_a__registration", "profile_b__registration", "request")
        )
        for meeting in meetings:
            sides = (meeting.profile_a, meeting.profile_b)
            missing = [p for p in sides if p.registration.status == Registration.Status.CONFIRMED]
            meeting.status = Meeting.Status.CANCELLED
            meeting.cancel_reason = Meeting.CancelReason.NO_SHOW
            meeting.cancelled_by = missing[0]
            meeting.cancelled_at = now
            meeting.save(update_fields=["status", "cancel_reason", "cancelled_by", "cancelled_at"])
            for side in sides:
                if side not in missing:
                    emails.send_b2b_meeting_cancelled(
                        meeting.request, recipient=side, reason=Meeting.CancelReason.NO_SHOW
                    )
            cancelled += 1
    return cancelled
