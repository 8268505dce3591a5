"""B2B matchmaking's staff screens in the admin, through the real services: who may use them
(the Event staff role; nobody else), switching matchmaking on and editing a session (the
service's refusals as form errors), the session screen with "Schedule" (what was placed, the
bound, a run under way elsewhere) and "Send agendas", moving a meeting by hand (a clash
refused on the form), the printable table plan, every screen in the three languages."""

import re
import threading

import pytest
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.urls import reverse
from wagtail.users.models import UserProfile

from events import services
from events.models import B2BSession, Meeting
from sitesetup.roles import ensure_roles
from tests.exports import staff_in_role
from tests.factories import (
    B2BSessionFactory,
    EventIndexPageFactory,
    EventPageFactory,
    HomePageFactory,
    OrganisationFactory,
    StaffUserFactory,
    UserFactory,
    b2b_accepted,
    b2b_participant,
    ensure_locales,
    ensure_wagtail_base,
)

pytestmark = pytest.mark.django_db
b2b = services.b2b
LANGUAGES = ("en", "sr-latn", "sr")


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
    return B2BSessionFactory(event=event, slot_count=4, table_count=2)


def _profile(session, email, organisation):
    registration = b2b_participant(
        session.event,
        email,
        name=email.split("@")[0].title(),
        organisation=OrganisationFactory(name=organisation),
    )
    return b2b.b2b_profile_get_or_create(session=session, registration=registration)


@pytest.fixture
def people(session):
    return [
        _profile(session, "ana@agro.example", "Agro Klaster Niš"),
        _profile(session, "boris@ict.example", "ICT Net"),
        _profile(session, "vesna@wood.example", "Wood Cluster"),
    ]


def _role_member(name: str):
    ensure_roles()
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=name))
    return user


@pytest.fixture
def event_staff():
    return staff_in_role("Event staff")


def _urls(session, meeting=None):
    urls = {
        "sessions": reverse("events_admin_b2b_sessions"),
        "session": reverse("events_admin_b2b_session", args=[session.pk]),
        "setup": reverse("events_admin_b2b_setup", args=[session.event_id]),
        "plan": reverse("events_admin_b2b_plan", args=[session.pk]),
        "outcomes": reverse("events_admin_b2b_outcomes"),
        "outcome list": reverse("events_b2b_outcomes:index"),
    }
    if meeting is not None:
        urls["move"] = reverse("events_admin_b2b_move", args=[session.pk, meeting.pk])
    return urls


def _placed(session, people):
    b2b_accepted(people[0], people[1])
    b2b_accepted(people[2], people[0])
    b2b.b2b_schedule(session=session, time_limit=1)
    return Meeting.objects.filter(session=session).order_by("slot", "table")


# --- who may use the screens --------------------------------------------------------------------


@pytest.mark.parametrize("who", ["member", "editor"])
def test_people_without_the_event_staff_role_are_refused(client, session, people, who):
    meeting = _placed(session, people).first()
    user = UserFactory() if who == "member" else _role_member("Editors")
    client.force_login(user)
    for name, url in _urls(session, meeting).items():
        assert client.get(url).status_code in (302, 403), name
    before = (meeting.slot, meeting.table)
    for url in (
        reverse("events_admin_b2b_schedule", args=[session.pk]),
        reverse("events_admin_b2b_agendas", args=[session.pk]),
    ):
        assert client.post(url).status_code in (302, 403)
    other_slot = 3 if meeting.slot != 3 else 2
    response = client.post(_urls(session, meeting)["move"], {"slot": other_slot, "table": 2})
    assert response.status_code in (302, 403)
    meeting.refresh_from_db()
    assert (meeting.slot, meeting.table) == before and not meeting.confirmed


def test_the_event_staff_role_opens_every_screen(event_staff, session, people):
    meeting = _placed(session, people).first()
    for name, url in _urls(session, meeting).items():
        assert event_staff.get(url).status_code == 200, name


def test_the_events_menu_and_the_event_list_lead_to_the_b2b_screens(event_staff, session, event):
    content = event_staff.get(reverse("events_admin_events")).content.decode()
    assert reverse("events_admin_b2b_sessions") in content
    assert reverse("events_admin_b2b_setup", args=[event.pk]) in content


def test_the_setup_screen_of_an_event_with_meetings_edits_its_session(event_staff, session):
    content = event_staff.get(_urls(session)["setup"]).content.decode()
    assert "B2B meetings: settings" in content
    assert re.search(r'name="table_count" value="2"', content)


# --- switching matchmaking on, editing a session ------------------------------------------------


def _session_data(event, **changes):
    data = {
        "enabled": "on",
        "first_slot_start": "2030-05-04 18:00",
        "slot_minutes": 20,
        "slot_count": 8,
        "break_slots": "3",
        "table_count": 5,
        "requests_open": "",
        "requests_close": "2030-05-03 12:00",
        "ticket_types": [event.ticket_types.get(name="B2B").pk],
        "no_repeat_pairs": "on",
    }
    data.update(changes)
    return data


def test_staff_switch_matchmaking_on_for_an_event(event_staff, event):
    response = event_staff.post(
        reverse("events_admin_b2b_setup", args=[event.pk]), _session_data(event)
    )

    session = B2BSession.objects.get(event=event)
    assert response.status_code == 302
    assert response["Location"] == reverse("events_admin_b2b_session", args=[session.pk])
    assert (session.enabled, session.slot_count, session.table_count) == (True, 8, 5)
    assert session.break_slots == [3] and session.no_repeat_pairs
    assert list(session.ticket_types.values_list("name", flat=True)) == ["B2B"]


def test_a_break_outside_the_slots_is_a_form_error(event_staff, event):
    response = event_staff.post(
        reverse("events_admin_b2b_setup", args=[event.pk]),
        _session_data(event, break_slots="12"),
    )
    assert response.status_code == 400
    assert "A break must be one of the slots." in response.content.decode()
    assert not B2BSession.objects.filter(event=event).exists()


def test_slots_cut_under_a_placed_meeting_are_refused_on_the_form(event_staff, session, people):
    meetings = _placed(session, people)
    last = max(meeting.slot for meeting in meetings)
    data = _session_data(
        session.event,
        first_slot_start=session.first_slot_start.strftime("%Y-%m-%d %H:%M"),
        slot_count=last,
        break_slots="",
        requests_close="",
    )

    response = event_staff.post(reverse("events_admin_b2b_setup", args=[session.event_id]), data)

    assert response.status_code == 400
    assert "would fall outside the slots and tables" in response.content.decode()
    session.refresh_from_db()
    assert session.slot_count == 4


# --- the session screen: schedule, agendas ------------------------------------------------------


def test_the_session_screen_shows_participants_requests_and_meetings(event_staff, session, people):
    b2b_accepted(people[0], people[1])
    b2b.meeting_request_send(from_profile=people[2], to_profile=people[1])

    content = event_staff.get(_urls(session)["session"]).content.decode()

    assert "Agro Klaster Niš" in content and "Wood Cluster" in content
    assert "Accepted: <strong>1</strong>" in content
    assert "Awaiting an answer: <strong>1</strong>" in content
    assert "No meetings are placed yet." in content


def test_schedule_places_the_accepted_requests_and_says_how_many(event_staff, session, people):
    b2b_accepted(people[0], people[1])
    b2b_accepted(people[2], people[0])
    url = reverse("events_admin_b2b_schedule", args=[session.pk])

    response = event_staff.post(url, follow=True)

    content = response.content.decode()
    assert Meeting.objects.filter(session=session, status=Meeting.Status.PLACED).count() == 2
    assert "Scheduled: 2 meetings placed" in content
    assert "At most 2 could be placed: this schedule places 100% of that." in content
    assert event_staff.get(url).status_code == 405


def test_scheduling_needs_the_form_s_csrf_token(client, session, people):
    client.handler.enforce_csrf_checks = True
    client.force_login(_role_member("Event staff"))
    b2b_accepted(people[0], people[1])
    response = client.post(reverse("events_admin_b2b_schedule", args=[session.pk]))
    assert response.status_code == 403
    assert not Meeting.objects.exists()


def test_send_agendas_confirms_the_placed_meetings(
    event_staff, session, people, django_capture_on_commit_callbacks
):
    _placed(session, people)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = event_staff.post(
            reverse("events_admin_b2b_agendas", args=[session.pk]), follow=True
        )
    assert "3 agendas are on their way" in response.content.decode()
    assert len(callbacks) == 3
    assert not Meeting.objects.filter(confirmed=False).exists()


# --- moving a meeting ---------------------------------------------------------------------------


def test_staff_move_a_meeting_to_a_free_table(event_staff, session, people):
    meeting = _placed(session, people).first()
    free = next(slot for slot in range(4) if slot not in {m.slot for m in Meeting.objects.all()})

    response = event_staff.post(_urls(session, meeting)["move"], {"slot": free, "table": 2})

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.slot, meeting.table) == (free, 2)


def test_a_move_that_would_clash_is_refused_on_the_form(event_staff, session, people):
    first, second = _placed(session, people)
    # people[0] is in both meetings: the first cannot go to the second's slot.
    response = event_staff.post(
        _urls(session, first)["move"], {"slot": second.slot, "table": 2 if second.table == 1 else 1}
    )

    assert response.status_code == 400
    assert "has another meeting at that time." in response.content.decode()
    moved = Meeting.objects.get(pk=first.pk)
    assert (moved.slot, moved.table) == (first.slot, first.table)


def test_a_move_to_a_missing_table_is_refused_on_the_form(event_staff, session, people):
    meeting = _placed(session, people).first()
    response = event_staff.post(_urls(session, meeting)["move"], {"slot": meeting.slot, "table": 9})
    assert response.status_code == 400
    assert "Choose one of the session&#x27;s tables." in response.content.decode()


# --- the table plan -----------------------------------------------------------------------------


def test_the_table_plan_prints_both_sides_and_one_page_per_table(event_staff, session, people):
    meetings = list(_placed(session, people))

    content = event_staff.get(_urls(session)["plan"]).content.decode()

    assert "@media print" in content and "break-after: page" in content
    for name in ("Ana", "Boris", "Vesna", "Agro Klaster Niš", "ICT Net", "Wood Cluster"):
        assert name in content
    tables = {meeting.table for meeting in meetings}
    assert content.count("data-b2b-table=") == len(tables)


# --- the three languages ------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_screen_renders_in_each_language(client, session, people, language):
    meeting = _placed(session, people).first()
    staff = StaffUserFactory()
    profile = UserProfile.get_for_user(staff)
    profile.preferred_language = language
    profile.save()
    client.force_login(staff)
    for name, url in _urls(session, meeting).items():
        response = client.get(url)
        assert response.status_code == 200, name
        assert f'lang="{language}"' in response.content.decode(), name


# --- two staff members at once ------------------------------------------------------------------


@pytest.fixture
def racing_session(transactional_db):
    ensure_wagtail_base()
    ensure_locales()
    home = HomePageFactory(as_site_root=True)
    index = EventIndexPageFactory(parent=home)
    event = EventPageFactory(parent=index, ticket_types=[{"name": "B2B", "capacity": 50}])
    return B2BSessionFactory(event=event, slot_count=4, table_count=2)


def test_a_run_under_way_elsewhere_is_said_clearly_and_nothing_is_written(client, racing_session):
    session = racing_session
    first = _profile(session, "ana@agro.example", "Agro Klaster Niš")
    second = _profile(session, "boris@ict.example", "ICT Net")
    b2b_accepted(first, second)
    client.force_login(_role_member("Event staff"))
    locked, release = threading.Event(), threading.Event()

    def another_run_holding_the_session():
        try:
            with transaction.atomic():
                B2BSession.objects.select_for_update().get(pk=session.pk)
                locked.set()
                release.wait(timeout=30)
        finally:
            connection.close()

    holder = threading.Thread(target=another_run_holding_the_session)
    holder.start()
    assert locked.wait(timeout=30)
    try:
        response = client.post(reverse("events_admin_b2b_schedule", args=[session.pk]), follow=True)
    finally:
        release.set()
        holder.join(timeout=30)

    assert "Another staff member is scheduling these meetings right now." in (
        response.content.decode()
    )
    assert not Meeting.objects.exists()
