"""Reactions to payments (payments signals; see their documentation there)."""

from . import services
from .models import Membership


def activate_paid_membership(sender, payment, **kwargs) -> None:
    """A paid membership starts when its payment is confirmed (idempotent)."""
    payable = payment.payable
    if isinstance(payable, Membership):
        services.membership_activate(membership=payable)
