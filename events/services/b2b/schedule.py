"""Placing accepted requests into slot x table (``events.scheduling`` solves), sending the
agendas, and staff changing a session's slots and tables.

The session's row is the scheduling lock: a run takes it with NOWAIT for its whole
transaction, so a second staff member pressing "schedule" meanwhile is told at once that a
run is under way, and nothing is written twice. Changing the session's slots or tables takes
the same lock (waiting briefly), so it can never slip between a run's reading and writing.
While solving, nothing else waits: profiles are locked only to write, and each placement is
checked again then (request still accepted, both still taking part and free in that slot)."""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from association.db import set_lock_timeout

from ... import emails, scheduling, selectors
from ...models import B2BProfile, B2BSession, Meeting, MeetingRequest, TicketType
from .common import B2BBusy, B2BError, busy, lock_profiles, slot_time, taking_part_ticket_keys
from .common import takes_part as registration_takes_part

logger = logging.getLogger("events.services")

SCHEDULE_TIME_LIMIT = 8.0


@dataclass(frozen=True)
class ScheduleResult:
    placed: int  # meetings placed, those kept included
    kept: int  # confirmed meetings that stayed where they were
    unplaced: int  # accepted requests the schedule has no room for
    upper_bound: int
    optimal: bool
    solver: str


def _lock_session_nowait(session: B2BSession) -> B2BSession:
    try:
        return (
            B2BSession.objects.select_for_update(nowait=True)
            .select_related("event")
            .get(pk=session.pk)
        )
    except OperationalError as error:
        raise B2BBusy(
            _(
                "Another staff member is scheduling these meetings right now. Wait for their "
                "schedule, then look at it."
            )
        ) from error


def _lock_session(session: B2BSession) -> B2BSession:
    set_lock_timeout(settings.EVENTS_LOCK_TIMEOUT_MS)
    try:
        return B2BSession.objects.select_for_update().select_related("event").get(pk=session.pk)
    except OperationalError as error:
        raise busy() from error


def _schedulable(session: B2BSession):
    """The accepted requests of the session whose meeting is still to be placed or placed;
    a request whose meeting was cancelled stays out."""
    return (
        MeetingRequest.objects.filter(session=session, status=MeetingRequest.Status.ACCEPTED)
        .exclude(meeting__status=Meeting.Status.CANCELLED)
        .select_related(
            "from_profile__registration__ticket_type",
            "to_profile__registration__ticket_type",
            "meeting",
        )
        .order_by("pk")
    )


def _problem(session: B2BSession, requests: list[MeetingRequest]) -> scheduling.Problem:
    """The solver's problem; ``requests`` is cut down to those it holds, in its order. Left
    out: a request a side of which no longer takes part or has no free slot, and one whose
    confirmed meeting no longer fits the grid or a side's slots (staff moved it by hand past
    the rules the services keep): that meeting stays as it is, its seat blocked."""
    keys = taking_part_ticket_keys(session)
    meeting_slots = set(session.meeting_slots)
    free: dict[int, frozenset[int]] = {}
    caps: dict[int, int] = {}
    pairs, fixed, blocked = [], {}, set()
    usable: list[MeetingRequest] = []
    for request in requests:
        sides = (request.from_profile, request.to_profile)
        if not all(registration_takes_part(session, p.registration, keys=keys) for p in sides):
            continue
        for profile in sides:
            profile.session = session
            free.setdefault(profile.pk, frozenset(profile.free_slots()))
        meeting = getattr(request, "meeting", None)
        if meeting is not None and meeting.confirmed and meeting.status == Meeting.Status.PLACED:
            if (
                meeting.slot in meeting_slots
                and meeting.table <= session.table_count
                and all(meeting.slot in free[p.pk] for p in sides)
            ):
                fixed[len(usable)] = (meeting.slot, meeting.table - 1)
            else:
                if meeting.slot < session.slot_count and meeting.table <= session.table_count:
                    blocked.add((meeting.slot, meeting.table - 1))
                continue
        elif not all(free[p.pk] for p in sides):
            continue
        for profile in sides:
            if profile.max_meetings is not None:
                caps[profile.pk] = profile.max_meetings
        usable.append(request)
        pairs.append((request.from_profile_id, request.to_profile_id))
    requests[:] = usable
    used = {pk for pair in pairs for pk in pair}
    return scheduling.Problem(
        slots=session.slot_count,
        tables=session.table_count,
        availability={pk: slots for pk, slots in free.items() if pk in used},
        requests=pairs,
        fixed=fixed,
        caps=caps,
        blocked=frozenset(blocked),
    )


def b2b_schedule(
    *,
    session: B2BSession,
    time_limit: float = SCHEDULE_TIME_LIMIT,
    publish: bool = False,
    now: datetime.datetime | None = None,
) -> ScheduleResult:
    """Place the accepted requests: nobody in two places at once, each meeting in a slot both
    sides are free, one meeting per table and slot, as many meetings as can be. Confirmed
    meetings stay where they are; the others may move. ``publish``: confirm every placed
    meeting and mail the agendas (``b2b_agendas_send``). Raises ``B2BBusy`` while another
    run holds the session."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock_session_nowait(session)
        requests = list(_schedulable(locked))
        problem = _problem(locked, requests)
        try:
            solution = scheduling.schedule(problem, time_limit=time_limit)
        except ValueError as error:
            # Confirmed meetings that break a rule themselves (a cap lowered under them by
            # hand, say): staff move or cancel them first.
            logger.warning("B2B session %s cannot be scheduled: %s", locked.pk, error)
            raise B2BError(
                _("The confirmed meetings break a rule (%(error)s): move or cancel them first.")
                % {"error": error}
            ) from error
        problems = scheduling.violations(problem, solution.placed)
        if problems:
            # The solver is held to the rules by its tests; a schedule breaking them is never
            # written.
            logger.error("B2B session %s: the schedule breaks its rules: %s", locked.pk, problems)
            raise B2BError(_("The schedule could not be made. Nothing was changed."))
        kept, written = _write(locked, requests, problem, solution.placed)
        locked.scheduled_at = now
        locked.schedule_version += 1
        locked.save(update_fields=["scheduled_at", "schedule_version"])
        if publish:
            _publish(locked)
    placed = kept + written
    return ScheduleResult(
        placed=placed,
        kept=kept,
        unplaced=len(requests) - placed,
        upper_bound=solution.upper_bound,
        optimal=solution.optimal,
        solver=solution.solver,
    )


def _write(session, requests, problem, placed: dict[int, tuple[int, int]]) -> tuple[int, int]:
    """Write the new schedule: unconfirmed meetings are replaced, confirmed ones kept. The
    profiles are locked and each placement checked again first (what changed while the
    solver ran is left out, to be placed by the next run)."""
    profile_ids = {pk for pair in problem.requests for pk in pair}
    profiles = lock_profiles(*profile_ids)
    fresh = {
        request.pk: request
        for request in MeetingRequest.objects.filter(
            pk__in=[r.pk for r in requests], status=MeetingRequest.Status.ACCEPTED
        )
    }
    keys = taking_part_ticket_keys(session)
    Meeting.objects.filter(session=session, confirmed=False, status=Meeting.Status.PLACED).delete()
    kept = written = 0
    for index, (slot, table) in sorted(placed.items(), key=lambda item: item[1]):
        request = requests[index]
        if index in problem.fixed:
            kept += 1
            continue
        sides = [profiles.get(request.from_profile_id), profiles.get(request.to_profile_id)]
        if request.pk not in fresh or not all(
            side is not None
            and registration_takes_part(session, side.registration, keys=keys)
            and slot in _free(side, session)
            for side in sides
        ):
            continue
        meeting = Meeting(
            session=session,
            request=request,
            profile_a=sides[0],
            profile_b=sides[1],
            slot=slot,
            table=table + 1,
        )
        meeting.full_clean(exclude=["session", "request", "profile_a", "profile_b"])
        try:
            with transaction.atomic():
                meeting.save()
        except IntegrityError:
            # A meeting the solver did not know of holds the seat: this one waits for the
            # next run rather than double-booking anyone.
            logger.warning("B2B session %s: request %s not placed", session.pk, request.pk)
            continue
        written += 1
    return kept, written


def _free(profile: B2BProfile, session: B2BSession) -> set[int]:
    profile.session = session
    return profile.free_slots()


def b2b_agendas_send(*, session: B2BSession) -> int:
    """Confirm every placed meeting (they stay put from now on) and mail each participant
    with a meeting their agenda with the calendar file. How many agendas were queued."""
    with transaction.atomic():
        locked = _lock_session(session)
        return _publish(locked)


def _publish(session: B2BSession) -> int:
    meetings = Meeting.objects.filter(session=session, status=Meeting.Status.PLACED)
    meetings.filter(confirmed=False).update(confirmed=True)
    profile_ids = set(meetings.values_list("profile_a", flat=True)) | set(
        meetings.values_list("profile_b", flat=True)
    )
    profiles = B2BProfile.objects.filter(pk__in=profile_ids).select_related("registration")
    for profile in profiles:
        emails.send_b2b_agenda(profile)
    return len(profile_ids)


def b2b_session_save(
    *, session: B2BSession, ticket_types: list[TicketType] | None = None
) -> B2BSession:
    """Create or change a session (the unsaved ``session`` carries the new values). Once
    meetings are placed, slots, breaks and tables may change only while every placed meeting
    still fits: a slot or table that holds one cannot go."""
    with transaction.atomic():
        if session.pk is not None:
            locked = _lock_session(session)
            _refuse_misplacing(session)
            # What only scheduling writes is taken from the row, never from the form's copy;
            # a changed grid is another schedule, so screens showing the old one can tell.
            session.scheduled_at = locked.scheduled_at
            session.schedule_version = locked.schedule_version + 1
        session.full_clean(exclude=["event", "agenda_session"])
        if selectors.canonical_event(page=session.event).pk != session.event_id:
            # Registrations hang on the original page; a translation's session would have none.
            raise B2BError(_("Set up B2B meetings on the event's original page."), field="event")
        if session.agenda_session_id and session.agenda_session.page_id != session.event_id:
            raise B2BError(_("Choose a session of this event's agenda."), field="agenda_session")
        try:
            session.save()
        except IntegrityError as error:
            raise B2BError(_("This event has B2B meetings already.")) from error
        if ticket_types is not None:
            session.ticket_types.set(ticket_types)
    return session


def _refuse_misplacing(session: B2BSession) -> None:
    placed = Meeting.objects.filter(session=session, status=Meeting.Status.PLACED)
    breaks = [slot for slot in session.break_slots or [] if isinstance(slot, int)]
    outside = placed.filter(
        Q(slot__gte=session.slot_count) | Q(table__gt=session.table_count) | Q(slot__in=breaks)
    )
    count = outside.count()
    if count:
        first = outside.order_by("slot", "table").first()
        raise B2BError(
            ngettext(
                "%(count)d placed meeting (table %(table)d at %(time)s) would fall outside the "
                "slots and tables; move or cancel it first.",
                "%(count)d placed meetings (the first at table %(table)d, %(time)s) would fall "
                "outside the slots and tables; move or cancel them first.",
                count,
            )
            % {"count": count, "table": first.table, "time": slot_time(session, first.slot)}
        )


def meeting_move(*, meeting: Meeting, slot: int, table: int) -> Meeting:
    """Staff move a placed meeting by hand. Refused (nothing changed) when the slot is a
    break or outside the session, a side is not free then or has another meeting, or the
    table is taken. Under the session's lock, like a scheduling run."""
    with transaction.atomic():
        session = _lock_session(meeting.session)
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if locked.status != Meeting.Status.PLACED:
            raise B2BError(_("Only a placed meeting can be moved."))
        if slot not in session.meeting_slots:
            raise B2BError(_("Choose one of the session's meeting slots."), field="slot")
        if not 1 <= table <= session.table_count:
            raise B2BError(_("Choose one of the session's tables."), field="table")
        profiles = lock_profiles(locked.profile_a_id, locked.profile_b_id)
        others = Meeting.objects.filter(session=session, status=Meeting.Status.PLACED, slot=slot)
        others = others.exclude(pk=locked.pk)
        if others.filter(table=table).exists():
            raise B2BError(_("That table is taken at that time."), field="table")
        for profile in profiles.values():
            if slot not in _free(profile, session):
                raise B2BError(
                    _("%(name)s is not free at that time.") % {"name": profile.display_name},
                    field="slot",
                )
            if others.filter(Q(profile_a=profile) | Q(profile_b=profile)).exists():
                raise B2BError(
                    _("%(name)s has another meeting at that time.")
                    % {"name": profile.display_name},
                    field="slot",
                )
        locked.slot, locked.table = slot, table
        locked.full_clean(exclude=["session", "request", "profile_a", "profile_b"])
        locked.save(update_fields=["slot", "table"])
        session.schedule_version += 1
        session.save(update_fields=["schedule_version"])
    return locked
