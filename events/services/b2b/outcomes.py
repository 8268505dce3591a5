"""What came of a meeting, as each side records it after the event: a rating from 1 to 5 and
a result, with a note. One outcome per meeting and side (a unique constraint), which the
side may change; nothing before the event starts, and only for a meeting that took place
(placed, not cancelled)."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from association.hygiene import has_control_characters

from ...models import B2BProfile, Meeting, MeetingOutcome
from .common import B2BError

NOTE_LIMIT = 2000


def outcomes_open(*, meeting: Meeting, now: datetime.datetime | None = None) -> bool:
    """Whether outcomes may be recorded for the meeting's event: once it has started."""
    return (now or timezone.now()) >= meeting.session.event.start


def meeting_outcome_record(
    *,
    meeting: Meeting,
    profile: B2BProfile,
    rating: int,
    result: str,
    note: str = "",
    now: datetime.datetime | None = None,
) -> MeetingOutcome:
    """Record (or change) ``profile``'s outcome of ``meeting``. Refused, nothing changed, when
    the profile is not a side of the meeting, the meeting was cancelled, or the event has not
    started yet."""
    note = (note or "").strip()
    if has_control_characters(note):
        raise B2BError(_("Please remove the invisible control characters."), field="note")
    if len(note) > NOTE_LIMIT:
        raise B2BError(
            _("Keep the note under %(limit)d characters.") % {"limit": NOTE_LIMIT}, field="note"
        )
    with transaction.atomic():
        # The meeting's row: a side recording twice at once writes one outcome.
        locked = (
            Meeting.objects.select_for_update(of=("self",))
            .select_related("session__event")
            .get(pk=meeting.pk)
        )
        if profile.pk not in (locked.profile_a_id, locked.profile_b_id):
            raise B2BError(_("This meeting is not yours."))
        if locked.status != Meeting.Status.PLACED:
            raise B2BError(_("This meeting was cancelled: there is nothing to record."))
        if not outcomes_open(meeting=locked, now=now):
            raise B2BError(_("Outcomes can be recorded once the event has started."))
        outcome = MeetingOutcome.objects.filter(meeting=locked, profile=profile).first()
        if outcome is None:
            outcome = MeetingOutcome(meeting=locked, profile=profile)
        outcome.rating = rating
        outcome.result = result
        outcome.note = note
        outcome.full_clean(exclude=["meeting", "profile"])
        try:
            with transaction.atomic():
                outcome.save()
        except IntegrityError as error:
            raise B2BError(_("Your outcome of this meeting is recorded already.")) from error
    return outcome
