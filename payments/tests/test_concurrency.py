import threading

import pytest
from django.db import connection

from payments.models import Payment, StripeEvent
from payments.services import payment_confirm
from payments.tests.conftest import post_event

THREADS = 6


def run_together(target, count=THREADS):
    """Run ``target(i)`` in ``count`` threads, each with its own database connection,
    released at the same moment; return what each returned or raised."""
    barrier = threading.Barrier(count)
    results = [None] * count

    def run(i):
        try:
            barrier.wait(timeout=10)
            results[i] = target(i)
        except Exception as exc:  # noqa: BLE001 (reported to the test below)
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.mark.django_db(transaction=True)
def test_concurrent_confirmations_pay_once_and_signal_once(
    make_payment, stripe_standin, signal_log
):
    payment = make_payment()
    session_id = payment.stripe_checkout_session_id
    stripe_standin.pay(session_id)

    results = run_together(lambda i: payment_confirm(session_id=session_id))

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

    results = run_together(lambda i: post_event(payloads[i], stripe_standin.sign(payloads[i])))

    assert [getattr(r, "status_code", r) for r in results] == [200] * THREADS
    payment.refresh_from_db()
    assert payment.status == Payment.Status.PAID
    assert signal_log.count("payment_succeeded", payment) == 1
    assert StripeEvent.objects.count() == 2
