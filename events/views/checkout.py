"""Sending a person with a held place to pay: from the registration form and from the
registration's own page."""

from __future__ import annotations

import datetime

from django.shortcuts import redirect
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from payments.checkout import checkout_start
from payments.services import CHECKOUT_MAX_LIFETIME, CHECKOUT_MIN_LIFETIME

from .. import services
from ..models import Registration


def start_payment(request, registration: Registration, *, fallback: str):
    """Open a Stripe Checkout for a held place and send the person there. The hold lasts as
    long as the session, so the place cannot be given away while they pay."""
    now = timezone.now()
    remaining = (registration.hold_expires_at or now) - now
    lifetime = min(max(remaining, CHECKOUT_MIN_LIFETIME), CHECKOUT_MAX_LIFETIME)
    with translation.override(registration.language):
        description = f"{registration.event.title} · {registration.ticket_type.name}"
    payment = checkout_start(
        request,
        payable=registration,
        amount=registration.price,
        description=description,
        customer_email=registration.email,
        cancel_path=fallback,
        expires_after=lifetime,
        unavailable_message=_(
            "The payment service is not answering. Your place is held; please try paying again "
            "in a few minutes."
        ),
    )
    if payment is None:
        return redirect(fallback)
    services.registration_extend_hold(
        registration=registration, until=now + lifetime + datetime.timedelta(minutes=1)
    )
    return redirect(payment.checkout_url)
