"""The admin's own searches ignore script and diacritics, as the site's do: staff typing
"petrovic", "Petrović" or "Петровић" find the same registrations, and "nis" or "Ниш" the
same organisations; on PostgreSQL and on SQLite."""

import pytest

from events import services
from tests.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    OrganisationFactory,
    StaffUserFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite]


@pytest.fixture
def staff(client):
    client.force_login(StaffUserFactory())
    return client


def listed(response, *names):
    assert response.status_code == 200
    content = response.content.decode()
    return {name for name in names if name in content}


def test_registrations_are_found_in_either_script_with_or_without_diacritics(staff, home_page):
    event = EventPageFactory(
        parent=EventIndexPageFactory(parent=home_page), ticket_types=[{"capacity": 5}]
    )
    ticket = event.ticket_types.get()
    services.registration_create(
        ticket_type=ticket, name="Ана Петровић", email="ana@example.org", organisation_name="ВОИЦТ"
    )
    services.registration_create(ticket_type=ticket, name="Đorđe Jović", email="dj@example.org")

    for query in ("petrovic", "Petrović", "ПЕТРОВИЋ", "voict"):
        found = listed(
            staff.get("/admin/events/registrations/", {"q": query}), "Ана Петровић", "Đorđe Jović"
        )
        assert found == {"Ана Петровић"}, query
    for query in ("djordje", "Ђорђе", "jovic"):
        found = listed(
            staff.get("/admin/events/registrations/", {"q": query}), "Ана Петровић", "Đorđe Jović"
        )
        assert found == {"Đorđe Jović"}, query


def test_a_registrations_renamed_person_is_found_by_the_new_name(staff, home_page):
    event = EventPageFactory(
        parent=EventIndexPageFactory(parent=home_page), ticket_types=[{"capacity": 5}]
    )
    registration = services.registration_create(
        ticket_type=event.ticket_types.get(), name="Ana", email="ana@example.org"
    )
    registration.name = "Јована Ристић"
    registration.save(update_fields=["name"])

    found = listed(staff.get("/admin/events/registrations/", {"q": "ristic"}), "Јована Ристић")
    assert found == {"Јована Ристић"}


def test_organisations_are_found_in_either_script_with_or_without_diacritics(staff):
    OrganisationFactory(name="Klaster Niš", city="Niš")
    OrganisationFactory(name="Vojvođanski IKT klaster", city="Novi Sad")

    for query in ("nis", "Ниш", "klaster nis"):
        found = listed(
            staff.get("/admin/snippets/membership/organisation/", {"q": query}),
            "Klaster Niš",
            "Vojvođanski IKT klaster",
        )
        assert found == {"Klaster Niš"}, query
    found = listed(
        staff.get("/admin/snippets/membership/organisation/", {"q": "војвођански"}),
        "Klaster Niš",
        "Vojvođanski IKT klaster",
    )
    assert found == {"Vojvođanski IKT klaster"}
