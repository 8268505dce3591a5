"""Scheduling a B2B session through its service: the accepted requests placed into slot x
table with nobody in two places, each meeting in a slot both sides are free (breaks left
out), confirmed meetings kept where they are when staff schedule again, a participant who
left not placed, and the agendas sent."""

import pytest

from events import services
from events.models import Meeting, MeetingRequest
from tests.factories import (
    B2BSessionFactory,
    EventIndexPageFactory,
    EventPageFactory,
    b2b_accepted,
    b2b_profiles,
)

# The rules hold on make run's SQLite too (`sqlite`: make test runs them there as well).
pytestmark = [pytest.mark.django_db, pytest.mark.sqlite]
b2b = services.b2b


@pytest.fixture
def session(home_page):
    index = EventIndexPageFactory(parent=home_page)
    event = EventPageFactory(parent=index, ticket_types=[{"name": "B2B", "capacity": 50}])
    return B2BSessionFactory(event=event, slot_count=4, table_count=2, break_slots=[1])


def _assert_clash_free(session):
    placed = list(Meeting.objects.filter(session=session, status=Meeting.Status.PLACED))
    seats = [(m.slot, m.table) for m in placed]
    assert len(seats) == len(set(seats)), "a table holds two meetings at once"
    busy = [(m.slot, p) for m in placed for p in (m.profile_a_id, m.profile_b_id)]
    assert len(busy) == len(set(busy)), "someone is in two places at once"
    for meeting in placed:
        assert meeting.slot not in session.break_slots
        assert 1 <= meeting.table <= session.table_count
        for profile in (meeting.profile_a, meeting.profile_b):
            assert meeting.slot in profile.free_slots()
    return placed


def test_accepted_requests_are_placed_without_clashes_in_slots_both_sides_are_free(session):
    people = b2b_profiles(session, 4)
    b2b.b2b_profile_update(
        profile=people[0],
        description="",
        region="",
        sectors=[],
        technology_fields=[],
        languages=[],
        max_meetings=None,
        available_slots=[2, 3],
        is_visible=True,
        items=[],
    )
    for sender, recipient in [(0, 1), (0, 2), (0, 3), (1, 2), (2, 3)]:
        b2b_accepted(people[sender], people[recipient])

    result = b2b.b2b_schedule(session=session, time_limit=2)

    placed = _assert_clash_free(session)
    assert result.placed == len(placed) and result.placed + result.unplaced == 5
    # Person 0 is free in two slots only (slot 1 is a break): two of their three meetings.
    assert sum(1 for m in placed if people[0].pk in (m.profile_a_id, m.profile_b_id)) == 2
    assert result.placed <= result.upper_bound
    session.refresh_from_db()
    assert session.scheduled_at is not None and session.schedule_version == 1


def test_scheduling_again_keeps_confirmed_meetings_where_they_are(
    session, django_capture_on_commit_callbacks
):
    people = b2b_profiles(session, 4)
    b2b_accepted(people[0], people[1])
    with django_capture_on_commit_callbacks() as callbacks:
        b2b.b2b_schedule(session=session, time_limit=2, publish=True)
    assert len(callbacks) == 2  # an agenda to each side
    first = Meeting.objects.get()
    assert first.confirmed
    b2b_accepted(people[2], people[0])
    b2b_accepted(people[3], people[1])

    b2b.b2b_schedule(session=session, time_limit=2)

    again = Meeting.objects.get(pk=first.pk)
    assert (again.slot, again.table, again.status) == (first.slot, first.table, "placed")
    assert len(_assert_clash_free(session)) == 3
    assert Meeting.objects.filter(confirmed=False).count() == 2


def test_every_request_has_one_meeting_however_often_staff_schedule(session):
    people = b2b_profiles(session, 3)
    b2b_accepted(people[0], people[1])
    b2b_accepted(people[1], people[2])

    for _run in range(3):
        b2b.b2b_schedule(session=session, time_limit=1)

    assert Meeting.objects.count() == 2
    assert set(Meeting.objects.values_list("request", flat=True)) == set(
        MeetingRequest.objects.values_list("pk", flat=True)
    )


def test_a_participant_who_left_is_not_scheduled(session):
    people = b2b_profiles(session, 3)
    b2b_accepted(people[0], people[1])
    b2b_accepted(people[0], people[2])
    services.registration_cancel(registration=people[2].registration)

    result = b2b.b2b_schedule(session=session, time_limit=1)

    assert result.placed == 1
    assert Meeting.objects.get().profile_b == people[1]


def test_sending_the_agendas_confirms_the_placed_meetings(
    session, django_capture_on_commit_callbacks
):
    people = b2b_profiles(session, 3)
    b2b_accepted(people[0], people[1])
    b2b_accepted(people[2], people[0])
    b2b.b2b_schedule(session=session, time_limit=1)
    assert not Meeting.objects.filter(confirmed=True).exists()

    with django_capture_on_commit_callbacks() as callbacks:
        assert b2b.b2b_agendas_send(session=session) == 3

    assert len(callbacks) == 3
    assert not Meeting.objects.filter(confirmed=False).exists()


def test_staff_move_a_meeting_by_hand_unless_it_would_clash(session):
    people = b2b_profiles(session, 4)
    b2b_accepted(people[0], people[1])
    b2b_accepted(people[2], people[3])
    b2b_accepted(people[0], people[2])
    b2b.b2b_schedule(session=session, time_limit=1)
    first = Meeting.objects.get(profile_a=people[0], profile_b=people[1])
    other = Meeting.objects.get(profile_a=people[2], profile_b=people[3])
    mixed = Meeting.objects.get(profile_a=people[0], profile_b=people[2])

    def refusal(meeting, slot, table):
        with pytest.raises(b2b.B2BError) as refused:
            b2b.meeting_move(meeting=meeting, slot=slot, table=table)
        return refused.value.message

    assert "meeting slots" in refusal(first, 1, 1)  # slot 1 is a break
    assert "tables" in refusal(first, 0, 3)
    assert "table is taken" in refusal(first, other.slot, other.table)
    assert "another meeting" in refusal(first, mixed.slot, 3 - mixed.table)
    free_slot = ({0, 2, 3} - {first.slot, mixed.slot}).pop()
    moved = b2b.meeting_move(meeting=first, slot=free_slot, table=2)
    assert (moved.slot, moved.table) == (free_slot, 2)
    _assert_clash_free(session)


def test_a_confirmed_meeting_that_no_longer_fits_stays_and_its_seat_is_kept(session):
    people = b2b_profiles(session, 4)
    kept = b2b_accepted(people[0], people[1])
    b2b_accepted(people[2], people[3])
    # Placed by hand past the rules (a side is not free then): it stays as it is.
    Meeting.objects.create(
        session=session,
        request=kept,
        profile_a=people[0],
        profile_b=people[1],
        slot=0,
        table=1,
        confirmed=True,
    )
    b2b.b2b_profile_update(
        profile=people[0],
        description="",
        region="",
        sectors=[],
        technology_fields=[],
        languages=[],
        max_meetings=None,
        available_slots=[0, 2],
        is_visible=True,
        items=[],
    )
    Meeting.objects.filter(request=kept).update(slot=3)

    result = b2b.b2b_schedule(session=session, time_limit=1)

    assert result.placed == 1
    stays = Meeting.objects.get(request=kept)
    assert (stays.slot, stays.table) == (3, 1)
    new = Meeting.objects.exclude(pk=stays.pk).get()
    assert (new.slot, new.table) != (3, 1)
