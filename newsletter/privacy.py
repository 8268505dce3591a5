"""Erasure of a person's newsletter data when they delete their account, through the
newsletter's own erasure (``services.subscriber_erase``): subscriptions and their consent
records go, past deliveries keep their counts without the address or name, and the address
survives only as a hash on the suppression list, so no import brings it back."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q

from . import services
from .models import Subscriber


def subscriptions_erase(*, user, addresses: list[str]) -> int:
    """Erase the subscriptions of ``user`` and of ``addresses`` (verified, lower-cased); an
    address that received issues (as a member) without subscribing is erased from those
    deliveries and suppressed too. Returns how many subscribers were erased."""
    mine = Q(user=user)
    for address in addresses:
        mine |= Q(email__iexact=address)
    with transaction.atomic():
        subscribers = list(Subscriber.objects.filter(mine).order_by("pk"))
        for subscriber in subscribers:
            services.subscriber_erase(subscriber=subscriber)
        erased = {subscriber.email.lower() for subscriber in subscribers}
        for address in addresses:
            if address not in erased:
                services.subscriber_erased(email=address)
    return len(subscribers)
