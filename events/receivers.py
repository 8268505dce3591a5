"""Reactions to payments (payments signals; see their documentation there) and to
registrations (the page cache's places tag)."""

from django.db import transaction
from django.dispatch import receiver

from home.cache import bump_tag
from membership.signals import account_erasing

from . import privacy, selectors, services
from .models import Registration
from .tickets import manage_path


def registration_changed(sender, instance, **kwargs) -> None:
    """Saved or deleted: the places left of its event may have changed, so every cached copy
    of the event's page is stale once the change is committed (``home.cache.bump_tag``)."""
    update_fields = kwargs.get("update_fields")
    if update_fields is not None and not {"status", "ticket_type"} & set(update_fields):
        return
    tag = selectors.places_tag(event_id=instance.event_id)
    transaction.on_commit(lambda: bump_tag(tag))


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
    """The member's registrations on /dashboard/ (membership.signals.dashboard_sections),
    each with the link to its own page."""
    registrations = list(selectors.user_registrations(user=request.user))
    rows = [
        {"registration": registration, "manage_url": manage_path(registration)}
        for registration in registrations
    ]
    return {
        "template": "events/components/dashboard_registrations.html",
        "context": {"registrations": rows},
        "order": 10,
    }


# Connected here rather than in apps.py: this module is imported by EventsConfig.ready().
@receiver(account_erasing, dispatch_uid="events_account_erasing")
def anonymise_account_registrations(sender, user, addresses, **kwargs) -> None:
    """A member deletes their account (``membership.signals.account_erasing``): their
    registrations stay as anonymous rows (``privacy.registrations_anonymise``)."""
    privacy.registrations_anonymise(user=user, addresses=addresses)
