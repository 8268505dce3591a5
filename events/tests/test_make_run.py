"""The events admin on ``make run``'s SQLite (the tests marked ``sqlite`` run there too):
"Registrations and check-in", opened from the Events menu with registrations present, once
answered 500 for a PostgreSQL-only ``DISTINCT ON``."""

from decimal import Decimal

import pytest
from wagtail.admin.menu import admin_menu

from events import services
from tests.factories import EventIndexPageFactory, EventPageFactory, StaffUserFactory, verified_user

pytestmark = [pytest.mark.sqlite, pytest.mark.django_db]


def _menu_url(request, label: str, sub_label: str) -> str:
    group = next(i for i in admin_menu.menu_items_for_request(request) if i.label == label)
    return next(i for i in group.menu.menu_items_for_request(request) if i.label == sub_label).url


def test_registrations_and_check_in_opens_from_the_menu_with_registrations(client, home_page, rf):
    index = EventIndexPageFactory(parent=home_page)
    event = EventPageFactory(
        parent=index,
        title="Business Cluster Club",
        ticket_types=[
            {"name": "Guest", "capacity": 2},
            {"name": "Dinner", "capacity": 1, "price": Decimal("15.00")},
        ],
    )
    guest = event.ticket_types.get(name="Guest")
    for email, name in [("a@example.org", "Ana"), ("b@example.org", "Bojan")]:
        services.registration_create(
            ticket_type=guest, name=name, email=email, user=verified_user(email=email)
        )
    services.registration_create(ticket_type=guest, name="Vesna", email="v@example.org")
    staff = StaffUserFactory()
    client.force_login(staff)
    request = rf.get("/admin/")
    request.user = staff
    url = _menu_url(request, "Events", "Registrations and check-in")

    response = client.get(url)

    assert response.status_code == 200
    assert "Business Cluster Club" in response.content.decode()
    listing = client.get("/admin/events/registrations/", {"event": event.pk})
    assert listing.status_code == 200
    assert "Bojan" in listing.content.decode() and "Vesna" in listing.content.decode()
