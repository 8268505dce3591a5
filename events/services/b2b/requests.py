"""Meeting requests: sending one, and the other side accepting or declining it; either side
cancelling a request (and its meeting) later.

Both profiles are locked (primary-key order) before a request between them is written or
answered, so two requests crossing, or an acceptance racing another, never take a
participant past their cap; the partial unique index on the pair is the last word on
duplicates."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from association.hygiene import has_control_characters

from ... import emails, selectors
from ...models import B2BProfile, Meeting, MeetingRequest
from .common import (
    B2BError,
    accepted_count,
    lock_profiles,
    lock_request,
    takes_part,
    taking_part_ticket_keys,
)

Status = MeetingRequest.Status
MESSAGE_LIMIT = 1000


def _check_cap(profile: B2BProfile, *, own: bool) -> None:
    if profile.max_meetings is not None and accepted_count(profile) >= profile.max_meetings:
        if own:
            raise B2BError(
                _("You have as many meetings as you asked for: raise your limit in your profile.")
            )
        raise B2BError(
            _("%(name)s has as many meetings as they want.") % {"name": profile.display_name}
        )


def _check_pair(sender: B2BProfile, recipient: B2BProfile) -> None:
    """Refuse a second active request between the two (either direction), a request the
    other side declined already, and, where the session wants new partners only, two
    organisations that met at an earlier event."""
    between = MeetingRequest.objects.filter(
        from_profile__in=[sender.pk, recipient.pk], to_profile__in=[sender.pk, recipient.pk]
    )
    for existing in between:
        if existing.status in MeetingRequest.ACTIVE:
            if existing.from_profile_id == sender.pk:
                raise B2BError(
                    _("You have already asked %(name)s for a meeting.") % _names(recipient)
                )
            raise B2BError(
                _("%(name)s has already asked you for a meeting: answer their request.")
                % _names(recipient)
            )
        if existing.status == Status.DECLINED and existing.from_profile_id == sender.pk:
            raise B2BError(_("%(name)s declined your earlier request.") % _names(recipient))
    session = sender.session
    if session.no_repeat_pairs and sender.organisation_id and recipient.organisation_id:
        if sender.organisation_id == recipient.organisation_id:
            return
        met = selectors.b2b_organisation_pairs_met(
            before=session.event.start, organisations=[sender.organisation_id]
        )
        if frozenset((sender.organisation_id, recipient.organisation_id)) in met:
            raise B2BError(
                _(
                    "Your organisations met at an earlier event, and this session is for new "
                    "partners only."
                )
            )


def _names(profile: B2BProfile) -> dict:
    return {"name": profile.display_name}


def meeting_request_send(
    *,
    from_profile: B2BProfile,
    to_profile: B2BProfile,
    message: str = "",
    now: datetime.datetime | None = None,
) -> MeetingRequest:
    """Ask ``to_profile`` for a meeting. The other side is mailed after the commit."""
    now = now or timezone.now()
    message = (message or "").strip()
    if has_control_characters(message):
        raise B2BError(_("Please remove the invisible control characters."), field="message")
    if len(message) > MESSAGE_LIMIT:
        raise B2BError(
            _("Keep the message under %(limit)d characters.") % {"limit": MESSAGE_LIMIT},
            field="message",
        )
    if from_profile.pk == to_profile.pk or (
        from_profile.registration.user_id
        and from_profile.registration.user_id == to_profile.registration.user_id
    ):
        raise B2BError(_("You cannot ask yourself for a meeting."))
    if from_profile.session_id != to_profile.session_id:
        raise B2BError(_("This participant does not take part in these B2B meetings."))
    try:
        with transaction.atomic():
            profiles = lock_profiles(from_profile.pk, to_profile.pk)
            sender, recipient = profiles[from_profile.pk], profiles[to_profile.pk]
            session = sender.session
            _check_window(session, now)
            keys = taking_part_ticket_keys(session)
            if not takes_part(session, sender.registration, keys=keys):
                raise B2BError(_("Your registration for this event is not confirmed."))
            if not takes_part(session, recipient.registration, keys=keys) or not (
                recipient.is_visible
            ):
                raise B2BError(_("This participant does not take part in these B2B meetings."))
            _check_pair(sender, recipient)
            _check_cap(sender, own=True)
            _check_cap(recipient, own=False)
            request = MeetingRequest(
                session=session, from_profile=sender, to_profile=recipient, message=message
            )
            request.full_clean(exclude=["session", "from_profile", "to_profile"])
            request.save()
            emails.send_b2b_request_received(request)
    except IntegrityError as error:
        # The other side asked at the same moment: their request stands.
        raise B2BError(
            _("%(name)s has already asked you for a meeting: answer their request.")
            % _names(to_profile)
        ) from error
    return request


def _check_window(session, now) -> None:
    if not session.enabled:
        raise B2BError(_("B2B meetings are not open for this event."))
    state = session.requests_state(now)
    if state == "upcoming":
        raise B2BError(_("Meeting requests have not opened yet."))
    if state == "closed":
        raise B2BError(_("Meeting requests have closed."))


def _lock_for_answer(request: MeetingRequest) -> tuple[MeetingRequest, B2BProfile, B2BProfile]:
    profiles = lock_profiles(request.from_profile_id, request.to_profile_id)
    locked = lock_request(request.pk)
    return locked, profiles[request.from_profile_id], profiles[request.to_profile_id]


def _check_answerer(request: MeetingRequest, by_profile: B2BProfile | None) -> None:
    """Only the person asked answers (``by_profile``; ``None`` for staff)."""
    if by_profile is not None and by_profile.pk != request.to_profile_id:
        raise B2BError(_("Only the person asked can answer this request."))


def meeting_request_accept(
    *, request: MeetingRequest, by_profile: B2BProfile | None, now=None
) -> bool:
    """Accept a request. Accepting twice changes nothing (whether this call accepted it is
    returned); a request no longer pending, a participant no longer taking part or a cap
    reached is refused. The asker is mailed after the commit."""
    now = now or timezone.now()
    with transaction.atomic():
        locked, sender, recipient = _lock_for_answer(request)
        _check_answerer(locked, by_profile)
        if locked.status == Status.ACCEPTED:
            return False
        if locked.status == Status.DECLINED:
            raise B2BError(_("You declined this request already."))
        if locked.status == Status.CANCELLED:
            raise B2BError(_("This request was cancelled."))
        session = sender.session
        if now >= session.slot_end(session.slot_count - 1):
            raise B2BError(_("The B2B meetings are over."))
        keys = taking_part_ticket_keys(session)
        if not takes_part(session, sender.registration, keys=keys):
            raise B2BError(
                _("%(name)s no longer takes part in these B2B meetings.") % _names(sender)
            )
        if not takes_part(session, recipient.registration, keys=keys):
            raise B2BError(_("Your registration for this event is not confirmed."))
        _check_cap(recipient, own=True)
        _check_cap(sender, own=False)
        locked.status = Status.ACCEPTED
        locked.decided_at = now
        locked.save(update_fields=["status", "decided_at"])
        emails.send_b2b_request_answered(locked)
    return True


def meeting_request_decline(
    *, request: MeetingRequest, by_profile: B2BProfile | None, now=None
) -> bool:
    """Decline a pending request (declining twice changes nothing). An accepted one is
    cancelled instead (``meeting_request_cancel``)."""
    now = now or timezone.now()
    with transaction.atomic():
        locked, _sender, _recipient = _lock_for_answer(request)
        _check_answerer(locked, by_profile)
        if locked.status == Status.DECLINED:
            return False
        if locked.status == Status.ACCEPTED:
            raise B2BError(
                _("You accepted this request already; cancel the meeting if you cannot come.")
            )
        if locked.status == Status.CANCELLED:
            raise B2BError(_("This request was cancelled."))
        locked.status = Status.DECLINED
        locked.decided_at = now
        locked.save(update_fields=["status", "decided_at"])
        emails.send_b2b_request_answered(locked)
    return True


def meeting_request_cancel(*, request: MeetingRequest, by_profile: B2BProfile, now=None) -> bool:
    """Either side calls a request off: the asker a pending one, either side an accepted one,
    whose meeting, if placed, is cancelled; the other side is mailed. Whether this call
    cancelled it."""
    now = now or timezone.now()
    with transaction.atomic():
        locked, sender, recipient = _lock_for_answer(request)
        if by_profile.pk not in (sender.pk, recipient.pk):
            raise B2BError(_("This request is not yours."))
        if locked.status == Status.CANCELLED:
            return False
        if locked.status == Status.DECLINED:
            raise B2BError(_("This request was declined."))
        if locked.status == Status.PENDING and by_profile.pk != sender.pk:
            raise B2BError(_("Decline the request instead."))
        cancel_request(locked, by=by_profile, reason=Meeting.CancelReason.WITHDRAWN, now=now)
    return True


def cancel_request(
    request: MeetingRequest, *, by: B2BProfile | None, reason: str, now, notify: bool = True
) -> None:
    """Cancel a locked active request and its meeting; mail the side that did not cancel
    when it had been accepted. The caller holds the profiles' locks."""
    was_accepted = request.status == Status.ACCEPTED
    request.status = Status.CANCELLED
    request.decided_at = request.decided_at or now
    request.save(update_fields=["status", "decided_at"])
    meeting = Meeting.objects.select_for_update().filter(request=request).first()
    if meeting is not None and meeting.status == Meeting.Status.PLACED:
        meeting.status = Meeting.Status.CANCELLED
        meeting.cancel_reason = reason
        meeting.cancelled_by = by
        meeting.cancelled_at = now
        meeting.save(update_fields=["status", "cancel_reason", "cancelled_by", "cancelled_at"])
    if notify and was_accepted:
        for side in (request.from_profile, request.to_profile):
            if by is None or side.pk != by.pk:
                emails.send_b2b_meeting_cancelled(request, recipient=side, reason=reason)
