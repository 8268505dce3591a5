"""Erasure of a person's event registrations when they delete their account.

Rows are anonymised rather than deleted: the figures of every event (places taken, people
on the waiting list, attendance) and the payments that point at a registration stay right,
while nothing in them names the person any more. A held or confirmed place stays held, so a
paid ticket is not lost by deleting the account; its code still admits at the door.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast, Concat, Lower
from django.utils import timezone

from twins.search import fold

from .models import B2BItem, B2BProfile, Registration

ERASED_NAME = "[erased]"


def registrations_anonymise(*, user, addresses: list[str], now=None) -> int:
    """Anonymise every registration made by ``user`` or under one of ``addresses`` (verified,
    lower-cased): name and organisation replaced, the address replaced by one that cannot
    receive mail, the account unlinked. A place on a waiting list is given up, since nobody
    could take the place when it is offered. Returns how many registrations were changed."""
    now = now or timezone.now()
    mine = Q(user=user)
    if addresses:
        mine |= Q(email_lower__in=addresses)
    with transaction.atomic():
        pks = list(
            Registration.objects.annotate(email_lower=Lower("email"))
            .filter(mine)
            .order_by("pk")
            .select_for_update()
            .values_list("pk", flat=True)
        )
        registrations = Registration.objects.filter(pk__in=pks)
        # What they wrote about themselves for B2B meetings goes too; their meetings stay,
        # under the erased name, for the other side's agenda and the club's figures.
        B2BItem.objects.filter(profile__registration__in=pks).delete()
        B2BProfile.objects.filter(registration__in=pks).update(
            description="", search_folded="", is_visible=False
        )
        registrations.filter(status=Registration.Status.WAITLISTED).update(
            status=Registration.Status.CANCELLED, cancelled_at=now
        )
        return registrations.update(
            user=None,
            name=ERASED_NAME,
            organisation_name="",
            search_folded=fold(ERASED_NAME),
            email=Concat(
                Value("erased-"), Cast("pk", output_field=CharField()), Value("@erased.invalid")
            ),
        )
