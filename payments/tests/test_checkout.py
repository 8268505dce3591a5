import time
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from payments.models import Payment
from payments.services import PaymentError, payment_create_checkout


def test_creating_a_checkout_stores_the_payment_with_the_session_and_its_url(
    make_payment, payable, stripe_standin
):
    payment = make_payment()

    payment.refresh_from_db()
    session = stripe_standin.session(payment.stripe_checkout_session_id)
    assert payment.stripe_checkout_session_id.startswith("cs_test_")
    assert payment.checkout_url == f"{stripe_standin.url}/pay/{session['id']}"
    assert payment.status == Payment.Status.CREATED
    assert payment.payable == payable
    assert payment.content_type == ContentType.objects.get_for_model(payable)
    assert (payment.amount, payment.currency) == (Decimal("120.00"), "eur")
    assert session["amount_total"] == 12000
    assert session["currency"] == "eur"
    assert session["customer_email"] == "member@example.org"
    assert session["client_reference_id"] == f"payment-{payment.pk}"
    assert session["metadata"]["payment_id"] == str(payment.pk)


def test_the_checkout_request_carries_what_stripe_needs(make_payment, stripe_standin):
    before = int(time.time())
    payment = make_payment(description="Gold membership")

    (request,) = [r for r in stripe_standin.requests if r["method"] == "POST"]
    params = request["params"]
    assert params["mode"] == "payment"
    (item,) = params["line_items"]
    assert item["quantity"] == "1"
    assert item["price_data"] == {
        "currency": "eur",
        "unit_amount": "12000",
        "product_data": {"name": "Gold membership"},
    }
    assert params["success_url"] == (
        "http://testserver/payments/success/?session_id={CHECKOUT_SESSION_ID}"
    )
    assert params["cancel_url"] == "http://testserver/payments/cancelled/"
    # At least the 30 minutes Stripe demands, measured on its clock, however slow the call.
    assert int(params["expires_at"]) >= before + 30 * 60
    assert payment.stripe_checkout_session_id


def test_a_checkout_stripe_refuses_stores_nothing(make_payment, settings):
    settings.STRIPE_SECRET_KEY = "sk_test_wrong"

    with pytest.raises(PaymentError):
        make_payment()

    assert not Payment.objects.exists()


def test_a_lifetime_stripe_would_refuse_is_rejected_before_calling_it(make_payment, stripe_standin):
    with pytest.raises(ValueError):
        make_payment(expires_after=timedelta(minutes=10))

    assert stripe_standin.requests == []
    assert not Payment.objects.exists()


def test_a_longest_lifetime_checkout_is_accepted(make_payment):
    payment = make_payment(expires_after=timedelta(hours=24))

    assert payment.stripe_checkout_session_id


def test_a_success_url_with_its_own_placeholder_is_kept(make_payment, stripe_standin):
    url = "http://testserver/done/?ref=1&session={CHECKOUT_SESSION_ID}"
    payment = make_payment(success_url=url)

    assert stripe_standin.session(payment.stripe_checkout_session_id)["success_url"] == url


def test_a_non_positive_amount_is_rejected(stripe_standin, payable):
    with pytest.raises(ValidationError):
        payment_create_checkout(
            payable=payable,
            amount=Decimal("0"),
            description="Nothing",
            customer_email="member@example.org",
            success_url="http://testserver/s/",
            cancel_url="http://testserver/c/",
        )
    assert stripe_standin.requests == []
