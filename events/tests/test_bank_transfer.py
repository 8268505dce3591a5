"""A paid place by bank transfer: the pro-forma holds the place until its due date,
recording the money confirms it through payment_succeeded, and a pro-forma expired unpaid
gives the place to the next person waiting."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from events import services, tickets
from events.models import Registration
from events.tests.test_registration import _event, _register, index  # noqa: F401 (fixture)
from payments.bank import bank_transfers_expire, payment_mark_received
from payments.invoices import Buyer
from payments.models import Invoice, Payment

Status = Registration.Status


@pytest.fixture
def ticket(index, invoicing):  # noqa: F811
    _page, ticket = _event(index, capacity=1, price=Decimal("30.00"), price_rsd=Decimal("3500.00"))
    return ticket


def test_the_registration_page_offers_bank_transfer_and_issues_a_pro_forma(ticket):
    registration = _register(ticket, "ana@firma.example")
    client = Client()
    path = tickets.manage_path(registration)
    assert "Pay 3500.00 RSD by bank transfer" in client.get(path).content.decode()
    response = client.post(
        reverse("events:registration_pay_bank", args=[tickets.manage_token(registration)]),
        {"name": "Firma d.o.o.", "address": "", "pib": "104052135", "mb": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    payment = Payment.objects.get(method=Payment.Method.BANK_TRANSFER)
    proforma = payment.invoices.get(kind=Invoice.Kind.PROFORMA)
    assert proforma.total == Decimal("3500.00") and proforma.buyer_pib == "104052135"
    registration.refresh_from_db()
    assert timezone.localtime(registration.hold_expires_at).date() > payment.due_on


def test_recording_the_money_confirms_the_place(ticket):
    registration = _register(ticket, "ana@firma.example")
    services.registration_pay_by_bank(
        registration=registration,
        amount=Decimal("3500.00"),
        buyer=Buyer(name="Ana", email="a@x.rs"),
    )
    payment = Payment.objects.get()
    payment_mark_received(payment=payment, amount=Decimal("3500"), received_on=timezone.localdate())
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


def test_an_expired_pro_forma_releases_the_place_to_the_waiting_list(ticket):
    first = _register(ticket, "first@firma.example")
    second = _register(ticket, "second@firma.example")
    assert second.status == Status.WAITLISTED
    services.registration_pay_by_bank(
        registration=first, amount=Decimal("3500.00"), buyer=Buyer(name="First")
    )
    payment = Payment.objects.get()
    # The beat's release of holds leaves a place whose pro-forma may still be paid.
    assert services.holds_release_expired(now=timezone.now() + datetime.timedelta(days=1)) == 0
    assert bank_transfers_expire(today=payment.due_on + datetime.timedelta(days=1)) == 1
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Status.EXPIRED
    assert second.status == Status.PENDING_PAYMENT
    # Money arriving later for the released place is left for staff.
    payment.refresh_from_db()
    payment, confirmed = payment_mark_received(
        payment=payment, amount=Decimal("3500"), received_on=timezone.localdate()
    )
    assert not confirmed and payment.status == Payment.Status.NEEDS_REVIEW


def test_a_ticket_without_a_dinar_price_offers_no_bank_transfer(index, invoicing):  # noqa: F811
    _page, ticket = _event(index, capacity=1, price=Decimal("30.00"))
    registration = _register(ticket, "ana@firma.example")
    client = Client()
    path = tickets.manage_path(registration)
    assert "by bank transfer" not in client.get(path).content.decode()
    client.post(
        reverse("events:registration_pay_bank", args=[tickets.manage_token(registration)]),
        {"name": "Firma"},
    )
    assert not Payment.objects.exists()
