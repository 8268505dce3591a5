"""B2B matchmaking end to end, through the real views, with a real Celery worker delivering
the mail to the local SMTP server: two members register for a Business Cluster Club, fill
in their profiles, one asks the other for a meeting, the other accepts by the link in the
mail, staff schedule in the admin, and both receive their agendas (with the calendar file)
naming the same time and table; at the club the door checks them in, afterwards both record
what came of the meeting, and staff export the outcomes."""

import csv
import datetime
import io
import re
from urllib.parse import urlsplit

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from events.models import (
    B2BProfile,
    EventPage,
    Meeting,
    MeetingOutcome,
    MeetingRequest,
    Registration,
)
from tests.exports import staff_in_role
from tests.factories import (
    B2BSessionFactory,
    EventIndexPageFactory,
    EventPageFactory,
    HomePageFactory,
    OrganisationFactory,
    OrganisationUserFactory,
    ensure_locales,
    ensure_wagtail_base,
    verified_user,
)


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _link(mail, containing: str) -> str:
    links = [link for link in re.findall(r"https?://\S+", mail.body_text()) if containing in link]
    assert links, mail.body_text()
    return _path(links[0])


def _register(event, email: str, organisation) -> Client:
    """A member of ``organisation`` signs in and registers for the club's free ticket."""
    user = verified_user(email=email, first_name=email.split("@")[0].title(), last_name="Test")
    OrganisationUserFactory(user=user, organisation=organisation)
    client = Client()
    client.force_login(user)
    response = client.post(
        f"{event.url}register/",
        {
            "ticket_type": event.ticket_types.get().pk,
            "name": user.get_full_name(),
            "email": email,
            "organisation_name": organisation.name,
        },
    )
    assert response.status_code == 302
    assert Registration.objects.get(email=email).status == Registration.Status.CONFIRMED
    return client


def _fill_profile(client, session, *, direction: str, kind: str, text: str) -> None:
    url = reverse("events:b2b_profile", args=[session.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "description": "We work with clusters.",
            "available_slots": [str(slot) for slot in range(session.slot_count)],
            "is_visible": "on",
            "items-TOTAL_FORMS": "1",
            "items-INITIAL_FORMS": "0",
            "items-MIN_NUM_FORMS": "0",
            "items-MAX_NUM_FORMS": "12",
            "items-0-direction": direction,
            "items-0-kind": kind,
            "items-0-text": text,
        },
    )
    assert response.status_code == 302, response.content.decode()


def _agenda(mailbox, address: str):
    [mail] = mailbox.wait_for_matching(
        lambda m: address in m.rcpt_tos and "B2B agenda" in m.subject, f"agenda for {address}"
    )
    [ics] = [part for part in mail.message.walk() if part.get_filename() == "b2b-agenda.ics"]
    calendar = ics.get_payload(decode=True).decode().replace("\r\n ", "")
    start = re.search(r"DTSTART[^:]*:(\S+)", calendar).group(1)
    table = re.search(r"Table (\d+)", calendar).group(1)
    return mail, start, table


def test_two_members_meet_at_the_same_time_and_table(celery_worker, mailbox):
    ensure_wagtail_base()  # the staff roles' permissions, after an earlier flush
    ensure_locales()
    home = HomePageFactory(as_site_root=True)
    index = EventIndexPageFactory(parent=home)
    event = EventPageFactory(
        parent=index,
        title="Business Cluster Club 12",
        event_type="club",
        ticket_types=[{"name": "B2B meetings", "capacity": 40}],
    )
    session = B2BSessionFactory(event=event)
    ana = _register(event, "ana@agro.example", OrganisationFactory(name="Agro Cluster"))
    boris = _register(event, "boris@ict.example", OrganisationFactory(name="ICT Net"))

    _fill_profile(ana, session, direction="seek", kind="rd_partner", text="Drone sensors")
    _fill_profile(boris, session, direction="offer", kind="rd_partner", text="Sensors, drones")

    # Ana finds Boris among her suggestions and asks for a meeting.
    suggestions = ana.get(reverse("events:b2b_suggestions", args=[session.pk]))
    assert "ICT Net" in suggestions.content.decode()
    boris_profile = B2BProfile.objects.get(registration__email="boris@ict.example")
    asked = ana.post(
        reverse("events:b2b_participant", args=[session.pk, boris_profile.pk]),
        {"message": "Your sensors in our orchards?"},
    )
    assert asked.status_code == 302

    # Boris accepts by the link in the mail, without signing in.
    [request_mail] = mailbox.wait_for_matching(
        lambda m: "boris@ict.example" in m.rcpt_tos and "asks you for a B2B meeting" in m.subject,
        "the request",
    )
    assert "Your sensors in our orchards?" in request_mail.body_text()
    answer = _link(request_mail, "/events/b2b/answer/")
    stranger = Client()
    assert stranger.get(answer).status_code == 200
    accepted = stranger.post(answer, {"action": "accept"})
    assert "You accepted the meeting" in accepted.content.decode()
    assert MeetingRequest.objects.get().status == MeetingRequest.Status.ACCEPTED
    mailbox.wait_for_matching(
        lambda m: "ana@agro.example" in m.rcpt_tos and "accepted your B2B" in m.subject,
        "the acceptance",
    )

    # Staff schedule in the admin, then send the agendas.
    staff = staff_in_role("Event staff")
    scheduled = staff.post(reverse("events_admin_b2b_schedule", args=[session.pk]), follow=True)
    assert scheduled.status_code == 200
    meeting = Meeting.objects.get()
    sent = staff.post(reverse("events_admin_b2b_agendas", args=[session.pk]), follow=True)
    assert sent.status_code == 200

    ana_mail, ana_start, ana_table = _agenda(mailbox, "ana@agro.example")
    boris_mail, boris_start, boris_table = _agenda(mailbox, "boris@ict.example")
    assert (ana_start, ana_table) == (boris_start, boris_table)
    assert ana_table == str(meeting.table)
    assert "ICT Net" in ana_mail.body_text() and "Agro Cluster" in boris_mail.body_text()

    # And on the site, both agendas name the same table.
    for client in (ana, boris):
        page = client.get(reverse("events:b2b_agenda", args=[session.pk])).content.decode()
        assert f"<td>{meeting.table}</td>" in page

    # The club day: the door checks both in.
    for registration in Registration.objects.filter(event=event):
        checked = staff.post(
            reverse("events_admin_check_in", args=[event.pk]), {"code": registration.code}
        )
        assert checked.status_code == 200
    assert set(Registration.objects.values_list("status", flat=True)) == {
        Registration.Status.ATTENDED
    }

    # Afterwards each side records what came of the meeting.
    EventPage.objects.filter(pk=event.pk).update(
        start=timezone.now() - datetime.timedelta(hours=3),
        end=timezone.now() - datetime.timedelta(hours=1),
    )
    outcomes = reverse("events:b2b_outcomes_record", args=[session.pk, meeting.pk])
    prefix = f"m{meeting.pk}"
    for client, rating, result in ((ana, 5, "letter_of_intent"), (boris, 4, "follow_up")):
        recorded = client.post(
            outcomes,
            {f"{prefix}-rating": rating, f"{prefix}-result": result, f"{prefix}-note": "Pilot"},
        )
        assert recorded.status_code == 302, recorded.content.decode()
    assert MeetingOutcome.objects.filter(meeting=meeting).count() == 2

    # Staff export the outcomes for the donors' report.
    export = staff.get("/admin/events/b2b/outcomes/list/", {"export": "csv"})
    assert export.status_code == 200
    rows = list(csv.reader(io.StringIO(export.getvalue().decode("utf-8-sig"))))
    assert len(rows) == 3  # the headings and one row per side
    exported = "\n".join(",".join(row) for row in rows[1:])
    assert "Agro Cluster" in exported and "ICT Net" in exported
