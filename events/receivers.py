"""Reactions to payments (association/payments signals; see their documentation there)."""

from . import services
from .models import Registration


def confirm_paid_registration(sender, payment, **kwargs) -> None:
    """A held place is confirmed when its payment succeeds (idempotent)."""
    if isinstance(payment.payable, Registration):
        services.registration_confirm_payment(registration=payment.payable)


def release_unpaid_registration(sender, payment, **kwargs) -> None:
    """The checkout expired or the payment failed: the place goes to the waiting list now
    rather than at the next beat run."""
    if isinstance(payment.payable, Registration):
        services.registration_release(registration=payment.payable)


def sections_for_dashboard(sender, request, **kwargs) -> dict | None:
    """The member's registrations on /dashboard/ (membership.signals.dashboard_sections)."""
    from . import selectors

    registrations = list(selectors.user_registrations(request.user))
    return {
        "template": "events/components/dashboard_registrations.html",
        "context": {"registrations": selectors.registration_rows(registrations)},
        "order": 10,
    }
