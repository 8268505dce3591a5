"""B2B matchmaking's pages: who may see them (participants and staff; a visitor is sent to sign
in, anyone else refused, a session that is off not found), the profile form, browsing with
filters and folded search in a fixed number of queries, suggestions, requests and their
answers on the site and by the mailed link (for the person asked only, once), the agenda
with its print page and calendar file, every screen in the three languages, and the link
from the event page."""

import datetime
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core import signing
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from events import services, tickets
from events.models import B2BItem, B2BSession, Meeting, MeetingRequest, TicketType
from tests.factories import (
    B2BSessionFactory,
    EventIndexPageFactory,
    EventPageFactory,
    OrganisationFactory,
    SectorFactory,
    StaffUserFactory,
    UserFactory,
    b2b_participant,
    translate_page,
)

# The rules hold on make run's SQLite too (`sqlite`: make test runs them there as well).
pytestmark = [pytest.mark.django_db, pytest.mark.sqlite]
b2b = services.b2b
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
    return B2BSessionFactory(event=event)


def _profile(session, email, name, **organisation):
    org = OrganisationFactory(name=name, **organisation)
    registration = b2b_participant(
        session.event, email, name=email.split("@")[0].title(), organisation=org
    )
    return b2b.b2b_profile_get_or_create(session=session, registration=registration)


@pytest.fixture
def ana(session):
    return _profile(session, "ana@agro.example", "Agro Klaster Niš", region="south_east")


@pytest.fixture
def boris(session):
    return _profile(session, "boris@ict.example", "ICT Net", region="belgrade")


def _url(name, session, *args, language="en"):
    with translation.override(language):
        return reverse(f"events:{name}", args=[session.pk, *args])


def _as(client, profile):
    client.force_login(profile.registration.user)
    return client


PAGES = [
    "b2b_home",
    "b2b_profile",
    "b2b_participants",
    "b2b_suggestions",
    "b2b_requests",
    "b2b_agenda",
    "b2b_agenda_print",
    "b2b_agenda_ics",
]


# --- who may see the pages --------------------------------------------------------------------


@pytest.mark.parametrize("name", PAGES)
def test_a_visitor_is_sent_to_sign_in(client, session, name):
    response = client.get(_url(name, session))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("name", PAGES)
def test_a_member_who_does_not_take_part_is_refused(client, session, ana, name):
    client.force_login(UserFactory())
    response = client.get(_url(name, session))
    assert response.status_code == 403
    assert b"confirmed participants" in response.content
    assert b"Agro" not in response.content


def test_a_participant_of_another_event_is_refused(client, event, session):
    other = EventPageFactory(
        parent=event.get_parent(), ticket_types=[{"name": "B2B", "capacity": 5}]
    )
    registration = b2b_participant(other, "zoran@example.org")
    client.force_login(registration.user)
    assert client.get(_url("b2b_participants", session)).status_code == 403


def test_a_session_that_is_off_is_not_found_except_by_staff(client, session, ana):
    B2BSession.objects.filter(pk=session.pk).update(enabled=False)
    assert _as(client, ana).get(_url("b2b_home", session)).status_code == 404
    client.force_login(StaffUserFactory())
    assert client.get(_url("b2b_participants", session)).status_code == 200


def test_staff_see_the_participants(client, session, ana):
    client.force_login(StaffUserFactory())
    response = client.get(_url("b2b_participants", session))
    assert response.status_code == 200 and "Agro Klaster Niš" in response.content.decode()


def test_every_page_is_private(client, session, ana):
    response = _as(client, ana).get(_url("b2b_participants", session))
    assert "private" in response["Cache-Control"]


# --- the profile --------------------------------------------------------------------------


def test_the_profile_form_starts_from_the_organisation_and_saves_offers_and_needs(
    client, session, home_page
):
    food = SectorFactory(name="Food", slug="food")
    organisation = OrganisationFactory(
        name="Fruit Cluster",
        region="vojvodina",
        description="<p>We grow fruit.</p>",
        sectors=[food],
    )
    registration = b2b_participant(session.event, "vesna@fruit.example", organisation=organisation)
    client.force_login(registration.user)
    url = _url("b2b_profile", session)

    form = client.get(url)
    content = form.content.decode()
    assert "We grow fruit." in content
    assert re.search(r'value="food"[^>]*checked|checked[^>]*value="food"', content)

    response = client.post(
        url,
        {
            "description": "We grow and freeze fruit.",
            "region": "vojvodina",
            "sectors": ["food"],
            "available_slots": ["0", "2", "3"],
            "max_meetings": "5",
            "is_visible": "on",
            "items-TOTAL_FORMS": "2",
            "items-INITIAL_FORMS": "0",
            "items-MIN_NUM_FORMS": "0",
            "items-MAX_NUM_FORMS": "12",
            "items-0-direction": "offer",
            "items-0-kind": "supplier",
            "items-0-text": "Frozen raspberries",
            "items-0-sectors": ["food"],
            "items-1-direction": "",
            "items-1-kind": "",
            "items-1-text": "",
        },
    )

    assert response.status_code == 302
    profile = registration.b2b_profiles.get()
    assert profile.description == "We grow and freeze fruit." and profile.max_meetings == 5
    assert profile.available_slots == [0, 2, 3]
    item = profile.items.get()
    assert (item.direction, item.kind, item.text) == ("offer", "supplier", "Frozen raspberries")
    assert list(item.sectors.all()) == [food]


def test_a_profile_without_any_slot_is_refused_with_the_form_again(client, session, ana):
    response = _as(client, ana).post(
        _url("b2b_profile", session),
        {"items-TOTAL_FORMS": "0", "items-INITIAL_FORMS": "0", "is_visible": "on"},
    )
    assert response.status_code == 400
    assert "Choose at least one slot." in response.content.decode()


def test_a_participant_without_a_profile_is_sent_to_write_one(client, session):
    registration = b2b_participant(session.event, "new@example.org")
    client.force_login(registration.user)
    response = client.get(_url("b2b_participants", session))
    assert response.status_code == 302 and response["Location"] == _url("b2b_profile", session)


# --- browsing ------------------------------------------------------------------------------


def _browse(client, session, **query):
    response = client.get(_url("b2b_participants", session), query)
    assert response.status_code == 200
    return [profile.pk for profile in response.context["page_obj"].object_list]


def test_browse_filters_by_sector_type_region_and_folded_text(client, session, ana, boris):
    ict = SectorFactory(name="ICT", slug="ict")
    boris.sectors.set([ict])
    B2BItem.objects.create(profile=boris, direction="offer", kind="rd_partner", text="Sensors")
    cedo = _profile(session, "cedo@example.org", "Čačak Metal", region="sumadija_west")
    _as(client, cedo)

    assert _browse(client, session) == [ana.pk, boris.pk]
    assert _browse(client, session, sector="ict") == [boris.pk]
    assert _browse(client, session, kind="rd_partner") == [boris.pk]
    assert _browse(client, session, region="south_east") == [ana.pk]
    # Latin, Cyrillic, with or without diacritics: one search.
    assert _browse(client, session, q="Ниш") == [ana.pk]
    assert _browse(client, session, q="nis") == [ana.pk]
    assert _browse(client, session, q="klaster") == [ana.pk]
    assert _browse(client, session, sector="no-such-sector") == [ana.pk, boris.pk]


def test_browse_reads_a_fixed_number_of_queries_whatever_the_number_of_profiles(
    client, session, ana
):
    sector = SectorFactory(name="Food", slug="food")

    def count():
        # The second of two views: the first may fill the site's cached fragments.
        client.get(_url("b2b_participants", session))
        with CaptureQueriesContext(connection) as queries:
            response = client.get(_url("b2b_participants", session))
        assert response.status_code == 200
        return len(queries)

    def more(n, start):
        for i in range(start, start + n):
            profile = _profile(session, f"p{i}@example.org", f"Organisation {i}")
            profile.sectors.set([sector])
            item = B2BItem.objects.create(
                profile=profile, direction="offer", kind="supplier", text="x"
            )
            item.sectors.set([sector])

    _as(client, ana)
    more(2, 0)
    few = count()
    more(8, 10)
    assert count() == few


# --- suggestions -------------------------------------------------------------------------------


def test_suggestions_explain_each_match_in_one_line(client, session, ana, boris):
    B2BItem.objects.create(profile=ana, direction="seek", kind="rd_partner", text="Drone sensors")
    B2BItem.objects.create(profile=boris, direction="offer", kind="rd_partner", text="Sensors")

    response = _as(client, ana).get(_url("b2b_suggestions", session))

    content = response.content.decode()
    assert "ICT Net" in content and "Offers what you seek: R&amp;D partner" in content
    assert "sensors" in content


# --- requests ----------------------------------------------------------------------------------


def test_a_request_is_sent_from_the_participant_s_page(client, session, ana, boris):
    response = _as(client, ana).post(
        _url("b2b_participant", session, boris.pk), {"message": "Shall we meet?"}
    )

    assert response.status_code == 302
    request = MeetingRequest.objects.get()
    assert (request.from_profile, request.to_profile, request.message) == (
        ana,
        boris,
        "Shall we meet?",
    )


def test_a_refused_request_says_why(client, session, ana, boris):
    b2b.meeting_request_send(from_profile=ana, to_profile=boris)
    response = _as(client, ana).post(_url("b2b_participant", session, boris.pk), {"message": ""})
    assert response.status_code == 409
    assert "You have already asked" in response.content.decode()


def test_sending_requests_is_throttled(client, session, ana, boris, settings):
    settings.THROTTLE_RATES = {**settings.THROTTLE_RATES, "b2b_request": {"ip": "1/h"}}
    _as(client, ana)
    client.post(_url("b2b_participant", session, boris.pk), {"message": "1"})
    response = client.post(_url("b2b_participant", session, boris.pk), {"message": "2"})
    assert response.status_code == 429


def test_the_person_asked_accepts_on_the_site(client, session, ana, boris):
    request = b2b.meeting_request_send(from_profile=ana, to_profile=boris)
    response = _as(client, boris).post(_url("b2b_request_action", session, request.pk, "accept"))
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == MeetingRequest.Status.ACCEPTED


def test_a_third_participant_cannot_accept_someone_else_s_request(client, session, ana, boris):
    cedo = _profile(session, "cedo@example.org", "Cedo Foods")
    request = b2b.meeting_request_send(from_profile=ana, to_profile=boris)

    response = _as(client, cedo).post(_url("b2b_request_action", session, request.pk, "accept"))

    assert response.status_code == 404
    request.refresh_from_db()
    assert request.status == MeetingRequest.Status.PENDING


def test_the_asker_cannot_accept_their_own_request(client, session, ana, boris):
    request = b2b.meeting_request_send(from_profile=ana, to_profile=boris)
    _as(client, ana).post(_url("b2b_request_action", session, request.pk, "accept"), follow=True)
    request.refresh_from_db()
    assert request.status == MeetingRequest.Status.PENDING


# --- the answer link -----------------------------------------------------------------------


def _answer_url(request):
    return reverse("events:b2b_answer", args=[tickets.b2b_answer_token(request)])


def test_the_mailed_link_shows_the_request_and_accepts_only_on_post(client, session, ana, boris):
    request = b2b.meeting_request_send(from_profile=ana, to_profile=boris, message="Hello")

    shown = client.get(_answer_url(request))
    assert shown.status_code == 200 and "Hello" in shown.content.decode()
    request.refresh_from_db()
    assert request.status == MeetingRequest.Status.PENDING

    accepted = client.post(_answer_url(request), {"action": "accept"})
    assert accepted.status_code == 200 and "You accepted the meeting" in accepted.content.decode()
    again = client.post(_answer_url(request), {"action": "accept"})
    assert "You had accepted this request already." in again.content.decode()
    declined = client.post(_answer_url(request), {"action": "decline"})
    assert declined.status_code == 409
    request.refresh_from_db()
    assert request.status == MeetingRequest.Status.ACCEPTED


def test_a_link_opened_by_another_signed_in_participant_is_refused(client, session, ana, boris):
    request = b2b.meeting_request_send(from_profile=ana, to_profile=boris)
    response = _as(client, ana).post(_answer_url(request), {"action": "accept"})
    assert response.status_code == 403
    request.refresh_from_db()
    assert request.status == MeetingRequest.Status.PENDING


def test_a_forged_or_altered_link_is_not_found(client, session, ana, boris):
    request = b2b.meeting_request_send(from_profile=ana, to_profile=boris)
    forged = signing.dumps([request.pk, ana.pk], salt="events.b2b.answer")
    assert client.get(reverse("events:b2b_answer", args=[forged])).status_code == 404
    assert client.get(reverse("events:b2b_answer", args=["nonsense"])).status_code == 404


def test_an_expired_link_says_so(client, session, ana, boris, monkeypatch):
    request = b2b.meeting_request_send(from_profile=ana, to_profile=boris)
    url = _answer_url(request)
    monkeypatch.setattr(tickets, "ANSWER_LINK_MAX_AGE", -1)
    response = client.post(url, {"action": "accept"})
    assert response.status_code == 400 and "expired" in response.content.decode()


# --- the agenda ------------------------------------------------------------------------------


def _meeting(session, ana, boris, *, slot=2, table=3):
    request = b2b.meeting_request_send(from_profile=ana, to_profile=boris)
    b2b.meeting_request_accept(request=request, by_profile=boris)
    return Meeting.objects.create(
        session=session, request=request, profile_a=ana, profile_b=boris, slot=slot, table=table
    )


def test_the_agenda_shows_time_table_and_the_other_side(client, session, ana, boris):
    meeting = _meeting(session, ana, boris)

    content = _as(client, boris).get(_url("b2b_agenda", session)).content.decode()

    assert "Agro Klaster Niš" in content
    assert f"<td>{meeting.table}</td>" in content
    assert "datetime=" in content


def test_a_cancelled_meeting_shows_as_cancelled_to_the_other_side(client, session, ana, boris):
    _meeting(session, ana, boris)
    services.registration_cancel(registration=ana.registration)

    content = _as(client, boris).get(_url("b2b_agenda", session)).content.decode()

    assert "Cancelled: A participant cancelled their registration" in content


def test_the_printable_agenda_has_print_styles(client, session, ana, boris):
    """From a stylesheet of the site: the public CSP drops inline styles."""
    _meeting(session, ana, boris)
    content = _as(client, ana).get(_url("b2b_agenda_print", session)).content.decode()
    stylesheet = re.search(r'<link rel="stylesheet" href="([^"]+)">', content).group(1)
    assert "b2b-agenda-print" in stylesheet and "ICT Net" in content
    assert "@media print" in Path(finders.find("css/b2b-agenda-print.css")).read_text()


def test_the_agenda_calendar_has_each_meeting_with_its_table(client, session, ana, boris):
    meeting = _meeting(session, ana, boris)
    response = _as(client, ana).get(_url("b2b_agenda_ics", session))
    body = response.content.decode().replace("\r\n ", "")
    assert response["Content-Type"].startswith("text/calendar")
    assert body.count("BEGIN:VEVENT") == 1 and f"Table {meeting.table}" in body
    start = meeting.starts_at.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%S")
    assert start in body or meeting.starts_at.strftime("%Y%m%dT%H%M%S") in body


# --- the three languages ------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PAGES[:-1])
def test_every_screen_renders_in_each_language(client, session, ana, boris, language, name):
    _meeting(session, ana, boris)
    response = _as(client, ana).get(_url(name, session, language=language))
    assert response.status_code == 200
    assert f'lang="{language}"' in response.content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_answer_page_renders_in_each_language(client, session, ana, boris, language):
    request = b2b.meeting_request_send(from_profile=ana, to_profile=boris)
    with translation.override(language):
        url = reverse("events:b2b_answer", args=[tickets.b2b_answer_token(request)])
    response = client.get(url)
    assert response.status_code == 200 and f'lang="{language}"' in response.content.decode()


def test_the_pages_name_the_event_in_the_reader_s_language(client, home_page, event, session, ana):
    translate_page(home_page, "sr-latn")
    translate_page(event.get_parent(), "sr-latn")
    translate_page(event, "sr-latn", title="Poslovni klub klastera 12")
    content = _as(client, ana).get(_url("b2b_home", session, language="sr-latn")).content.decode()
    assert "Poslovni klub klastera 12" in content


# --- the event page ------------------------------------------------------------------------------


def test_the_event_page_leads_participants_to_their_b2b_meetings(client, event, session, ana):
    link = _url("b2b_home", session)
    assert link in _as(client, ana).get(event.url).content.decode()
    client.force_login(UserFactory())
    assert link not in client.get(event.url).content.decode()


def test_the_link_shows_while_the_meetings_are_on(client, event, session, ana):
    link = _url("b2b_home", session)
    session.enabled = False
    b2b.b2b_session_save(session=session)
    _as(client, ana)
    assert link not in client.get(event.url).content.decode()

    session.enabled = True
    b2b.b2b_session_save(session=session)

    assert link in client.get(event.url).content.decode()


def test_the_event_page_leads_only_holders_of_a_ticket_taking_part(client, event, session, ana):
    visitor_ticket = TicketType.objects.create(
        page=event, name="Visitor", capacity=5, locale=event.locale
    )
    visitor = b2b_participant(event, "visitor@example.org", ticket_type=visitor_ticket)
    session.ticket_types.set([event.ticket_types.get(name="B2B")])
    link = _url("b2b_home", session)

    client.force_login(visitor.user)
    assert link not in client.get(event.url).content.decode()
    assert link in _as(client, ana).get(event.url).content.decode()
