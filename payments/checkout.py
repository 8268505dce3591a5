"""Starting a Stripe Checkout from a view: the one place that builds the return addresses and
turns an unreachable payment service into a message instead of an error page. Events and
membership both start their checkouts here."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.urls import reverse

from association.public_url import absolute

from .models import Payment
from .services import CHECKOUT_MIN_LIFETIME, PaymentError, payment_create_checkout


def checkout_start(
    request,
    *,
    payable,
    amount: Decimal,
    description: str,
    customer_email: str,
    cancel_path: str,
    unavailable_message: str,
    expires_after=CHECKOUT_MIN_LIFETIME,
) -> Payment | None:
    """A new Checkout for ``payable``, or ``None`` (with ``unavailable_message`` shown to the
    person) when Stripe cannot be reached; nothing is stored then. The caller redirects to
    ``payment.checkout_url``, or back to ``cancel_path`` on ``None``."""
    try:
        return payment_create_checkout(
            payable=payable,
            amount=amount,
            description=description[:255],
            customer_email=customer_email,
            success_url=absolute(reverse("payments:success")),
            cancel_url=absolute(cancel_path),
            expires_after=expires_after,
        )
    except PaymentError:
        messages.error(request, unavailable_message)
        return None
