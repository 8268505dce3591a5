import json
import random
import time

import pytest
import stripe

from payments.models import Payment, StripeEvent
from payments.tests.conftest import WEBHOOK_URL, post_event


def signed(standin, type_, session_id):
    payload = standin.event(type_, session_id)
    return payload, standin.sign(payload)


def assert_unchanged(payment, signal_log):
    status = payment.status
    payment.refresh_from_db()
    assert payment.status == status
    assert not StripeEvent.objects.exists()
    assert signal_log.calls == []


def test_a_signed_completed_event_for_a_paid_session_marks_the_payment_paid_once(
    make_payment, stripe_standin, signal_log
):
    payment = make_payment()
    stripe_standin.pay(payment.stripe_checkout_session_id)
    payload, signature = signed(
        stripe_standin, "checkout.session.completed", payment.stripe_checkout_session_id
    )

    response = post_event(payload, signature)

    assert response.status_code == 200
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PAID
    assert payment.paid_at is not None
    assert payment.stripe_payment_intent_id.startswith("pi_test_")
    assert signal_log.count("payment_succeeded", payment) == 1
    assert StripeEvent.objects.get().event_id == json.loads(payload)["id"]


def test_replayed_and_shuffled_events_pay_once_and_signal_once(
    make_payment, stripe_standin, signal_log
):
    payment = make_payment()
    other = make_payment(description="Another membership")
    session_id = payment.stripe_checkout_session_id
    stripe_standin.pay(session_id)
    stripe_standin.expire(other.stripe_checkout_session_id)
    completed = signed(stripe_standin, "checkout.session.completed", session_id)
    succeeded = signed(stripe_standin, "checkout.session.async_payment_succeeded", session_id)
    other_expired = signed(
        stripe_standin, "checkout.session.expired", other.stripe_checkout_session_id
    )
    deliveries = [completed] * 5 + [succeeded] * 5 + [other_expired] * 5
    random.Random(8).shuffle(deliveries)

    responses = [post_event(payload, signature) for payload, signature in deliveries]

    assert {r.status_code for r in responses} == {200}
    assert sum(r.content == b"Event already processed." for r in responses) == 12
    payment.refresh_from_db()
    other.refresh_from_db()
    assert payment.status == Payment.Status.PAID
    assert other.status == Payment.Status.EXPIRED
    assert signal_log.count("payment_succeeded") == 1
    assert signal_log.count("payment_succeeded", payment) == 1
    assert signal_log.count("payment_expired", other) == 1
    assert StripeEvent.objects.count() == 3


def test_a_completed_event_for_a_session_the_api_says_is_unpaid_changes_nothing(
    make_payment, stripe_standin, signal_log
):
    payment = make_payment()
    session_id = payment.stripe_checkout_session_id
    # The event claims "paid"; Stripe's API, which is asked again, says otherwise.
    stripe_standin.pay(session_id)
    payload, signature = signed(stripe_standin, "checkout.session.completed", session_id)
    stripe_standin.complete_unpaid(session_id)

    response = post_event(payload, signature)

    assert response.status_code == 200
    payment.refresh_from_db()
    assert payment.status == Payment.Status.CREATED
    assert payment.paid_at is None
    assert signal_log.calls == []


def test_a_delayed_payment_is_confirmed_when_it_succeeds(make_payment, stripe_standin, signal_log):
    payment = make_payment()
    session_id = payment.stripe_checkout_session_id
    stripe_standin.complete_unpaid(session_id)
    post_event(*signed(stripe_standin, "checkout.session.completed", session_id))
    payment.refresh_from_db()
    assert payment.status == Payment.Status.CREATED

    stripe_standin.pay(session_id)
    response = post_event(
        *signed(stripe_standin, "checkout.session.async_payment_succeeded", session_id)
    )

    assert response.status_code == 200
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PAID
    assert signal_log.count("payment_succeeded", payment) == 1


def test_an_expired_event_expires_the_payment(make_payment, stripe_standin, signal_log):
    payment = make_payment()
    stripe_standin.expire(payment.stripe_checkout_session_id)

    response = post_event(
        *signed(stripe_standin, "checkout.session.expired", payment.stripe_checkout_session_id)
    )

    assert response.status_code == 200
    payment.refresh_from_db()
    assert payment.status == Payment.Status.EXPIRED
    assert signal_log.count("payment_expired", payment) == 1


def test_an_expired_event_for_a_session_still_open_in_the_api_changes_nothing(
    make_payment, stripe_standin, signal_log
):
    payment = make_payment()

    post_event(
        *signed(stripe_standin, "checkout.session.expired", payment.stripe_checkout_session_id)
    )

    payment.refresh_from_db()
    assert payment.status == Payment.Status.CREATED
    assert signal_log.calls == []


def test_a_failed_delayed_payment_marks_the_payment_failed(
    make_payment, stripe_standin, signal_log
):
    payment = make_payment()
    stripe_standin.complete_unpaid(payment.stripe_checkout_session_id)

    response = post_event(
        *signed(
            stripe_standin,
            "checkout.session.async_payment_failed",
            payment.stripe_checkout_session_id,
        )
    )

    assert response.status_code == 200
    payment.refresh_from_db()
    assert payment.status == Payment.Status.FAILED
    assert signal_log.count("payment_failed", payment) == 1


def test_a_paid_payment_is_never_marked_failed_or_expired(make_payment, stripe_standin, signal_log):
    payment = make_payment()
    session_id = payment.stripe_checkout_session_id
    stripe_standin.pay(session_id)
    post_event(*signed(stripe_standin, "checkout.session.completed", session_id))

    for type_ in ("checkout.session.async_payment_failed", "checkout.session.expired"):
        assert post_event(*signed(stripe_standin, type_, session_id)).status_code == 200

    payment.refresh_from_db()
    assert payment.status == Payment.Status.PAID
    assert [name for name, _ in signal_log.calls] == ["payment_succeeded"]


def test_money_for_something_no_longer_payable_needs_review(
    make_payment, stripe_standin, signal_log, payable
):
    payment = make_payment()
    session_id = payment.stripe_checkout_session_id
    stripe_standin.pay(session_id)
    payable.delete()

    response = post_event(*signed(stripe_standin, "checkout.session.completed", session_id))

    assert response.status_code == 200
    payment.refresh_from_db()
    assert payment.status == Payment.Status.NEEDS_REVIEW
    assert payment.stripe_payment_intent_id
    assert signal_log.calls == []


def test_other_event_types_are_acknowledged_and_ignored(make_payment, stripe_standin, signal_log):
    payment = make_payment()
    stripe_standin.pay(payment.stripe_checkout_session_id)

    response = post_event(
        *signed(stripe_standin, "payment_intent.created", payment.stripe_checkout_session_id)
    )

    assert response.status_code == 200
    assert b"Ignored" in response.content
    assert_unchanged(payment, signal_log)


@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param(lambda s, p: (p, s.sign(p, secret="whsec_someone_else")), id="wrong-secret"),
        pytest.param(lambda s, p: (p.replace("eur", "usd"), s.sign(p)), id="altered-body"),
        pytest.param(
            lambda s, p: (p, s.sign(p, timestamp=time.time() - 301)), id="stale-timestamp"
        ),
        pytest.param(lambda s, p: (p, None), id="missing-header"),
        pytest.param(lambda s, p: (p, "garbage"), id="malformed-header"),
        pytest.param(lambda s, p: ("{not json", s.sign("{not json")), id="malformed-json"),
        pytest.param(lambda s, p: ("[1, 2]", s.sign("[1, 2]")), id="json-not-an-object"),
        pytest.param(
            lambda s, p: (
                json.dumps({"id": "evt_1", "type": "checkout.session.completed", "data": {}}),
                s.sign(
                    json.dumps({"id": "evt_1", "type": "checkout.session.completed", "data": {}})
                ),
            ),
            id="no-session-in-event",
        ),
    ],
)
def test_a_webhook_that_is_not_a_verified_event_is_refused_and_changes_nothing(
    tamper, make_payment, stripe_standin, signal_log
):
    payment = make_payment()
    stripe_standin.pay(payment.stripe_checkout_session_id)
    payload = stripe_standin.event("checkout.session.completed", payment.stripe_checkout_session_id)

    response = post_event(*tamper(stripe_standin, payload))

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert response.content
    assert_unchanged(payment, signal_log)


def test_a_timestamp_within_the_tolerance_is_accepted(make_payment, stripe_standin):
    payment = make_payment()
    stripe_standin.pay(payment.stripe_checkout_session_id)
    payload = stripe_standin.event("checkout.session.completed", payment.stripe_checkout_session_id)

    response = post_event(payload, stripe_standin.sign(payload, timestamp=time.time() - 240))

    assert response.status_code == 200
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PAID


def test_an_event_for_a_session_we_never_created_is_refused(
    make_payment, stripe_standin, signal_log, settings
):
    payment = make_payment()
    # A session made straight at Stripe (by someone else's code), not through our service.
    session = stripe.StripeClient(
        settings.STRIPE_SECRET_KEY, base_addresses={"api": settings.STRIPE_API_BASE}
    ).v1.checkout.sessions.create(
        params={
            "mode": "payment",
            "success_url": "http://elsewhere.example/",
            "line_items": [
                {
                    "quantity": 1,
                    "price_data": {
                        "currency": "eur",
                        "unit_amount": 500,
                        "product_data": {"name": "x"},
                    },
                }
            ],
        }
    )
    stripe_standin.pay(session.id)

    response = post_event(*signed(stripe_standin, "checkout.session.completed", session.id))

    assert response.status_code == 400
    assert session.id in response.content.decode()
    assert_unchanged(payment, signal_log)


def test_get_is_not_allowed(client):
    response = client.get(WEBHOOK_URL)

    assert response.status_code == 405


def test_a_paid_amount_that_does_not_match_needs_review(make_payment, stripe_standin, signal_log):
    payment = make_payment()
    session_id = payment.stripe_checkout_session_id
    stripe_standin.pay(session_id)
    stripe_standin._update(session_id, amount_total=100)

    post_event(*signed(stripe_standin, "checkout.session.completed", session_id))

    payment.refresh_from_db()
    assert payment.status == Payment.Status.NEEDS_REVIEW
    assert signal_log.calls == []
