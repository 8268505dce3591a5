"""B2B matchmaking under real concurrency (threads, each with its own PostgreSQL connection):
two staff members scheduling at once, two people asking each other at the same moment, one
request accepted twice at once, and a cap that two acceptances race for."""

import threading

import pytest
from django.db import connection, transaction

from events import services
from events.models import B2BSession, Meeting, MeetingRequest
from tests.factories import (
    B2BSessionFactory,
    EventIndexPageFactory,
    EventPageFactory,
    HomePageFactory,
    b2b_accepted,
    b2b_profiles,
    ensure_locales,
    ensure_wagtail_base,
)
from tests.harness import run_together

b2b = services.b2b


@pytest.fixture
def session(transactional_db):
    ensure_wagtail_base()
    ensure_locales()
    home = HomePageFactory(as_site_root=True)
    index = EventIndexPageFactory(parent=home)
    event = EventPageFactory(parent=index, ticket_types=[{"name": "B2B", "capacity": 50}])
    return B2BSessionFactory(event=event, slot_count=4, table_count=2)


def test_a_second_staff_member_scheduling_meanwhile_is_told_and_nothing_is_written(session):
    people = b2b_profiles(session, 2)
    b2b_accepted(people[0], people[1])
    locked, release = threading.Event(), threading.Event()

    def first_run_holding_the_session():
        try:
            with transaction.atomic():
                B2BSession.objects.select_for_update().get(pk=session.pk)
                locked.set()
                release.wait(timeout=30)
        finally:
            connection.close()

    holder = threading.Thread(target=first_run_holding_the_session)
    holder.start()
    assert locked.wait(timeout=30)
    try:
        [outcome] = run_together(lambda i: b2b.b2b_schedule(session=session, time_limit=1), 1)
    finally:
        release.set()
        holder.join(timeout=30)

    assert isinstance(outcome, b2b.B2BBusy)
    assert "Another staff member is scheduling" in outcome.message
    assert not Meeting.objects.exists()


def test_two_schedules_at_once_place_each_request_once(session):
    people = b2b_profiles(session, 4)
    for sender, recipient in [(0, 1), (2, 3), (0, 2), (1, 3)]:
        b2b_accepted(people[sender], people[recipient])

    outcomes = run_together(lambda i: b2b.b2b_schedule(session=session, time_limit=1), 2)

    for outcome in outcomes:
        assert isinstance(outcome, (b2b.ScheduleResult, b2b.B2BBusy)), outcome
    assert any(isinstance(outcome, b2b.ScheduleResult) for outcome in outcomes)
    assert Meeting.objects.count() == 4
    assert Meeting.objects.values("request").distinct().count() == 4


def test_two_people_asking_each_other_at_once_make_one_request(session):
    ana, boris = b2b_profiles(session, 2)
    pairs = [(ana, boris), (boris, ana)]

    outcomes = run_together(
        lambda i: b2b.meeting_request_send(from_profile=pairs[i][0], to_profile=pairs[i][1]), 2
    )

    assert sum(isinstance(outcome, MeetingRequest) for outcome in outcomes) == 1
    [refused] = [outcome for outcome in outcomes if not isinstance(outcome, MeetingRequest)]
    assert isinstance(refused, b2b.B2BError) and "answer their request" in refused.message
    assert MeetingRequest.objects.count() == 1


def test_one_request_accepted_twice_at_once_is_accepted_once(session):
    ana, boris = b2b_profiles(session, 2)
    request = b2b.meeting_request_send(from_profile=ana, to_profile=boris)

    outcomes = run_together(
        lambda i: b2b.meeting_request_accept(request=request, by_profile=boris), 2
    )

    assert sorted(outcomes) == [False, True]
    request.refresh_from_db()
    assert request.status == MeetingRequest.Status.ACCEPTED


def test_two_acceptances_racing_for_the_last_meeting_of_a_cap_take_one(session):
    ana, boris, cedo = b2b_profiles(session, 3)
    b2b.b2b_profile_update(
        profile=boris,
        description="",
        region="",
        sectors=[],
        technology_fields=[],
        languages=[],
        max_meetings=1,
        available_slots=None,
        is_visible=True,
        items=[],
    )
    requests = [
        b2b.meeting_request_send(from_profile=ana, to_profile=boris),
        b2b.meeting_request_send(from_profile=cedo, to_profile=boris),
    ]

    outcomes = run_together(
        lambda i: b2b.meeting_request_accept(request=requests[i], by_profile=boris), 2
    )

    assert sum(outcome is True for outcome in outcomes) == 1
    assert MeetingRequest.objects.filter(status=MeetingRequest.Status.ACCEPTED).count() == 1
