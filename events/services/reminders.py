"""The reminder mailed to confirmed people the day before their event."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from .. import emails
from ..models import Registration

Status = Registration.Status


def reminders_send(*, now=None) -> int:
    """Beat: remind confirmed people the day before their event, once each."""
    now = now or timezone.now()
    sent = 0
    with transaction.atomic():
        due = list(
            Registration.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                status=Status.CONFIRMED,
                reminded_at__isnull=True,
                event__start__gt=now,
                event__start__lte=now + datetime.timedelta(hours=24),
            )
            .select_related("event", "ticket_type")
        )
        for registration in due:
            registration.reminded_at = now
            registration.save(update_fields=["reminded_at"])
            emails.send_reminder(registration)
            sent += 1
    return sent
