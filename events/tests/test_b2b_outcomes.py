"""What came of the B2B meetings: each participant rates their own placed meetings once the
event has started (one outcome per meeting and side, which they may change); staff read the
figures per club, year and sector as a table and a chart, and export every outcome as CSV and
XLSX with each cell sanitised."""

import datetime

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from events import reports, services
from events.models import EventPage, Meeting, MeetingOutcome
from tests.exports import export_queries, exported_rows, staff_in_role
from tests.factories import (
    B2BSessionFactory,
    EventIndexPageFactory,
    EventPageFactory,
    OrganisationFactory,
    SectorFactory,
    StaffUserFactory,
    b2b_participant,
)

pytestmark = pytest.mark.django_db
b2b = services.b2b
Result = MeetingOutcome.Result
LANGUAGES = ("en", "sr-latn", "sr")


@pytest.fixture
def event(home_page):
    index = EventIndexPageFactory(parent=home_page)
    return EventPageFactory(
        parent=index,
        title="Business Cluster Club 12",
        ticket_types=[{"name": "B2B", "capacity": 50}],
    )


@pytest.fixture
def session(event):
    return B2BSessionFactory(event=event, slot_count=4, table_count=2)


def _profile(session, email, organisation, sector=None):
    org = OrganisationFactory(name=organisation)
    registration = b2b_participant(
        session.event, email, name=email.split("@")[0].title(), organisation=org
    )
    profile = b2b.b2b_profile_get_or_create(session=session, registration=registration)
    if sector is not None:
        profile.sectors.set([sector])
    return profile


@pytest.fixture
def people(session):
    it = SectorFactory(name="IT industry", slug="it")
    food = SectorFactory(name="Agriculture and food industry", slug="agriculture-food")
    return [
        _profile(session, "ana@agro.example", "Agro Klaster Niš", food),
        _profile(session, "boris@ict.example", "ICT Net", it),
        _profile(session, "vesna@wood.example", "Wood Cluster"),
    ]


@pytest.fixture
def meetings(session, people):
    """Ana meets Boris and Vesna; the schedule placed both."""
    for sender, recipient in ((people[0], people[1]), (people[2], people[0])):
        request = b2b.meeting_request_send(from_profile=sender, to_profile=recipient)
        b2b.meeting_request_accept(request=request, by_profile=recipient)
    b2b.b2b_schedule(session=session, time_limit=1)
    return {
        "ana_boris": Meeting.objects.get(profile_a=people[0]),
        "vesna_ana": Meeting.objects.get(profile_a=people[2]),
    }


def _started(event):
    EventPage.objects.filter(translation_key=event.translation_key).update(
        start=timezone.now() - datetime.timedelta(hours=2)
    )


def _url(session, meeting=None, language="en"):
    with translation.override(language):
        if meeting is None:
            return reverse("events:b2b_outcomes", args=[session.pk])
        return reverse("events:b2b_outcomes_record", args=[session.pk, meeting.pk])


def _as(client, profile):
    client.force_login(profile.registration.user)
    return client


def _answer(meeting, rating=4, result=Result.FOLLOW_UP, note=""):
    prefix = f"m{meeting.pk}"
    return {f"{prefix}-rating": rating, f"{prefix}-result": result, f"{prefix}-note": note}


# --- the participant's page ---------------------------------------------------------------------


def test_nothing_is_recorded_before_the_event_starts(client, session, people, meetings):
    meeting = meetings["ana_boris"]
    page = _as(client, people[0]).get(_url(session)).content.decode()
    assert "Once the event has started" in page and f"m{meeting.pk}-rating" not in page

    response = client.post(_url(session, meeting), _answer(meeting))

    assert response.status_code == 409
    assert "once the event has started" in response.content.decode()
    assert not MeetingOutcome.objects.exists()
    agenda = client.get(reverse("events:b2b_agenda", args=[session.pk])).content.decode()
    assert "data-b2b-outcomes-link" not in agenda


def test_the_agenda_leads_to_the_outcomes_once_the_event_has_started(
    client, event, session, people, meetings
):
    _started(event)
    agenda = _as(client, people[0]).get(reverse("events:b2b_agenda", args=[session.pk]))
    assert _url(session) in agenda.content.decode()


def test_a_participant_sees_only_their_own_meetings(client, event, session, people, meetings):
    _started(event)
    page = _as(client, people[1]).get(_url(session)).content.decode()
    assert f'data-b2b-outcome="{meetings["ana_boris"].pk}"' in page
    assert f'data-b2b-outcome="{meetings["vesna_ana"].pk}"' not in page
    assert "Agro Klaster Niš" in page and "Wood Cluster" not in page


def test_a_participant_records_an_outcome_and_changes_it(client, event, session, people, meetings):
    _started(event)
    meeting = meetings["ana_boris"]
    _as(client, people[0])

    response = client.post(_url(session, meeting), _answer(meeting, 4, Result.FOLLOW_UP, "Call"))
    assert response.status_code == 302
    response = client.post(
        _url(session, meeting), _answer(meeting, 5, Result.AGREEMENT, "MoU signed")
    )
    assert response.status_code == 302

    outcome = MeetingOutcome.objects.get()
    assert (outcome.profile, outcome.rating, outcome.result, outcome.note) == (
        people[0],
        5,
        Result.AGREEMENT,
        "MoU signed",
    )
    page = client.get(_url(session)).content.decode()
    assert "Saved: Agreement / MoU, rated 5 of 5." in page


def test_each_side_records_its_own_outcome(client, event, session, people, meetings):
    _started(event)
    meeting = meetings["ana_boris"]
    _as(client, people[0]).post(_url(session, meeting), _answer(meeting, 2, Result.NO_INTEREST))
    _as(client, people[1]).post(_url(session, meeting), _answer(meeting, 5, Result.JOINT_PROJECT))
    assert sorted(MeetingOutcome.objects.values_list("profile", "rating")) == [
        (people[0].pk, 2),
        (people[1].pk, 5),
    ]


def test_someone_else_s_meeting_is_not_found(client, event, session, people, meetings):
    _started(event)
    meeting = meetings["vesna_ana"]
    response = _as(client, people[1]).post(_url(session, meeting), _answer(meeting))
    assert response.status_code == 404
    assert not MeetingOutcome.objects.exists()


def test_a_cancelled_meeting_is_not_rated(client, event, session, people, meetings):
    _started(event)
    meeting = meetings["ana_boris"]
    b2b.meeting_request_cancel(request=meeting.request, by_profile=people[1])
    _as(client, people[0])
    assert f'data-b2b-outcome="{meeting.pk}"' not in client.get(_url(session)).content.decode()

    response = client.post(_url(session, meeting), _answer(meeting))

    assert response.status_code == 409 and "cancelled" in response.content.decode()
    assert not MeetingOutcome.objects.exists()


def test_a_rating_outside_one_to_five_is_refused_with_the_form_again(
    client, event, session, people, meetings
):
    _started(event)
    meeting = meetings["ana_boris"]
    response = _as(client, people[0]).post(_url(session, meeting), _answer(meeting, rating=9))
    assert response.status_code == 400
    assert not MeetingOutcome.objects.exists()


def test_the_page_reads_a_fixed_number_of_queries(client, event, session, people, meetings):
    _started(event)
    _as(client, people[1])
    client.get(_url(session))  # Site root paths and catalogues are cached after the first.
    with CaptureQueriesContext(connection) as one:
        assert client.get(_url(session)).status_code == 200
    _as(client, people[0])
    with CaptureQueriesContext(connection) as two:
        assert client.get(_url(session)).status_code == 200
    assert len(one) == len(two)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_page_renders_in_each_language(client, event, session, people, meetings, language):
    _started(event)
    response = _as(client, people[0]).get(_url(session, language=language))
    assert response.status_code == 200
    assert f'lang="{language}"' in response.content.decode()


def test_the_database_holds_one_outcome_per_meeting_and_side(event, people, meetings):
    meeting = meetings["ana_boris"]
    MeetingOutcome.objects.create(meeting=meeting, profile=people[0], rating=3, result="follow_up")
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingOutcome.objects.create(
            meeting=meeting, profile=people[0], rating=4, result="agreement"
        )


def test_only_a_side_of_the_meeting_records_its_outcome(event, people, meetings):
    _started(event)
    with pytest.raises(b2b.B2BError, match="not yours"):
        b2b.meeting_outcome_record(
            meeting=meetings["ana_boris"], profile=people[2], rating=3, result=Result.FOLLOW_UP
        )


# --- the staff's report and export --------------------------------------------------------------


@pytest.fixture
def recorded(event, people, meetings):
    _started(event)
    rows = [
        (meetings["ana_boris"], people[0], 5, Result.AGREEMENT, "MoU in spring"),
        (meetings["ana_boris"], people[1], 3, Result.FOLLOW_UP, '=HYPERLINK("http://evil")'),
        (meetings["vesna_ana"], people[2], 1, Result.NO_INTEREST, ""),
    ]
    for meeting, profile, rating, result, note in rows:
        b2b.meeting_outcome_record(
            meeting=meeting, profile=profile, rating=rating, result=result, note=note
        )


def test_the_figures_per_club_year_and_sector(event, recorded):
    [club] = reports.b2b_outcome_figures(by="event")
    assert (club.label, club.total, club.average_rating) == ("Business Cluster Club 12", 3, 3.0)
    assert club.counts == {
        "no_interest": 1,
        "follow_up": 1,
        "letter_of_intent": 0,
        "agreement": 1,
        "joint_project": 0,
    }
    [year] = reports.b2b_outcome_figures(by="year")
    started = EventPage.objects.get(pk=event.pk).start
    assert (year.label, year.total) == (str(timezone.localtime(started).year), 3)
    sectors = {row.label: row for row in reports.b2b_outcome_figures(by="sector")}
    assert set(sectors) == {"Agriculture and food industry", "IT industry", "No sector"}
    assert sectors["IT industry"].counts["follow_up"] == 1
    assert sectors["Agriculture and food industry"].counts["agreement"] == 1


@pytest.fixture
def staff(client):
    client.force_login(StaffUserFactory())
    return client


@pytest.mark.parametrize("by", ["event", "year", "sector"])
def test_the_report_shows_a_table_and_a_chart(staff, recorded, by):
    content = staff.get(reverse("events_admin_b2b_outcomes"), {"by": by}).content.decode()
    assert "data-b2b-outcomes-table" in content and "<svg" in content
    assert "<td data-total>" in content and "<rect" in content


def test_the_report_for_one_club(staff, event, recorded):
    content = staff.get(reverse("events_admin_b2b_outcomes"), {"event": event.pk}).content.decode()
    assert "<td data-total>3</td>" in content


OUTCOMES = "/admin/events/b2b/outcomes/list/"


@pytest.fixture
def event_staff():
    return staff_in_role("Event staff")


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_the_export_has_every_outcome_with_both_sides_and_sanitised_cells(
    event_staff, recorded, export_format
):
    rows = exported_rows(event_staff, OUTCOMES, export_format)

    assert rows[0] == [
        "Event",
        "Date",
        "Participant",
        "Organisation",
        "Sectors",
        "Met with",
        "Their organisation",
        "Table",
        "Rating",
        "Result",
        "Note",
        "Recorded",
    ]
    assert len(rows) == 4
    by_participant = {row[2]: row for row in rows[1:]}
    boris = by_participant["Boris"]
    assert boris[3:7] == ["ICT Net", "IT industry", "Ana", "Agro Klaster Niš"]
    assert boris[9] == "Follow-up" and boris[10].startswith("'=HYPERLINK")
    assert by_participant["Vesna"][5:7] == ["Ana", "Agro Klaster Niš"]
    assert by_participant["Ana"][10] == "MoU in spring"
    assert str(by_participant["Ana"][8]) == "5"


def test_the_export_follows_the_filters(event_staff, recorded):
    rows = exported_rows(event_staff, OUTCOMES, "csv", result="agreement")
    assert [row[2] for row in rows[1:]] == ["Ana"]


def test_the_export_reads_a_fixed_number_of_queries(event_staff, event, people, meetings):
    _started(event)
    b2b.meeting_outcome_record(
        meeting=meetings["ana_boris"], profile=people[0], rating=4, result=Result.FOLLOW_UP
    )
    one = export_queries(event_staff, OUTCOMES)
    for meeting, profile in (
        (meetings["ana_boris"], people[1]),
        (meetings["vesna_ana"], people[2]),
    ):
        b2b.meeting_outcome_record(
            meeting=meeting, profile=profile, rating=2, result=Result.NO_INTEREST
        )
    assert export_queries(event_staff, OUTCOMES) == one


def test_the_outcomes_cannot_be_changed_in_the_admin(staff, recorded):
    outcome = MeetingOutcome.objects.first()
    assert staff.get(reverse("events_b2b_outcomes:edit", args=[outcome.pk])).status_code in (
        302,
        403,
    )
    assert staff.post(reverse("events_b2b_outcomes:delete", args=[outcome.pk])).status_code in (
        302,
        403,
    )
    assert MeetingOutcome.objects.filter(pk=outcome.pk).exists()
