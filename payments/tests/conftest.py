from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client

from payments import signals
from payments.services import payment_create_checkout
from tests.factories import UserFactory

WEBHOOK_URL = "/payments/stripe/webhook/"


class SignalLog:
    """Counts the payments signals as receivers see them."""

    def __init__(self):
        self.calls: list[tuple[str, int]] = []

    def receiver(self, name):
        def receive(sender, payment, **kwargs):
            self.calls.append((name, payment.pk))

        return receive

    def count(self, name, payment=None):
        return sum(1 for n, pk in self.calls if n == name and (payment is None or pk == payment.pk))


@pytest.fixture
def signal_log():
    log = SignalLog()
    receivers = {
        name: log.receiver(name)
        for name in ("payment_succeeded", "payment_expired", "payment_failed")
    }
    for name, receiver in receivers.items():
        getattr(signals, name).connect(receiver)
    yield log
    for name, receiver in receivers.items():
        getattr(signals, name).disconnect(receiver)


@pytest.fixture
def payable(db):
    """Any model instance can be paid for; a user stands in for a membership here."""
    return UserFactory()


@pytest.fixture
def make_payment(stripe_standin, payable):
    def make(**kwargs):
        options = {
            "payable": payable,
            "amount": Decimal("120.00"),
            "description": "Individual membership, one year",
            "customer_email": "member@example.org",
            "success_url": "http://testserver/payments/success/",
            "cancel_url": "http://testserver/payments/cancelled/",
            "expires_after": timedelta(minutes=30),
        }
        options.update(kwargs)
        return payment_create_checkout(**options)

    return make


def post_event(payload: str, signature: str | None, client: Client | None = None):
    headers = {"Stripe-Signature": signature} if signature is not None else {}
    return (client or Client()).post(
        WEBHOOK_URL, data=payload, content_type="application/json", headers=headers
    )
