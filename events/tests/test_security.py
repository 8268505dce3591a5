"""Hostile use of the events line (issue 12): registering without owning the address,
testing whether an address is registered, flooding, places held while a checkout can still
be paid, the online link, hostile filters and spreadsheet cells, and the feed cache."""

import csv
import datetime
import io
import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve
from openpyxl import load_workbook

from events import services, tickets
from events.models import Registration
from payments.models import Payment
from tests.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    EventSeriesFactory,
    StaffUserFactory,
    UserFactory,
    translate_page,
    verified_user,
)

Status = Registration.Status
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"|csrftoken=[^;"]*')


@pytest.fixture
def index(home_page):
    return EventIndexPageFactory(parent=home_page)


@pytest.fixture
def event(index):
    return EventPageFactory(parent=index, ticket_types=[{"name": "Guest", "capacity": 5}])


def _register(client, event, email, *, name="Ana Petrović", ticket=None, **extra):
    ticket = ticket or event.ticket_types.first()
    return client.post(
        f"{event.url}register/", {"ticket_type": ticket.pk, "name": name, "email": email}, **extra
    )


def _link(message) -> str:
    return re.search(r"http://testserver(/tickets/[^/\s]+/)", message.body_text()).group(1)


def _linked_pk(message) -> int | None:
    """The registration a mailed link manages (tokens carry a timestamp, so compare ids)."""
    return tickets.registration_pk_from_token(_link(message).split("/")[2])


# -- 1. a registration is confirmed only by the mailed link or a verified account ----------


@pytest.mark.django_db
def test_an_anonymous_registration_answers_check_your_email_without_the_ticket_link(client, event):
    response = _register(client, event, "victim@example.org")

    registration = Registration.objects.get()
    assert registration.status == Status.PENDING_EMAIL
    assert response.status_code == 200
    assert "Location" not in response
    content = response.content.decode()
    assert "Check your e-mail" in content
    assert tickets.manage_token(registration) not in content
    assert "/tickets/" not in content


@pytest.mark.django_db
def test_an_anonymous_paid_registration_is_not_sent_to_checkout_with_the_ticket_link(
    client, index, stripe_standin
):
    event = EventPageFactory(parent=index, ticket_types=[{"capacity": 5, "price": Decimal("30")}])

    response = _register(client, event, "victim@example.org")

    registration = Registration.objects.get()
    assert registration.status == Status.PENDING_PAYMENT
    assert response.status_code == 200 and "Location" not in response
    assert "/tickets/" not in response.content.decode()
    assert not Payment.objects.exists()
    assert not stripe_standin.requests


@pytest.mark.django_db
def test_a_signed_in_account_with_an_unverified_address_is_not_confirmed_at_once(client, event):
    user = UserFactory(email="unverified@example.org")
    client.force_login(user)

    response = _register(client, event, "unverified@example.org")

    registration = Registration.objects.get()
    assert registration.status == Status.PENDING_EMAIL
    assert not registration.email_confirmed and registration.user is None
    assert "/tickets/" not in response.content.decode()
    direct = services.registration_create(
        ticket_type=event.ticket_types.get(), name="U", email="other@example.org", user=user
    )
    assert direct.status == Status.PENDING_EMAIL


@pytest.mark.django_db
def test_a_signed_in_account_registering_another_address_must_confirm_it(client, event):
    client.force_login(verified_user(email="me@example.org"))

    response = _register(client, event, "someone-else@example.org")

    registration = Registration.objects.get()
    assert registration.status == Status.PENDING_EMAIL and registration.user is None
    assert "/tickets/" not in response.content.decode()


@pytest.mark.django_db
def test_a_verified_account_is_confirmed_at_once_and_sees_its_ticket(client, event):
    user = verified_user(email="Me@Example.org")
    client.force_login(user)

    response = _register(client, event, "me@example.org")

    registration = Registration.objects.get()
    assert registration.status == Status.CONFIRMED and registration.user == user
    assert response.status_code == 302
    # The manage link is signed with a timestamp: the same registration, whatever the second.
    token = resolve(response["Location"]).kwargs["token"]
    assert tickets.registration_pk_from_token(token) == registration.pk


# -- 2. the same answer whether or not the address is registered ---------------------------


def _neutral(response) -> str:
    return CSRF.sub("", response.content.decode())


def test_registering_a_registered_address_answers_the_same_and_mails_its_owner(
    client, celery_worker, mailbox, index
):
    event = EventPageFactory(parent=index, ticket_types=[{"capacity": 5}])
    owner = _register(client, event, "owner@example.org")
    [check] = mailbox.wait_for_matching(lambda m: "confirm" in m.subject.lower(), "e-mail check")
    existing = Registration.objects.get()
    assert _linked_pk(check) == existing.pk

    again = _register(client, event, "OWNER@example.org", name="Mallory")
    fresh = _register(client, event, "nobody@example.org")

    assert again.status_code == fresh.status_code == owner.status_code == 200
    assert _neutral(again) == _neutral(fresh) == _neutral(owner)
    assert "already" not in _neutral(again)
    assert Registration.objects.filter(email__iexact="owner@example.org").count() == 1
    [notice] = mailbox.wait_for_matching(
        lambda m: m.rcpt_tos == ["owner@example.org"] and "already" in m.body_text(),
        "already-registered notice",
    )
    assert _linked_pk(notice) == existing.pk

    # The link in the mail (and only that) confirms the place.
    client.post(_link(check) + "confirm/")
    existing.refresh_from_db()
    assert existing.status == Status.CONFIRMED


@pytest.mark.django_db
def test_a_verified_account_is_told_plainly_about_its_own_registration(client, event):
    client.force_login(verified_user(email="me@example.org"))
    _register(client, event, "me@example.org")

    response = _register(client, event, "ME@example.org")

    assert response.status_code == 400
    assert "already registered" in response.content.decode()
    assert Registration.objects.count() == 1


@pytest.mark.django_db
def test_a_sold_out_ticket_answers_the_same_whether_or_not_the_address_is_registered(client, index):
    event = EventPageFactory(parent=index, ticket_types=[{"capacity": 1, "waiting_list": False}])
    _register(client, event, "first@example.org")

    registered = _register(client, event, "first@example.org")
    unknown = _register(client, event, "second@example.org")

    assert registered.status_code == unknown.status_code == 409
    for response in (registered, unknown):
        content = response.content.decode()
        assert "sold out" in content and "already" not in content


# -- 3. throttles ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_registering_too_often_from_one_address_or_client_answers_429(client, index, settings):
    settings.THROTTLE_RATES = {
        **settings.THROTTLE_RATES,
        "register": {"ip": "3/h", "address": "2/h"},
    }
    event = EventPageFactory(parent=index, ticket_types=[{"capacity": 50}])

    by_address = [
        _register(client, event, "same@example.org", REMOTE_ADDR=f"10.0.0.{i}") for i in range(3)
    ]
    assert [r.status_code for r in by_address] == [200, 200, 429]

    by_client = [
        _register(client, event, f"p{i}@example.org", REMOTE_ADDR="10.0.1.1") for i in range(4)
    ]
    assert [r.status_code for r in by_client] == [200, 200, 200, 429]
    assert not Registration.objects.filter(email="p3@example.org").exists()


@pytest.mark.django_db
def test_already_registered_notices_are_throttled_without_telling_anyone(
    client, event, settings, django_capture_on_commit_callbacks
):
    settings.THROTTLE_RATES = {
        **settings.THROTTLE_RATES,
        "register": {"ip": "100/h", "address": "100/h"},
        "resend": {"ip": "100/h", "address": "1/h"},
    }
    _register(client, event, "owner@example.org")

    with django_capture_on_commit_callbacks() as first:
        first_again = _register(client, event, "owner@example.org")
    with django_capture_on_commit_callbacks() as second:
        second_again = _register(client, event, "owner@example.org")

    assert len(first) == 1 and len(second) == 0  # the second notice is not sent
    assert first_again.status_code == second_again.status_code == 200
    assert _neutral(first_again) == _neutral(second_again)


# -- 4. the online link ---------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("status", "shown"),
    [
        (Status.CONFIRMED, True),
        (Status.ATTENDED, True),
        (Status.PENDING_PAYMENT, False),
        (Status.PENDING_EMAIL, False),
        (Status.WAITLISTED, False),
    ],
)
def test_the_online_link_shows_only_to_confirmed_or_attended_registrations(
    client, index, status, shown
):
    event = EventPageFactory(
        parent=index,
        online_url="https://meet.example.org/secret-room",
        ticket_types=[{"capacity": 5, "price": Decimal("10")}],
    )
    user = verified_user(email="ana@example.org")
    Registration.objects.create(
        event=event,
        ticket_type=event.ticket_types.get(),
        user=user,
        name="Ana",
        email=user.email,
        status=status,
    )
    client.force_login(user)

    content = client.get(event.url).content.decode()

    assert ("meet.example.org/secret-room" in content) is shown


# -- 5. a place being paid is released only when no checkout can still succeed --------------


def _webhook(client, standin, event_type, session_id):
    payload = standin.event(event_type, session_id)
    return client.post(
        "/payments/stripe/webhook/",
        payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=standin.sign(payload),
    )


@pytest.fixture
def paying(client, index, stripe_standin):
    """A verified member holds the only paid place and pressed Pay twice; someone waits."""
    event = EventPageFactory(parent=index, ticket_types=[{"capacity": 1, "price": Decimal("40")}])
    ticket = event.ticket_types.get()
    user = verified_user(email="payer@example.org")
    holder = services.registration_create(
        ticket_type=ticket, name="Payer", email=user.email, user=user
    )
    waiting = services.registration_create(ticket_type=ticket, name="Next", email="n@example.org")
    pay_url = tickets.manage_path(holder) + "pay/"
    first = client.post(pay_url)
    second = client.post(pay_url)
    payments = list(Payment.objects.order_by("pk"))
    assert [r["Location"] for r in (first, second)] == [p.checkout_url for p in payments]
    return holder, waiting, payments


@pytest.mark.django_db
def test_an_expired_checkout_keeps_the_place_while_another_checkout_can_be_paid(
    client, stripe_standin, paying
):
    holder, waiting, (first, second) = paying

    stripe_standin.expire(first.stripe_checkout_session_id)
    expired = _webhook(
        client, stripe_standin, "checkout.session.expired", first.stripe_checkout_session_id
    )
    assert expired.status_code == 200
    first.refresh_from_db()
    holder.refresh_from_db()
    waiting.refresh_from_db()
    assert first.status == Payment.Status.EXPIRED
    assert holder.status == Status.PENDING_PAYMENT
    assert waiting.status == Status.WAITLISTED

    stripe_standin.pay(second.stripe_checkout_session_id)
    paid = _webhook(
        client, stripe_standin, "checkout.session.completed", second.stripe_checkout_session_id
    )
    assert paid.status_code == 200
    second.refresh_from_db()
    holder.refresh_from_db()
    assert second.status == Payment.Status.PAID
    assert holder.status == Status.CONFIRMED


@pytest.mark.django_db
def test_beat_releases_a_held_place_only_once_every_checkout_is_expired_at_stripe(
    stripe_standin, paying, settings
):
    holder, waiting, (first, second) = paying
    later = holder.event.start - datetime.timedelta(minutes=1)
    stripe_standin.expire(first.stripe_checkout_session_id)

    assert services.holds_release_expired(now=later) == 0
    holder.refresh_from_db()
    assert holder.status == Status.PENDING_PAYMENT

    stripe_standin.complete_unpaid(second.stripe_checkout_session_id)  # a bank debit pending
    assert services.holds_release_expired(now=later) == 0

    settings.STRIPE_API_BASE = "http://127.0.0.1:9"  # Stripe cannot be reached: keep holding
    stripe_standin.expire(second.stripe_checkout_session_id)
    assert services.holds_release_expired(now=later) == 0
    holder.refresh_from_db()
    assert holder.status == Status.PENDING_PAYMENT

    settings.STRIPE_API_BASE = stripe_standin.url
    assert services.holds_release_expired(now=later) == 1
    holder.refresh_from_db()
    waiting.refresh_from_db()
    assert holder.status == Status.EXPIRED
    assert waiting.status == Status.PENDING_PAYMENT


# -- 6. staff screens: SQLite, hostile filters, spreadsheet cells ---------------------------


@pytest.fixture
def staff(client):
    client.force_login(StaffUserFactory())
    return client


@pytest.mark.sqlite
@pytest.mark.django_db
def test_the_admin_event_list_shows_each_original_once_in_a_fixed_number_of_queries(
    staff, index, locales
):
    def count():
        with CaptureQueriesContext(connection) as queries:
            response = staff.get("/admin/events/")
        assert response.status_code == 200
        return len(queries), response.content.decode()

    first = EventPageFactory(parent=index, title="Days of Clusters", ticket_types=[{"capacity": 9}])
    translate_page(index.get_parent().specific, "sr-latn")
    translate_page(index, "sr-latn")
    translate_page(first, "sr-latn", title="Dani klastera")
    services.registration_create(
        ticket_type=first.ticket_types.get(),
        name="A",
        email="a@example.org",
        user=verified_user(email="a@example.org"),
    )
    few, content = count()
    assert content.count("Days of Clusters") == 1 and "Dani klastera" not in content
    assert re.search(r"Days of Clusters.*?<td>1</td>", content, re.S)

    for i in range(6):
        EventPageFactory(parent=index, title=f"Club {i}", ticket_types=[{"capacity": 3}])
    many, content = count()
    assert few == many
    assert all(f"Club {i}" in content for i in range(6))


@pytest.mark.sqlite
@pytest.mark.django_db
@pytest.mark.parametrize("value", ["99999999999999999999999", "-1", "0", "1e3", "٣"])
def test_out_of_range_ticket_type_filters_are_ignored(staff, event, value):
    services.registration_create(
        ticket_type=event.ticket_types.get(), name="Vesna", email="v@example.org"
    )
    response = staff.get("/admin/events/registrations/", {"event": event.pk, "ticket_type": value})
    assert response.status_code == 200
    assert "Vesna" in response.content.decode()


@pytest.mark.sqlite
@pytest.mark.django_db
def test_exports_remove_control_characters_and_neutralise_formulas_in_every_cell(staff, event):
    Registration.objects.create(
        event=event,
        ticket_type=event.ticket_types.get(),
        name="Ana\x0bPetrović\x07",
        email="a@example.org",
        organisation_name="-1+cmd|' /C calc'!A0",
        status=Status.CONFIRMED,
    )
    url = "/admin/events/registrations/"

    xlsx = staff.get(url, {"event": event.pk, "export": "xlsx"})
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.getvalue())).active
    assert sheet.cell(row=2, column=2).value == "AnaPetrović"
    assert sheet.cell(row=2, column=4).value == "'-1+cmd|' /C calc'!A0"

    csv_file = staff.get(url, {"event": event.pk, "export": "csv"}).getvalue()
    rows = list(csv.reader(io.StringIO(csv_file.decode())))
    assert rows[1][1] == "AnaPetrović" and rows[1][3].startswith("'-1+cmd")


# -- 7. the feed cache ----------------------------------------------------------------------


def _feed_keys() -> list:
    return list(cache._cache.get_client().scan_iter("*events-feed*"))


@pytest.mark.django_db
def test_the_feed_caches_only_series_that_exist(client, index):
    EventSeriesFactory(name="Business Cluster Club", slug="bcc")
    EventPageFactory(parent=index, title="Club")

    for i in range(5):
        assert client.get(f"{index.url}feed.ics", {"series": f"junk-{i}"}).status_code == 404
    assert _feed_keys() == []

    assert client.get(f"{index.url}feed.ics", {"series": "bcc"}).status_code == 200
    assert client.get(f"{index.url}feed.ics", {"series": " bcc "}).status_code == 200
    assert client.get(f"{index.url}feed.ics").status_code == 200
    assert client.get(f"{index.url}feed.ics", {"series": " "}).status_code == 200
    assert len(_feed_keys()) == 2


@pytest.mark.sqlite
@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/admin/events/{big}/registrations/",
        "/admin/events/{big}/check-in/",
        "/admin/events/{event}/registrations/{big}/cancel/",
        "/admin/events/{event}/registrations/{big}/move/",
        "/admin/events/{event}/ticket-types/{big}/promote/",
    ],
)
def test_ids_beyond_any_row_in_staff_urls_are_not_found(staff, event, path):
    url = path.format(big="9" * 30, event=event.pk)
    response = staff.post(url) if url.endswith(("cancel/", "move/", "promote/")) else staff.get(url)
    assert response.status_code == 404
