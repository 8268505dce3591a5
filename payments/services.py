"""Every write to payments. Views, webhooks and other apps call these, nothing else.

The Stripe API is reached through ``stripe_client()``, which reads the settings on each
call: ``STRIPE_SECRET_KEY`` and, when set, ``STRIPE_API_BASE`` (the stand-in server in tests,
a mock or a proxy elsewhere).

The ``stripe`` library is imported where it is used, not with this module: the events app
imports this module in every process (its receivers), and the library with its resources is
about 10 MB that a process serving pages or sending the newsletter never uses.
"""

from __future__ import annotations

import logging
import time
from datetime import timedelta
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from .models import Payment
from .signals import payment_expired, payment_failed, payment_succeeded

if TYPE_CHECKING:
    import stripe

logger = logging.getLogger(__name__)

# Stripe accepts expires_at between 30 minutes and 24 hours after it creates the session,
# measured on its own clock: keep a margin from both ends for the request's travel time.
CHECKOUT_MIN_LIFETIME = timedelta(minutes=30)
CHECKOUT_MAX_LIFETIME = timedelta(hours=24)
_CLOCK_MARGIN = timedelta(minutes=1)
# Stripe replaces this in success_url with the session's id.
SESSION_ID_PLACEHOLDER = "{CHECKOUT_SESSION_ID}"


class PaymentError(Exception):
    """Stripe could not be reached or refused the request; nothing was stored."""


def stripe_client() -> stripe.StripeClient:
    api_key = settings.STRIPE_SECRET_KEY
    if not api_key:
        raise PaymentError("STRIPE_SECRET_KEY is not configured.")
    return _stripe_client(api_key, getattr(settings, "STRIPE_API_BASE", "") or "")


@lru_cache(maxsize=4)
def _stripe_client(api_key: str, api_base: str) -> stripe.StripeClient:
    import stripe

    base_addresses = {"api": api_base.rstrip("/")} if api_base else None
    return stripe.StripeClient(api_key, base_addresses=base_addresses, max_network_retries=2)


def _checkout_lifetime(expires_after: timedelta) -> timedelta:
    """The session's lifetime asked of Stripe: ``expires_after`` kept clear of both limits."""
    if not CHECKOUT_MIN_LIFETIME <= expires_after <= CHECKOUT_MAX_LIFETIME:
        raise ValueError("expires_after must be between 30 minutes and 24 hours.")
    return min(
        max(expires_after, CHECKOUT_MIN_LIFETIME + _CLOCK_MARGIN),
        CHECKOUT_MAX_LIFETIME - _CLOCK_MARGIN,
    )


def payment_create_checkout(
    *,
    payable,
    amount: Decimal,
    currency: str = "eur",
    description: str,
    customer_email: str,
    success_url: str,
    cancel_url: str,
    expires_after: timedelta = CHECKOUT_MIN_LIFETIME,
) -> Payment:
    """Start a Stripe Checkout Session for ``payable`` and store it as a ``Payment``.

    Redirect the customer to ``payment.checkout_url``. Unless ``success_url`` already holds
    Stripe's ``{CHECKOUT_SESSION_ID}`` placeholder, ``?session_id={CHECKOUT_SESSION_ID}`` is
    added, which the ``payments:success`` page reads. The result arrives later through the
    signals in ``payments.signals``. A payable may define
    ``accepts_payment(payment) -> bool`` to refuse money that arrives when it is no longer
    payable (the payment then needs review instead of succeeding).
    """
    lifetime = _checkout_lifetime(expires_after)
    if SESSION_ID_PLACEHOLDER not in success_url:
        separator = "&" if "?" in success_url else "?"
        success_url = f"{success_url}{separator}session_id={SESSION_ID_PLACEHOLDER}"
    content_type = ContentType.objects.get_for_model(payable)
    payment = Payment(
        content_type=content_type,
        object_id=payable.pk,
        amount=Decimal(amount),
        currency=currency.lower(),
        description=description,
        customer_email=customer_email,
    )
    payment.full_clean(exclude=["stripe_checkout_session_id"])
    with transaction.atomic():
        payment.save()
        params = _session_params(
            payment,
            payable_ref=f"{content_type.app_label}.{content_type.model}:{payable.pk}",
            success_url=success_url,
            cancel_url=cancel_url,
            expires_at=int(time.time() + lifetime.total_seconds()),
        )
        import stripe

        try:
            # Primary keys are never reused, so a retried request cannot make a second
            # session for this payment.
            session = stripe_client().v1.checkout.sessions.create(
                params=params, options={"idempotency_key": f"payment-{payment.pk}-checkout"}
            )
        except stripe.StripeError as exc:
            logger.warning("Stripe refused a checkout for payment %s: %s", payment.pk, exc)
            raise PaymentError(str(exc)) from exc
        payment.stripe_checkout_session_id = session.id
        payment.checkout_url = session.url or ""
        payment.save(update_fields=["stripe_checkout_session_id", "checkout_url", "updated_at"])
    return payment


def _session_params(
    payment: Payment, *, payable_ref: str, success_url: str, cancel_url: str, expires_at: int
) -> dict:
    """The Checkout Session for one saved payment: one line of its amount."""
    return {
        "mode": "payment",
        "line_items": [
            {
                "quantity": 1,
                "price_data": {
                    "currency": payment.currency,
                    "unit_amount": payment.amount_minor,
                    "product_data": {"name": payment.description},
                },
            }
        ],
        "customer_email": payment.customer_email,
        "client_reference_id": f"payment-{payment.pk}",
        "metadata": {"payment_id": str(payment.pk), "payable": payable_ref},
        "success_url": success_url,
        "cancel_url": cancel_url,
        "expires_at": expires_at,
    }


def _lock_payment(session_id: str) -> Payment:
    # The row lock serialises concurrent webhooks for one session (Stripe sends
    # checkout.session.completed and async_payment_succeeded close together, and retries):
    # the second waits here, then sees the first one's result.
    return Payment.objects.select_for_update().get(stripe_checkout_session_id=session_id)


def _retrieve_session(session_id: str):
    import stripe

    try:
        return stripe_client().v1.checkout.sessions.retrieve(session_id)
    except stripe.StripeError as exc:
        raise PaymentError(str(exc)) from exc


def _payable_accepts(payment: Payment) -> bool:
    payable = payment.payable
    if payable is None:
        return False
    accepts = getattr(payable, "accepts_payment", None)
    return accepts(payment) if callable(accepts) else True


def payment_confirm(*, session_id: str) -> Payment:
    """Mark the payment paid if Stripe's API says its session is paid; safe to repeat.

    The webhook's copy of the session is not trusted: the session is read again from the
    API under the payment's row lock. ``payment_succeeded`` is sent once, the first time.
    Raises ``Payment.DoesNotExist`` for a session we never created and ``PaymentError``
    when Stripe cannot be reached.
    """
    with transaction.atomic():
        payment = _lock_payment(session_id)
        if payment.status in (Payment.Status.PAID, Payment.Status.NEEDS_REVIEW):
            return payment
        session = _retrieve_session(session_id)
        if session.payment_status != "paid":
            return payment
        payment.stripe_payment_intent_id = _payment_intent_id(session)
        payment.paid_at = timezone.now()
        matches = session.amount_total == payment.amount_minor and (
            (session.currency or "").lower() == payment.currency
        )
        if payment.status == Payment.Status.CREATED and matches and _payable_accepts(payment):
            payment.status = Payment.Status.PAID
        else:
            logger.warning("Payment %s was paid but needs review", payment.pk)
            payment.status = Payment.Status.NEEDS_REVIEW
        payment.save(update_fields=["status", "stripe_payment_intent_id", "paid_at", "updated_at"])
        if payment.status == Payment.Status.PAID:
            payment_succeeded.send(sender=Payment, payment=payment)
    return payment


def payment_expire(*, session_id: str) -> Payment:
    """Mark an unpaid payment expired if Stripe's API says its session expired."""
    with transaction.atomic():
        payment = _lock_payment(session_id)
        if payment.status != Payment.Status.CREATED:
            return payment
        session = _retrieve_session(session_id)
        if session.status != "expired" or session.payment_status == "paid":
            return payment
        payment.status = Payment.Status.EXPIRED
        payment.save(update_fields=["status", "updated_at"])
        payment_expired.send(sender=Payment, payment=payment)
    return payment


def payment_fail(*, session_id: str) -> Payment:
    """Mark an unpaid payment failed (a delayed payment method was declined after checkout).

    The session's API object does not say why it is unpaid, so the event type decides; the
    API is still read so a session that is in fact paid is never marked failed.
    """
    with transaction.atomic():
        payment = _lock_payment(session_id)
        if payment.status != Payment.Status.CREATED:
            return payment
        session = _retrieve_session(session_id)
        if session.payment_status == "paid":
            return payment
        payment.status = Payment.Status.FAILED
        payment.save(update_fields=["status", "updated_at"])
        payment_failed.send(sender=Payment, payment=payment)
    return payment


def payable_open_checkouts(*, payable) -> list[Payment]:
    """The payable's checkouts whose end we have not recorded yet (no webhook said paid,
    expired or failed), and its bank transfers still awaited, oldest first."""
    return list(
        Payment.objects.filter(
            models.Q(stripe_checkout_session_id__isnull=False)
            | models.Q(method=Payment.Method.BANK_TRANSFER),
            content_type=ContentType.objects.get_for_model(payable),
            object_id=payable.pk,
            status=Payment.Status.CREATED,
        ).order_by("pk")
    )


def checkout_may_succeed(*, payment: Payment) -> bool:
    """Whether money may still arrive through this checkout: anything but a session that
    Stripe's API reports expired (open, paid with the webhook still on its way, or complete
    with a delayed payment method processing). When Stripe cannot be asked, the answer is
    yes: holding a place a little longer costs less than taking money for a place given
    away."""
    if payment.status != Payment.Status.CREATED:
        return False
    if payment.method == Payment.Method.BANK_TRANSFER:
        # A pro-forma may be paid until its due date has passed (bank.bank_transfers_expire).
        return payment.due_on is None or payment.due_on >= timezone.localdate()
    try:
        session = _retrieve_session(payment.stripe_checkout_session_id)
    except PaymentError as exc:
        logger.warning("Could not ask Stripe about payment %s: %s", payment.pk, exc)
        return True
    return session.status != "expired"


def _payment_intent_id(session) -> str:
    intent = session.payment_intent
    if intent is None:
        return ""
    return intent if isinstance(intent, str) else intent.id
