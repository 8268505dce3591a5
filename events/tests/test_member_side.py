"""What a member meets on the events side: the registration form starts from their real name
(never their e-mail address), and cancelling asks first, for the holder of the signed link
only, and says so when it is done already."""

import re

import pytest
from django.core import signing
from django.test import Client

from events import services, tickets
from events.models import Registration
from tests.factories import EventIndexPageFactory, EventPageFactory, verified_user

pytestmark = pytest.mark.django_db
Status = Registration.Status


@pytest.fixture
def event(home_page):
    index = EventIndexPageFactory(parent=home_page)
    return EventPageFactory(
        parent=index, title="Cluster Forum", ticket_types=[{"name": "Guest", "capacity": 5}]
    )


def _name_field(response) -> str:
    assert response.status_code == 200
    return re.search(r'<input[^>]*name="name"[^>]*>', response.content.decode()).group(0)


# --- 2. the name on the registration form ---------------------------------------------------


@pytest.mark.sqlite
def test_the_form_starts_from_the_member_s_real_name(client, event):
    client.force_login(
        verified_user(email="jelena@cluster.example", first_name="Jelena", last_name="Marić")
    )

    field = _name_field(client.get(f"{event.url}register/"))

    assert 'value="Jelena Marić"' in field


@pytest.mark.sqlite
def test_the_name_is_left_empty_when_the_account_has_none_never_the_address(client, event):
    client.force_login(verified_user(email="office@cluster.example"))

    response = client.get(f"{event.url}register/")
    field = _name_field(response)

    assert "office@cluster.example" not in field and "value=" not in field
    assert response.context["form"]["email"].value() == "office@cluster.example"


# --- 3. cancelling asks first ---------------------------------------------------------------


def _registration(event, email="ana@cluster.example", name="Ana Petrović"):
    ticket = event.ticket_types.get(name="Guest")
    user = verified_user(email=email)
    return services.registration_create(ticket_type=ticket, name=name, email=email, user=user)


@pytest.mark.sqlite
def test_cancel_shows_what_will_be_cancelled_and_changes_nothing_until_confirmed(client, event):
    registration = _registration(event)
    cancel_url = tickets.manage_path(registration) + "cancel/"

    response = client.get(cancel_url)

    content = response.content.decode()
    assert response.status_code == 200
    assert "Cluster Forum" in content and "Ana Petrović" in content and "Guest" in content
    form = re.search(r'<form method="post" action="([^"]+)">(.*?)</form>', content, re.DOTALL)
    assert form.group(1) == cancel_url and 'name="csrfmiddlewaretoken"' in form.group(2)
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


@pytest.mark.sqlite
def test_the_ticket_page_and_the_dashboard_lead_to_the_question_not_to_a_cancel(client, event):
    registration = _registration(event)
    client.force_login(registration.user)

    # Each page signs its own link (the signature holds the time): any link to this ticket.
    for page in (client.get(tickets.manage_path(registration)), client.get("/dashboard/")):
        content = page.content.decode()
        assert re.search(r'href="/tickets/[^"/]+/cancel/"', content)
        assert not re.search(r'action="/tickets/[^"/]+/cancel/"', content)


@pytest.mark.sqlite
def test_confirming_cancels_and_a_second_confirmation_says_it_is_done_already(event):
    registration = _registration(event)
    cancel_url = tickets.manage_path(registration) + "cancel/"
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(cancel_url).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    first = browser.post(cancel_url, {"csrfmiddlewaretoken": token}, follow=True)
    second = browser.post(cancel_url, {"csrfmiddlewaretoken": token}, follow=True)
    asked_again = browser.get(cancel_url, follow=True)

    registration.refresh_from_db()
    assert registration.status == Status.CANCELLED
    assert first.status_code == 200 and "Your registration is cancelled." in first.content.decode()
    for response in (second, asked_again):
        assert response.status_code == 200
        content = response.content.decode()
        assert "This registration is already cancelled." in content
        assert f'href="{cancel_url}"' not in content


@pytest.mark.sqlite
def test_cancelling_without_the_csrf_token_is_refused(event):
    registration = _registration(event)

    response = Client(enforce_csrf_checks=True).post(tickets.manage_path(registration) + "cancel/")

    assert response.status_code == 403
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


@pytest.mark.sqlite
def test_someone_else_s_registration_cannot_be_cancelled(client, event):
    """The signed link is the authority: a member holding their own link cannot turn it into
    another person's, signed in or not."""
    mine = _registration(event, email="ana@cluster.example")
    theirs = _registration(event, email="bojan@cluster.example", name="Bojan Ilić")
    my_token = tickets.manage_token(mine)
    # The other registration's id under my link's signature, and the bare id.
    their_id = signing.b64_encode(str(theirs.pk).encode()).decode()
    forged = ":".join([their_id, *my_token.split(":")[1:]])
    client.force_login(mine.user)

    for token in (forged, str(theirs.pk)):
        assert client.get(f"/tickets/{token}/cancel/").status_code == 404
        assert client.post(f"/tickets/{token}/cancel/").status_code == 404

    theirs.refresh_from_db()
    assert theirs.status == Status.CONFIRMED and theirs.cancelled_at is None
