"""Hostile or unlucky input to the payments app (issue 12): what the webhook tells a caller,
junk on the success page, and whether a payable still has a checkout that can be paid."""

import pytest
from django.urls import reverse

from payments.models import Payment
from payments.services import checkout_may_succeed, payable_open_checkouts
from payments.tests.conftest import post_event


@pytest.mark.parametrize("secret", ["", None])
def test_the_webhook_names_no_configuration_when_its_secret_is_missing(
    stripe_standin, make_payment, settings, secret
):
    payment = make_payment()
    settings.STRIPE_WEBHOOK_SECRET = secret
    payload = stripe_standin.event("checkout.session.completed", payment.stripe_checkout_session_id)

    response = post_event(payload, stripe_standin.sign(payload))

    assert response.status_code == 503
    body = response.content.decode().lower()
    assert "secret" not in body and "whsec" not in body and "stripe_" not in body
    payment.refresh_from_db()
    assert payment.status == Payment.Status.CREATED


def test_a_bad_signature_is_refused_without_the_library_s_explanation(stripe_standin, make_payment):
    payment = make_payment()
    payload = stripe_standin.event("checkout.session.completed", payment.stripe_checkout_session_id)

    response = post_event(payload, stripe_standin.sign(payload, secret="whsec_someone_else"))

    assert response.status_code == 400
    assert response.content == b"Invalid signature."


@pytest.mark.django_db
@pytest.mark.parametrize(
    "session_id",
    [
        "x" * 10_000,
        "cs_test_" + "9" * 300,
        "' OR 1=1 --",
        "\u202ecs_test_\u0301",
        "../../etc/passwd",
        "%",
        "{CHECKOUT_SESSION_ID}",
        "",
    ],
)
def test_the_success_page_never_fails_on_junk_session_ids(client, home_page, session_id):
    response = client.get(reverse("payments:success"), {"session_id": session_id})

    assert response.status_code in (200, 404)


@pytest.mark.django_db
def test_the_success_page_refuses_control_characters(client, home_page):
    response = client.get(reverse("payments:success") + "?session_id=cs_test_%00%01")

    assert response.status_code == 400


def test_a_payable_keeps_a_checkout_that_may_succeed_until_stripe_expired_every_one(
    stripe_standin, make_payment, payable, settings
):
    first, second = make_payment(), make_payment()
    assert {p.pk for p in payable_open_checkouts(payable=payable)} == {first.pk, second.pk}

    stripe_standin.expire(first.stripe_checkout_session_id)
    assert not checkout_may_succeed(payment=first)
    assert checkout_may_succeed(payment=second)  # open

    stripe_standin.pay(second.stripe_checkout_session_id)
    assert checkout_may_succeed(payment=second)  # paid, its webhook still to come

    stripe_standin.complete_unpaid(second.stripe_checkout_session_id)
    assert checkout_may_succeed(payment=second)  # a delayed payment method is processing

    stripe_standin.expire(second.stripe_checkout_session_id)
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"
    assert checkout_may_succeed(payment=second)  # Stripe cannot be asked: assume it may

    settings.STRIPE_API_BASE = stripe_standin.url
    assert not checkout_may_succeed(payment=second)
    Payment.objects.filter(pk=first.pk).update(status=Payment.Status.EXPIRED)
    assert [p.pk for p in payable_open_checkouts(payable=payable)] == [second.pk]
