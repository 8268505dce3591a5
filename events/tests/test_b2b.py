"""B2B matchmaking's rules, through its services: profiles pre-filled from the organisation,
requests refused clearly (outside the window, to oneself, to someone not taking part, twice,
past a cap, a repeat pair where the club wants new partners, from a registration no longer
confirmed), answers that cannot run twice, the schedule, and meetings cancelled when a
participant leaves or does not come; the database constraints behind them."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from events import selectors, services
from events.models import B2BItem, B2BSession, Meeting, MeetingRequest, Registration
from tests.factories import (
    B2BSessionFactory,
    EventIndexPageFactory,
    EventPageFactory,
    OrganisationFactory,
    SectorFactory,
    TechnologyFieldFactory,
    b2b_participant,
)

# The rules hold on make run's SQLite too (`sqlite`: make test runs them there as well).
pytestmark = [pytest.mark.django_db, pytest.mark.sqlite]
b2b = services.b2b
Status = MeetingRequest.Status


@pytest.fixture
def event(home_page):
    index = EventIndexPageFactory(parent=home_page)
    return EventPageFactory(
        parent=index,
        title="Business Cluster Club 12",
        ticket_types=[{"name": "B2B", "capacity": 50}, {"name": "Visitor", "capacity": 50}],
    )


@pytest.fixture
def session(event):
    return B2BSessionFactory(event=event)


def _profile(session, email, **organisation_fields):
    organisation = OrganisationFactory(**organisation_fields) if organisation_fields else None
    registration = b2b_participant(session.event, email, organisation=organisation)
    return b2b.b2b_profile_get_or_create(session=session, registration=registration)


@pytest.fixture
def ana(session):
    return _profile(session, "ana@agro.example", name="Agro Cluster", region="vojvodina")


@pytest.fixture
def boris(session):
    return _profile(session, "boris@ict.example", name="ICT Net", region="belgrade")


def _send(sender, recipient, **kwargs):
    return b2b.meeting_request_send(from_profile=sender, to_profile=recipient, **kwargs)


def _refusal(action) -> str:
    with pytest.raises(b2b.B2BError) as refused:
        action()
    return refused.value.message


# --- profiles ------------------------------------------------------------------------------


def test_a_new_profile_is_filled_in_from_the_participant_s_organisation(session):
    food = SectorFactory(name="Food")
    iot = TechnologyFieldFactory(name="IoT")
    organisation = OrganisationFactory(
        name="Vojvodina Agro Cluster",
        region="vojvodina",
        description="<p>Growers &amp; processors.</p>",
        languages=["en", "sr"],
        sectors=[food],
        technology_fields=[iot],
    )
    registration = b2b_participant(session.event, "ana@agro.example", organisation=organisation)

    profile = b2b.b2b_profile_get_or_create(session=session, registration=registration)

    assert profile.organisation == organisation
    assert profile.description == "Growers & processors."
    assert profile.region == "vojvodina" and profile.languages == ["en", "sr"]
    assert list(profile.sectors.all()) == [food]
    assert list(profile.technology_fields.all()) == [iot]
    assert "vojvodina agro cluster" in profile.search_folded
    assert b2b.b2b_profile_get_or_create(session=session, registration=registration) == profile


def test_only_holders_of_the_session_s_ticket_types_have_a_profile(session, event):
    session.ticket_types.set([event.ticket_types.get(name="B2B")])
    visitor = b2b_participant(
        event, "visitor@example.org", ticket_type=event.ticket_types.get(name="Visitor")
    )

    message = _refusal(lambda: b2b.b2b_profile_get_or_create(session=session, registration=visitor))

    assert "confirmed participants" in message


def test_a_profile_saves_offers_and_needs_and_its_free_slots(ana):
    ict = SectorFactory(name="ICT")
    b2b.b2b_profile_update(
        profile=ana,
        description="Fruit and vegetables",
        region="vojvodina",
        sectors=[ict],
        technology_fields=[],
        languages=["sr"],
        max_meetings=4,
        available_slots=[0, 1, 2],
        is_visible=True,
        items=[
            b2b.ItemData(direction="offer", kind="supplier", text="Frozen raspberries"),
            b2b.ItemData(direction="seek", kind="rd_partner", text="Drone sensors", sectors=[ict]),
        ],
    )
    ana.refresh_from_db()

    assert ana.available_slots == [0, 1, 2] and ana.max_meetings == 4
    assert [item.kind for item in ana.items.all()] == ["supplier", "rd_partner"]
    assert list(ana.items.get(kind="rd_partner").sectors.all()) == [ict]
    assert "drone sensors" in ana.search_folded


def _update(profile, **changes):
    fields = {
        "description": profile.description,
        "region": profile.region,
        "sectors": [],
        "technology_fields": [],
        "languages": [],
        "max_meetings": profile.max_meetings,
        "available_slots": profile.available_slots,
        "is_visible": True,
        "items": [],
        **changes,
    }
    return b2b.b2b_profile_update(profile=profile, **fields)


def test_every_slot_chosen_is_stored_as_every_slot_so_new_slots_count_too(ana):
    _update(ana, available_slots=list(range(6)))
    ana.refresh_from_db()
    assert ana.available_slots is None


def test_a_slot_outside_the_session_is_refused(ana):
    assert "slots of this session" in _refusal(lambda: _update(ana, available_slots=[0, 9]))


# --- requests: what is refused, and why -------------------------------------------------------


def test_a_request_is_pending_and_the_person_asked_is_mailed_after_commit(
    ana, boris, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        request = _send(ana, boris, message="Let us talk about drones.")

    assert request.status == Status.PENDING and request.message == "Let us talk about drones."
    assert len(callbacks) == 1


def test_requests_are_refused_before_they_open_and_after_they_close(session, ana, boris):
    now = timezone.now()
    session.requests_open = now + datetime.timedelta(days=1)
    session.save()
    assert "not opened yet" in _refusal(lambda: _send(ana, boris))

    session.requests_open = now - datetime.timedelta(days=2)
    session.requests_close = now - datetime.timedelta(days=1)
    session.save()
    assert "closed" in _refusal(lambda: _send(ana, boris))
    assert not MeetingRequest.objects.exists()


def test_requests_close_when_the_first_meeting_starts_when_no_deadline_is_set(session, ana, boris):
    after_start = session.first_slot_start + datetime.timedelta(minutes=1)
    assert "closed" in _refusal(lambda: _send(ana, boris, now=after_start))


def test_a_session_that_is_off_takes_no_requests(session, ana, boris):
    B2BSession.objects.filter(pk=session.pk).update(enabled=False)
    ana.refresh_from_db()
    assert "not open" in _refusal(lambda: _send(ana, boris))


def test_nobody_can_ask_themselves(ana):
    assert "yourself" in _refusal(lambda: _send(ana, ana))


def test_a_second_registration_of_the_same_person_is_still_themselves(session, event, ana):
    second = Registration.objects.create(
        event=event,
        ticket_type=event.ticket_types.get(name="Visitor"),
        user=ana.registration.user,
        name="Ana again",
        email="ana@agro.example",
        status=Registration.Status.CONFIRMED,
    )
    twin = b2b.b2b_profile_get_or_create(session=session, registration=second)
    assert "yourself" in _refusal(lambda: _send(ana, twin))


def test_someone_not_taking_part_cannot_be_asked(session, event, ana, boris):
    session.ticket_types.set([event.ticket_types.get(name="B2B")])
    Registration.objects.filter(pk=boris.registration_id).update(
        ticket_type=event.ticket_types.get(name="Visitor")
    )
    boris.refresh_from_db()

    assert "does not take part" in _refusal(lambda: _send(ana, boris))


def test_a_hidden_profile_cannot_be_asked(ana, boris):
    _update(boris, is_visible=False)
    assert "does not take part" in _refusal(lambda: _send(ana, boris))


def test_a_participant_of_another_session_cannot_be_asked(home_page, ana):
    other_event = EventPageFactory(
        parent=ana.session.event.get_parent(), ticket_types=[{"name": "B2B", "capacity": 5}]
    )
    other = _profile(B2BSessionFactory(event=other_event), "zoran@example.org")
    assert "does not take part" in _refusal(lambda: _send(ana, other))


def test_an_unconfirmed_or_cancelled_registration_cannot_ask(ana, boris):
    services.registration_cancel(registration=ana.registration)
    ana.refresh_from_db()
    assert "not confirmed" in _refusal(lambda: _send(ana, boris))


def test_a_request_is_never_made_twice_in_either_direction(ana, boris):
    _send(ana, boris)

    assert "already asked" in _refusal(lambda: _send(ana, boris))
    assert "answer their request" in _refusal(lambda: _send(boris, ana))
    assert MeetingRequest.objects.count() == 1


def test_after_a_decline_the_same_person_cannot_ask_again_but_the_other_may(ana, boris):
    request = _send(ana, boris)
    b2b.meeting_request_decline(request=request, by_profile=boris)

    assert "declined" in _refusal(lambda: _send(ana, boris))
    assert _send(boris, ana).status == Status.PENDING


def test_the_database_refuses_a_second_active_request_for_a_pair(ana, boris):
    MeetingRequest.objects.create(session=ana.session, from_profile=ana, to_profile=boris)
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingRequest.objects.create(session=ana.session, from_profile=boris, to_profile=ana)
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingRequest.objects.create(session=ana.session, from_profile=ana, to_profile=ana)


def test_a_request_is_refused_when_either_side_has_all_the_meetings_they_want(session, ana, boris):
    cedo = _profile(session, "cedo@example.org")
    _update(boris, max_meetings=1)
    b2b.meeting_request_accept(request=_send(cedo, boris), by_profile=boris)

    assert "as many meetings as they want" in _refusal(lambda: _send(ana, boris))
    assert "raise your limit" in _refusal(lambda: _send(boris, ana))


def test_a_message_with_control_characters_is_refused(ana, boris):
    assert "control characters" in _refusal(lambda: _send(ana, boris, message="hi\x07"))


# --- answers ---------------------------------------------------------------------------------


def test_accepting_twice_accepts_once_and_mails_once(
    ana, boris, django_capture_on_commit_callbacks
):
    request = _send(ana, boris)
    with django_capture_on_commit_callbacks() as callbacks:
        first = b2b.meeting_request_accept(request=request, by_profile=boris)
        second = b2b.meeting_request_accept(request=request, by_profile=boris)

    request.refresh_from_db()
    assert (first, second) == (True, False)
    assert request.status == Status.ACCEPTED and request.decided_at is not None
    assert len(callbacks) == 1


def test_only_the_person_asked_answers(session, ana, boris):
    request = _send(ana, boris)
    cedo = _profile(session, "cedo@example.org")

    assert "Only the person asked" in _refusal(
        lambda: b2b.meeting_request_accept(request=request, by_profile=cedo)
    )
    assert "Only the person asked" in _refusal(
        lambda: b2b.meeting_request_accept(request=request, by_profile=ana)
    )
    request.refresh_from_db()
    assert request.status == Status.PENDING


def test_a_declined_request_cannot_be_accepted_nor_an_accepted_one_declined(session, ana, boris):
    declined = _send(ana, boris)
    b2b.meeting_request_decline(request=declined, by_profile=boris)
    assert "declined this request" in _refusal(
        lambda: b2b.meeting_request_accept(request=declined, by_profile=boris)
    )
    cedo = _profile(session, "cedo@example.org")
    accepted = _send(cedo, boris)
    b2b.meeting_request_accept(request=accepted, by_profile=boris)
    assert "accepted this request already" in _refusal(
        lambda: b2b.meeting_request_decline(request=accepted, by_profile=boris)
    )


def test_the_cap_is_checked_again_when_accepting(session, ana, boris):
    cedo = _profile(session, "cedo@example.org")
    first, second = _send(ana, boris), _send(cedo, boris)
    _update(boris, max_meetings=1)
    b2b.meeting_request_accept(request=first, by_profile=boris)

    assert "raise your limit" in _refusal(
        lambda: b2b.meeting_request_accept(request=second, by_profile=boris)
    )
    second.refresh_from_db()
    assert second.status == Status.PENDING


def test_a_cap_below_the_meetings_accepted_is_refused(session, ana, boris):
    cedo = _profile(session, "cedo@example.org")
    b2b.meeting_request_accept(request=_send(ana, boris), by_profile=boris)
    b2b.meeting_request_accept(request=_send(cedo, boris), by_profile=boris)

    assert "cancel some" in _refusal(lambda: _update(boris, max_meetings=1))


def test_cancelling_an_accepted_request_tells_the_other_side(
    ana, boris, django_capture_on_commit_callbacks
):
    request = _send(ana, boris)
    b2b.meeting_request_accept(request=request, by_profile=boris)
    with django_capture_on_commit_callbacks() as callbacks:
        assert b2b.meeting_request_cancel(request=request, by_profile=boris)
        assert not b2b.meeting_request_cancel(request=request, by_profile=boris)

    request.refresh_from_db()
    assert request.status == Status.CANCELLED
    assert len(callbacks) == 1


# --- memory across clubs --------------------------------------------------------------------


def _met_at_an_earlier_club(event, ana, boris):
    """A club a year earlier at which Ana's and Boris's organisations met."""
    earlier = EventPageFactory(
        parent=event.get_parent(),
        title="Business Cluster Club 11",
        start=event.start - datetime.timedelta(days=365),
        ticket_types=[{"name": "B2B", "capacity": 5}],
    )
    session = B2BSessionFactory(event=earlier)
    registrations = [
        Registration.objects.create(
            event=earlier,
            ticket_type=earlier.ticket_types.get(),
            name=profile.registration.name,
            email=profile.registration.email,
            status=Registration.Status.ATTENDED,
        )
        for profile in (ana, boris)
    ]
    then = [
        session.profiles.create(registration=registration, organisation=profile.organisation)
        for registration, profile in zip(registrations, (ana, boris), strict=True)
    ]
    request = MeetingRequest.objects.create(
        session=session, from_profile=then[0], to_profile=then[1], status=Status.ACCEPTED
    )
    return Meeting.objects.create(
        session=session, request=request, profile_a=then[0], profile_b=then[1], slot=0, table=1
    )


def test_pairs_of_organisations_that_met_before_are_remembered(event, ana, boris):
    meeting = _met_at_an_earlier_club(event, ana, boris)
    pair = frozenset((ana.organisation_id, boris.organisation_id))

    assert selectors.b2b_organisation_pairs_met(before=event.start) == {pair}
    assert selectors.b2b_organisation_pairs_met(before=meeting.session.event.start) == set()

    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.CANCELLED)
    assert selectors.b2b_organisation_pairs_met(before=event.start) == set()


def test_no_repeat_pairs_refuses_organisations_that_met_before(event, session, ana, boris):
    _met_at_an_earlier_club(event, ana, boris)
    session.no_repeat_pairs = True
    session.save()
    ana.refresh_from_db()

    assert "new partners only" in _refusal(lambda: _send(ana, boris))


def test_repeat_pairs_may_meet_when_the_club_allows_it(event, ana, boris):
    _met_at_an_earlier_club(event, ana, boris)
    assert _send(ana, boris).status == Status.PENDING


def _items(profile, *rows):
    for order, (direction, kind, text) in enumerate(rows):
        B2BItem.objects.create(
            profile=profile, direction=direction, kind=kind, text=text, sort_order=order
        )


def test_suggestions_match_seeks_against_offers_both_ways_new_partners_first(
    event, session, ana, boris
):
    cedo = _profile(session, "cedo@example.org", name="Cedo Foods")
    _items(
        ana, ("seek", "rd_partner", "Drone sensors for orchards"), ("offer", "supplier", "Fruit")
    )
    _items(boris, ("offer", "rd_partner", "Drone sensors and mapping"))
    _items(cedo, ("offer", "rd_partner", "Soil sensors"), ("seek", "supplier", "Fruit for jam"))
    nobody = _profile(session, "dana@example.org")
    _items(nobody, ("offer", "investment", "Seed capital"))
    _met_at_an_earlier_club(event, ana, cedo)

    matches = selectors.b2b_suggestions(profile=ana)

    assert [m.profile for m in matches] == [boris, cedo]
    assert matches[0].they_offer == ["R&D partner"] and "sensors" in matches[0].words
    assert not matches[0].met_before
    assert matches[1].met_before and matches[1].they_seek == ["Supplier"]
    assert matches[1].score > matches[0].score  # better, but they met before


def test_cooperation_offers_answer_cooperation_requests(session, ana, boris):
    _items(ana, ("seek", "cooperation_request", "Partners for an export consortium"))
    _items(boris, ("offer", "cooperation_offer", "Export consortium"))

    [match] = selectors.b2b_suggestions(profile=ana)

    assert match.profile == boris and match.they_offer == ["Cooperation offer"]


# --- the database holds the schedule's rules -------------------------------------------------


def test_one_table_holds_one_meeting_per_slot_and_a_profile_one_meeting_per_slot(
    session, ana, boris
):
    cedo = _profile(session, "cedo@example.org")
    dana = _profile(session, "dana@example.org")
    first = MeetingRequest.objects.create(
        session=session, from_profile=ana, to_profile=boris, status=Status.ACCEPTED
    )
    second = MeetingRequest.objects.create(
        session=session, from_profile=cedo, to_profile=dana, status=Status.ACCEPTED
    )
    third = MeetingRequest.objects.create(
        session=session, from_profile=ana, to_profile=dana, status=Status.ACCEPTED
    )
    Meeting.objects.create(
        session=session, request=first, profile_a=ana, profile_b=boris, slot=0, table=1
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.create(
            session=session, request=second, profile_a=cedo, profile_b=dana, slot=0, table=1
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.create(
            session=session, request=third, profile_a=ana, profile_b=dana, slot=0, table=2
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.create(
            session=session, request=first, profile_a=ana, profile_b=boris, slot=1, table=1
        )


# --- a participant leaves ---------------------------------------------------------------------


def _placed(session, sender, recipient, *, slot, table, confirmed=True):
    request = _send(sender, recipient)
    b2b.meeting_request_accept(request=request, by_profile=recipient)
    return Meeting.objects.create(
        session=session,
        request=request,
        profile_a=sender,
        profile_b=recipient,
        slot=slot,
        table=table,
        confirmed=confirmed,
    )


def test_cancelling_a_registration_cancels_its_meetings_and_tells_the_other_side(
    session, ana, boris, django_capture_on_commit_callbacks
):
    cedo = _profile(session, "cedo@example.org")
    meeting = _placed(session, ana, boris, slot=0, table=1)
    pending = _send(cedo, ana)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.registration_cancel(registration=ana.registration)

    meeting.refresh_from_db()
    pending.refresh_from_db()
    ana.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED
    assert meeting.cancel_reason == Meeting.CancelReason.REGISTRATION
    assert meeting.cancelled_by == ana
    assert meeting.request.status == Status.CANCELLED and pending.status == Status.CANCELLED
    assert not ana.is_visible
    # Boris's "meeting cancelled" is queued with the registration's own cancellation mail.
    assert sum("_send_b2b" in callback.__qualname__ for callback in callbacks) == 1
    [row] = selectors.b2b_agenda(profile=boris)
    assert row.status == Meeting.Status.CANCELLED


def test_a_no_show_s_meetings_are_cancelled_once_check_in_is_under_way(session, ana, boris):
    cedo = _profile(session, "cedo@example.org")
    with_absent = _placed(session, ana, boris, slot=0, table=1)
    both_here = _placed(session, cedo, boris, slot=1, table=1)
    for profile in (boris, cedo):
        services.registration_check_in(event=session.event, code=profile.registration.code)

    too_early = session.first_slot_start + datetime.timedelta(minutes=5)
    assert b2b.b2b_no_shows_mark(session=session, now=too_early) == 0
    later = session.first_slot_start + b2b.NO_SHOW_GRACE
    assert b2b.b2b_no_shows_mark(session=session, now=later) == 1
    assert b2b.b2b_no_shows_mark(session=session, now=later) == 0

    with_absent.refresh_from_db()
    both_here.refresh_from_db()
    assert with_absent.status == Meeting.Status.CANCELLED and with_absent.cancelled_by == ana
    assert with_absent.cancel_reason == Meeting.CancelReason.NO_SHOW
    assert both_here.status == Meeting.Status.PLACED


def test_an_event_without_check_in_loses_no_meeting_to_no_shows(session, ana, boris):
    meeting = _placed(session, ana, boris, slot=0, table=1)
    later = session.first_slot_start + datetime.timedelta(hours=1)

    assert b2b.b2b_no_shows_mark(session=session, now=later) == 0
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PLACED


# --- slots and tables edited after scheduling -------------------------------------------------


def test_slots_and_tables_that_hold_a_placed_meeting_cannot_go(session, ana, boris):
    _placed(session, ana, boris, slot=4, table=3)

    for change in ({"slot_count": 4}, {"table_count": 2}, {"break_slots": [4]}):
        fresh = B2BSession.objects.get(pk=session.pk)
        for name, value in change.items():
            setattr(fresh, name, value)
        assert "move or cancel it first" in _refusal(
            lambda s=fresh: b2b.b2b_session_save(session=s)
        )
    session.refresh_from_db()
    assert (session.slot_count, session.table_count, session.break_slots) == (6, 3, [])


def test_slots_and_tables_that_hold_no_meeting_may_change(session, ana, boris):
    _placed(session, ana, boris, slot=1, table=1)
    session.slot_count, session.table_count, session.break_slots = 8, 5, [3]

    b2b.b2b_session_save(session=session)

    session.refresh_from_db()
    assert (session.slot_count, session.table_count, session.break_slots) == (8, 5, [3])


def test_a_break_outside_the_slots_is_refused(session):
    session.break_slots = [6]
    with pytest.raises(ValidationError) as refused:
        b2b.b2b_session_save(session=session)
    assert "break_slots" in refused.value.message_dict


def test_a_participant_cannot_drop_a_slot_that_holds_a_meeting(session, ana, boris):
    _placed(session, ana, boris, slot=2, table=1)

    assert "keep those slots" in _refusal(lambda: _update(boris, available_slots=[0, 1]))
    _update(boris, available_slots=[1, 2])
    boris.refresh_from_db()
    assert boris.available_slots == [1, 2]
