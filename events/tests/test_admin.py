"""Staff screens: registrations with figures, cancel and move, exports, check-in answers,
permissions; and the person's own ticket page reached by the signed link."""

import csv
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from events import services, tickets
from events.models import Registration
from tests.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    StaffUserFactory,
    UserFactory,
    verified_user,
)

pytestmark = pytest.mark.django_db
Status = Registration.Status
REGISTRATIONS = "/admin/events/registrations/"


@pytest.fixture
def event(home_page):
    index = EventIndexPageFactory(parent=home_page)
    return EventPageFactory(
        parent=index,
        title="Business Cluster Club",
        ticket_types=[
            {"name": "Guest", "capacity": 2},
            {"name": "Dinner", "capacity": 1, "price": Decimal("15.00")},
        ],
    )


@pytest.fixture
def staff(client):
    client.force_login(StaffUserFactory())
    return client


def _confirmed(ticket, email, name="Guest"):
    user = verified_user(email=email)
    return services.registration_create(ticket_type=ticket, name=name, email=email, user=user)


def test_registration_list_shows_figures_and_filters(staff, event):
    guest = event.ticket_types.get(name="Guest")
    _confirmed(guest, "a@example.org", "Ana")
    _confirmed(guest, "b@example.org", "Bojan")
    services.registration_create(ticket_type=guest, name="Vesna", email="v@example.org")
    response = staff.get(REGISTRATIONS, {"event": event.pk})
    content = response.content.decode()
    assert response.status_code == 200
    assert '<dd data-figure="confirmed">2</dd>' in content
    assert '<dd data-figure="waiting">1</dd>' in content
    waiting_only = staff.get(REGISTRATIONS, {"event": event.pk, "status": "waitlisted"})
    assert "Vesna" in waiting_only.content.decode() and "Bojan" not in waiting_only.content.decode()


def test_exports_hold_every_registration_and_neutralise_formulas(staff, event):
    guest = event.ticket_types.get(name="Guest")
    _confirmed(guest, "a@example.org", '=HYPERLINK("http://evil")')
    rows = list(
        csv.reader(
            io.StringIO(
                staff.get(REGISTRATIONS, {"event": event.pk, "export": "csv"})
                .getvalue()
                .decode("utf-8-sig")
            )
        )
    )
    assert rows[0][:3] == ["Ticket code", "Name", "E-mail"]
    assert rows[1][1].startswith("'=") and rows[1][2] == "a@example.org"
    xlsx = staff.get(REGISTRATIONS, {"event": event.pk, "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.getvalue())).active
    assert sheet.cell(row=2, column=3).value == "a@example.org"


def test_an_events_registrations_lead_to_the_list_of_that_event_and_its_export(staff, event):
    other = EventPageFactory(parent=event.get_parent(), ticket_types=[{"capacity": 3}])
    _confirmed(event.ticket_types.get(name="Guest"), "a@example.org", "Ana")
    _confirmed(other.ticket_types.get(), "z@example.org", "Zoran")
    response = staff.get(f"/admin/events/{event.pk}/registrations/", {"status": "confirmed"})
    assert response["Location"] == f"{REGISTRATIONS}?status=confirmed&event={event.pk}"
    page = staff.get(response["Location"]).content.decode()
    assert "Ana" in page and "Zoran" not in page
    exported = staff.get(response["Location"] + "&export=csv").getvalue().decode("utf-8-sig")
    assert [row[1] for row in csv.reader(io.StringIO(exported))] == ["Name", "Ana"]


def test_staff_cancel_promotes_and_move_respects_capacity(staff, event, mailbox):
    guest = event.ticket_types.get(name="Guest")
    dinner = event.ticket_types.get(name="Dinner")
    first = _confirmed(guest, "a@example.org")
    _confirmed(guest, "b@example.org")
    waiting = _confirmed(guest, "c@example.org")
    assert waiting.status == Status.WAITLISTED

    staff.post(f"/admin/events/{event.pk}/registrations/{first.pk}/cancel/")
    first.refresh_from_db()
    waiting.refresh_from_db()
    assert first.status == Status.CANCELLED and waiting.status == Status.CONFIRMED

    staff.post(
        f"/admin/events/{event.pk}/registrations/{waiting.pk}/move/", {"ticket_type": dinner.pk}
    )
    waiting.refresh_from_db()
    assert waiting.ticket_type == dinner
    other = Registration.objects.get(email="b@example.org")
    response = staff.post(
        f"/admin/events/{event.pk}/registrations/{other.pk}/move/",
        {"ticket_type": dinner.pk},
        follow=True,
    )
    other.refresh_from_db()
    assert other.ticket_type == guest
    assert "no free place" in response.content.decode()


@pytest.mark.parametrize(
    ("setup", "outcome"),
    [
        ("cancelled", "cancelled"),
        ("other_event", "other_event"),
        ("unknown", "unknown"),
        ("waiting", "not_confirmed"),
    ],
)
def test_check_in_says_what_is_wrong_with_a_ticket(staff, event, setup, outcome):
    guest = event.ticket_types.get(name="Guest")
    code = "FORGEDCODE99"
    if setup == "cancelled":
        registration = _confirmed(guest, "a@example.org")
        services.registration_cancel(registration=registration, by_staff=True)
        code = registration.code
    elif setup == "other_event":
        other = EventPageFactory(parent=event.get_parent(), ticket_types=[{"capacity": 3}])
        code = _confirmed(other.ticket_types.get(), "a@example.org").code
    elif setup == "waiting":
        code = services.registration_create(ticket_type=guest, name="W", email="w@x.org").code
    response = staff.post(
        f"/admin/events/{event.pk}/check-in/", {"code": code}, HTTP_ACCEPT="application/json"
    )
    assert response.json()["outcome"] == outcome
    assert not Registration.objects.filter(status=Status.ATTENDED).exists()


def test_check_in_without_javascript_shows_the_answer_on_the_page(staff, event):
    registration = _confirmed(event.ticket_types.get(name="Guest"), "a@example.org")
    response = staff.post(f"/admin/events/{event.pk}/check-in/", {"code": registration.code})
    assert 'data-outcome="valid"' in response.content.decode()


def test_people_without_the_permission_cannot_see_or_change_registrations(client, event):
    registration = _confirmed(event.ticket_types.get(name="Guest"), "a@example.org")
    editor = UserFactory(is_staff=True)
    client.force_login(editor)
    for url in (
        f"{REGISTRATIONS}?event={event.pk}",
        f"/admin/events/{event.pk}/registrations/",
        f"/admin/events/{event.pk}/check-in/",
    ):
        assert client.get(url).status_code in (302, 403)
    client.post(f"/admin/events/{event.pk}/registrations/{registration.pk}/cancel/")
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


def test_the_signed_link_shows_the_ticket_and_cancels_it(client, event):
    registration = _confirmed(event.ticket_types.get(name="Guest"), "a@example.org")
    url = tickets.manage_path(registration)
    page = client.get(url).content.decode()
    assert registration.code in page and "<svg" in page
    assert client.get(url + "qr.svg")["Content-Type"] == "image/svg+xml"
    client.post(url + "cancel/")
    registration.refresh_from_db()
    assert registration.status == Status.CANCELLED


def test_a_forged_or_tampered_link_is_refused_and_changes_nothing(client, event):
    registration = _confirmed(event.ticket_types.get(name="Guest"), "a@example.org")
    token = tickets.manage_token(registration)
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert client.get(f"/tickets/{tampered}/").status_code == 404
    assert client.post(f"/tickets/{tampered}/cancel/").status_code == 404
    assert client.post(f"/tickets/{registration.pk}/cancel/").status_code == 404
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


def test_public_registration_confirms_by_the_link_in_the_mail(client, event):
    guest = event.ticket_types.get(name="Guest")
    data = {"ticket_type": guest.pk, "name": "Guest", "email": "g@example.org"}
    response = client.post(f"{event.url}register/", data)
    registration = Registration.objects.get()
    # The link goes to the address only; the answer says to check the mail.
    link = tickets.manage_path(registration)
    assert response.status_code == 200 and link not in response.content.decode()
    assert registration.status == Status.PENDING_EMAIL
    client.get(link)  # opening the link changes nothing (mail scanners)
    registration.refresh_from_db()
    assert registration.status == Status.PENDING_EMAIL
    client.post(link + "confirm/")
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"name": "Guest", "email": "not-an-address"}, "valid email"),
        ({"name": "Guest\nBcc: x@example.org", "email": "g@example.org"}, "line breaks"),
        ({"name": "Guest", "email": "g@example.org", "ticket_type": "999999"}, "valid choice"),
    ],
)
def test_the_form_shows_what_is_wrong_and_registers_nobody(client, event, data, error):
    guest = event.ticket_types.get(name="Guest")
    response = client.post(f"{event.url}register/", {"ticket_type": guest.pk, **data})
    assert response.status_code == 400
    assert error in response.content.decode()
    assert not Registration.objects.exists()


def test_registering_twice_registers_once_and_tells_only_the_address(client, event):
    guest = event.ticket_types.get(name="Guest")
    data = {"ticket_type": guest.pk, "name": "Guest", "email": "g@example.org"}
    client.post(f"{event.url}register/", data)
    response = client.post(f"{event.url}register/", {**data, "email": "G@Example.org"})
    assert response.status_code == 200
    assert "already registered" not in response.content.decode()
    assert Registration.objects.count() == 1


def test_members_only_ticket_refuses_the_public(client, home_page):
    index = EventIndexPageFactory(parent=home_page)
    event = EventPageFactory(parent=index, ticket_types=[{"capacity": 5, "members_only": True}])
    data = {"ticket_type": event.ticket_types.get().pk, "name": "G", "email": "g@example.org"}
    response = client.post(f"{event.url}register/", data)
    assert response.status_code == 409
    assert "members of the association" in response.content.decode()
    assert not Registration.objects.exists()


def test_an_event_with_registrations_cannot_be_deleted(staff, event):
    _confirmed(event.ticket_types.get(name="Guest"), "a@example.org")
    response = staff.post(f"/admin/pages/{event.pk}/delete/", follow=True)
    assert "cannot be deleted" in response.content.decode()
    assert type(event).objects.filter(pk=event.pk).exists()
    index = event.get_parent()
    staff.post(f"/admin/pages/{index.pk}/delete/")
    assert type(event).objects.filter(pk=event.pk).exists()


def test_the_editor_refuses_to_remove_a_ticket_type_with_registrations(event):
    guest = event.ticket_types.get(name="Guest")
    dinner = event.ticket_types.get(name="Dinner")
    _confirmed(guest, "a@example.org")

    def ticket(instance, delete):
        return {
            "id": instance.pk,
            "name": instance.name,
            "price": instance.price,
            "capacity": instance.capacity,
            "waiting_list": "on",
            **({"DELETE": "on"} if delete else {}),
        }

    def data(delete_guest):
        return nested_form_data(
            {
                "title": event.title,
                "slug": event.slug,
                "intro": event.intro,
                "start": event.start.strftime("%Y-%m-%d %H:%M"),
                "end": event.end.strftime("%Y-%m-%d %H:%M"),
                "event_type": "conference",
                "body": streamfield([]),
                "sessions": inline_formset([]),
                "partners": inline_formset([]),
                "ticket_types": inline_formset(
                    [ticket(guest, delete_guest), ticket(dinner, False)], initial=2
                ),
            }
        )

    form_class = type(event).get_edit_handler().get_form_class()
    refused = form_class(data(True), instance=event, for_user=StaffUserFactory())
    assert not refused.is_valid()
    assert "has registrations and cannot be removed" in str(refused.non_field_errors())
    accepted = form_class(data(False), instance=event, for_user=StaffUserFactory())
    assert accepted.is_valid(), accepted.errors
