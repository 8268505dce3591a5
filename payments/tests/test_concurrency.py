import pytest

from payments.models import Payment, StripeEvent
from payments.services import payment_confirm
from payments.tests.conftest import post_event
from tests.harness import run_together

THREADS = 6


@pytest.mark.django_db(transaction=True)
def test_concurrent_confirmations_pay_once_and_signal_once(
    make_payment, stripe_standin, signal_log
):
    payment = make_payment()
    session_id = payment.stripe_checkout_session_id
    stripe_standin.pay(session_id)

    results = run_together(lambda i: payment_confirm(session_id=session_id), THREADS)

    assert all(isinstance(r, Payment) for r in results), results
    assert {r.status for r in results} == {Payment.Status.PAID}
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PAID
    assert signal_log.count("payment_succeeded", payment) == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_webhooks_for_one_session_pay_once_and_signal_once(
    make_payment, stripe_standin, signal_log
):
    payment = make_payment()
    session_id = payment.stripe_checkout_session_id
    stripe_standin.pay(session_id)
    completed = stripe_standin.event("checkout.session.completed", session_id)
    succeeded = stripe_standin.event("checkout.session.async_payment_succeeded", session_id)
    # The same event delivered several times at once, and its sibling event alongside.
    payloads = [completed if i % 2 else succeeded for i in range(THREADS)]

    results = run_together(
        lambda i: post_event(payloads[i], stripe_standin.sign(payloads[i])), THREADS
    )

    assert [getattr(r, "status_code", r) for r in results] == [200] * THREADS
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PAID
    assert signal_log.count("payment_succeeded", payment) == 1
    assert StripeEvent.objects.count() == 2
