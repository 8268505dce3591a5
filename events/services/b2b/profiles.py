"""A participant's profile: created pre-filled from their organisation, then edited by them."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from association.hygiene import has_control_characters
from membership.models import Organisation, OrganisationUser, Sector, TechnologyField
from membership.richtext import rich_text_to_plain
from twins.search import fold

from ...models import B2BItem, B2BProfile, B2BSession, Registration
from .common import (
    B2BError,
    accepted_count,
    lock_profiles,
    placed_meetings_of,
    slot_time,
    takes_part,
)

MAX_ITEMS = 12


@dataclass(frozen=True)
class ItemData:
    """One offer or need as a form gives it."""

    direction: str
    kind: str
    text: str
    sectors: list[Sector] = field(default_factory=list)


def _organisation_of(registration: Registration) -> Organisation | None:
    """The organisation the participant belongs to: the one named on the registration when
    they belong to several, else their first."""
    if registration.user_id is None:
        return None
    roles = list(
        OrganisationUser.objects.filter(user_id=registration.user_id)
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )
    named = fold(registration.organisation_name).strip()
    for role in roles:
        if named and fold(role.organisation.name) == named:
            return role.organisation
    return roles[0].organisation if roles else None


def b2b_profile_prefill(*, registration: Registration) -> dict:
    """What a new profile starts with, from the participant's organisation: the organisation,
    its description (plain text), region, languages, sectors and technology fields. Reads
    only; the profile page shows it before anything is saved."""
    organisation = _organisation_of(registration)
    if organisation is None:
        return {"organisation": None, "sectors": [], "technology_fields": []}
    return {
        "organisation": organisation,
        "description": rich_text_to_plain(organisation.description)[:2000],
        "region": organisation.region,
        "languages": list(organisation.languages or []),
        "sectors": list(organisation.sectors.all()),
        "technology_fields": list(organisation.technology_fields.all()),
    }


def b2b_profile_get_or_create(*, session: B2BSession, registration: Registration) -> B2BProfile:
    """The participant's profile; a new one is pre-filled from their organisation
    (``b2b_profile_prefill``)."""
    existing = B2BProfile.objects.filter(session=session, registration=registration).first()
    if existing is not None:
        return existing
    if not takes_part(session, registration):
        raise B2BError(_("Only confirmed participants of these B2B meetings have a profile."))
    prefill = b2b_profile_prefill(registration=registration)
    sectors = prefill.pop("sectors")
    technology_fields = prefill.pop("technology_fields")
    profile = B2BProfile(session=session, registration=registration, **prefill)
    try:
        with transaction.atomic():
            profile.full_clean(exclude=["session", "registration", "organisation"])
            profile.save()
            profile.sectors.set(sectors)
            profile.technology_fields.set(technology_fields)
            _refresh_search_text(profile)
    except IntegrityError:
        # The same person saved twice at once: the other request made it.
        return B2BProfile.objects.get(session=session, registration=registration)
    return profile


def _clean_text(value: str, *, field_name: str, limit: int) -> str:
    value = (value or "").strip()
    if has_control_characters(value):
        raise B2BError(_("Please remove the invisible control characters."), field=field_name)
    return value[:limit]


def b2b_profile_update(
    *,
    profile: B2BProfile,
    description: str,
    region: str,
    sectors: list[Sector],
    technology_fields: list[TechnologyField],
    languages: list[str],
    max_meetings: int | None,
    available_slots: list[int] | None,
    is_visible: bool,
    items: list[ItemData],
) -> B2BProfile:
    """Save what the participant wrote. Refused (nothing changed) when it would take away a
    slot of a meeting already placed, or set a cap below the meetings already accepted."""
    description = _clean_text(description, field_name="description", limit=2000)
    if len(items) > MAX_ITEMS:
        raise B2BError(
            ngettext(
                "Give at most %(count)d offer or need.",
                "Give at most %(count)d offers and needs.",
                MAX_ITEMS,
            )
            % {"count": MAX_ITEMS}
        )
    with transaction.atomic():
        locked = lock_profiles(profile.pk)[profile.pk]
        if not takes_part(locked.session, locked.registration):
            raise B2BError(_("Your registration for this event is no longer confirmed."))
        session = locked.session
        if available_slots is not None:
            available_slots = sorted(set(available_slots))
            if any(not 0 <= slot < session.slot_count for slot in available_slots):
                raise B2BError(_("Choose from the slots of this session."), field="available_slots")
            if set(available_slots) >= set(session.meeting_slots):
                available_slots = None
            _refuse_dropping_placed_slots(locked, available_slots)
        if max_meetings is not None and accepted_count(locked) > max_meetings:
            raise B2BError(
                _(
                    "You have already accepted %(count)d meetings: cancel some before you set "
                    "a lower limit."
                )
                % {"count": accepted_count(locked)},
                field="max_meetings",
            )
        locked.description = description
        locked.region = region
        locked.languages = list(languages)
        locked.max_meetings = max_meetings
        locked.available_slots = available_slots
        locked.is_visible = is_visible
        locked.full_clean(exclude=["session", "registration", "organisation"])
        locked.save()
        locked.sectors.set(sectors)
        locked.technology_fields.set(technology_fields)
        _replace_items(locked, items)
        _refresh_search_text(locked)
    return locked


def _refuse_dropping_placed_slots(profile: B2BProfile, available_slots: list[int] | None) -> None:
    if available_slots is None:
        return
    placed = placed_meetings_of(profile).values_list("slot", flat=True)
    lost = sorted(set(placed) - set(available_slots))
    if lost:
        times = ", ".join(slot_time(profile.session, slot) for slot in lost)
        raise B2BError(
            _("You have meetings at %(times)s: keep those slots, or cancel the meetings first.")
            % {"times": times},
            field="available_slots",
        )


def _replace_items(profile: B2BProfile, items: list[ItemData]) -> None:
    profile.items.all().delete()
    for order, data in enumerate(items):
        item = B2BItem(
            profile=profile,
            direction=data.direction,
            kind=data.kind,
            text=_clean_text(data.text, field_name="items", limit=300),
            sort_order=order,
        )
        item.full_clean(exclude=["profile"])
        item.save()
        item.sectors.set(data.sectors)


def _refresh_search_text(profile: B2BProfile) -> None:
    """The folded text browse searches (``selectors.b2b_profiles``)."""
    registration = profile.registration
    parts = [
        registration.name,
        registration.organisation_name,
        profile.organisation.name if profile.organisation_id else "",
        profile.description,
        *profile.items.values_list("text", flat=True),
    ]
    folded = fold(" ".join(part for part in parts if part))
    B2BProfile.objects.filter(pk=profile.pk).update(search_folded=folded)
    profile.search_folded = folded
