"""Every write of membership: applications, approval, activation, renewal, expiry, a
member's own data, and an organisation's profile; its people and their invitations in
``people``. Views, admin views, webhooks and tasks all call these."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, OperationalError, transaction
from django.db.models.functions import Lower
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.images import get_image_model

from association.db import set_lock_timeout
from payments.models import Payment

from .. import emails, selectors
from ..models import (
    Application,
    ContactPerson,
    Membership,
    MembershipLevel,
    Organisation,
    OrganisationUser,
)
from ..signals import account_erasing_send
from . import people

REMINDER_DAYS = (30, 7)
RENEWAL_LOCK_TIMEOUT_MS = 5000


def _a_year_later(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def _unique_slug(name: str) -> str:
    base = slugify(name)[:240] or "organisation"
    slug, number = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def application_submit(
    *,
    applicant,
    level: MembershipLevel,
    motivation: str,
    organisation: Organisation | None = None,
    new_organisation: dict | None = None,
) -> Application:
    """File an application. A new organisation is created with its minimal profile, not yet
    published; the applicant becomes its admin."""
    if not level.is_active:
        raise ValidationError(_("This membership level is not open for applications."))
    if organisation is None and new_organisation:
        organisation = Organisation(
            name=new_organisation["name"],
            slug=_unique_slug(new_organisation["name"]),
            kind=new_organisation["kind"],
            city=new_organisation.get("city", ""),
            website=new_organisation.get("website", ""),
            is_published=False,
        )
        organisation.full_clean()
        organisation.save()
        OrganisationUser.objects.get_or_create(
            user=applicant,
            organisation=organisation,
            defaults={"role": OrganisationUser.Role.ADMIN},
        )
    pending = Application.objects.filter(level=level, status=Application.Status.PENDING)
    pending = (
        pending.filter(organisation=organisation)
        if organisation
        else pending.filter(applicant=applicant, organisation__isnull=True)
    )
    if pending.exists():
        raise ValidationError(_("An application for this level is already waiting for review."))
    application = Application(
        applicant=applicant, level=level, organisation=organisation, motivation=motivation
    )
    application.full_clean()
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError as exc:  # a concurrent identical application won the race
        raise ValidationError(
            _("An application for this level is already waiting for review.")
        ) from exc
    emails.application_received(application)
    emails.application_for_review(application)
    return application


@transaction.atomic
def application_approve(*, application: Application, reviewer, message: str = "") -> Membership:
    """Approve: a free level is active at once; a paid level waits for its payment."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status != Application.Status.PENDING:
        raise ValidationError(_("This application has already been reviewed."))
    application.status = Application.Status.APPROVED
    application.review_message = message
    application.reviewed_by = reviewer
    application.reviewed_at = timezone.now()
    application.save()
    membership = Membership.objects.create(
        organisation=application.organisation,
        person=application.applicant,
        level=application.level,
        application=application,
        status=Membership.Status.PENDING_PAYMENT,
    )
    if application.level.is_free:
        membership_activate(membership=membership)
    else:
        emails.application_approved_pay(membership)
    return membership


@transaction.atomic
def application_reject(*, application: Application, reviewer, message: str) -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status != Application.Status.PENDING:
        raise ValidationError(_("This application has already been reviewed."))
    if not message.strip():
        raise ValidationError(_("Tell the applicant why their application was rejected."))
    application.status = Application.Status.REJECTED
    application.review_message = message
    application.reviewed_by = reviewer
    application.reviewed_at = timezone.now()
    application.save()
    emails.application_rejected(application)
    return application


@transaction.atomic
def membership_activate(*, membership: Membership, today: datetime.date | None = None) -> bool:
    """Start the membership's period; safe to call twice (returns False the second time).

    A renewal starts where the organisation's current period ends, so paying early loses
    no days.
    """
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.status != Membership.Status.PENDING_PAYMENT:
        return False
    today = today or timezone.localdate()
    same_member = (
        {"organisation": membership.organisation}
        if membership.organisation_id
        else {"person": membership.person, "organisation__isnull": True}
    )
    previous_end = (
        Membership.objects.filter(
            status=Membership.Status.ACTIVE, ends_on__gte=today, **same_member
        )
        .exclude(pk=membership.pk)
        .order_by("-ends_on")
        .values_list("ends_on", flat=True)
        .first()
    )
    membership.starts_on = previous_end + datetime.timedelta(days=1) if previous_end else today
    membership.ends_on = _a_year_later(membership.starts_on) - datetime.timedelta(days=1)
    membership.status = Membership.Status.ACTIVE
    membership.save()
    organisation = membership.organisation
    if organisation is not None:
        if not organisation.is_published:
            organisation.is_published = True
            organisation.save(update_fields=["is_published"])
        if membership.person_id:
            OrganisationUser.objects.update_or_create(
                user_id=membership.person_id,
                organisation=organisation,
                defaults={"role": OrganisationUser.Role.ADMIN},
            )
    emails.membership_activated(membership)
    return True


def _same_member(membership: Membership) -> dict:
    """The lookup for every membership of the same member: the organisation's, or the
    person's own (without an organisation)."""
    if membership.organisation_id:
        return {"organisation_id": membership.organisation_id}
    return {"person_id": membership.person_id, "organisation__isnull": True}


def _lock_member_memberships(membership: Membership) -> list[Membership]:
    """Lock every membership row of the member, in primary-key order (so two renewals never
    deadlock), and return them as they are once locked: a second renewal of the same member
    waits here until the first commits, then sees what it wrote. A lock not granted in time
    is "busy, try again"."""
    member = _same_member(membership)
    set_lock_timeout(RENEWAL_LOCK_TIMEOUT_MS)
    try:
        list(Membership.objects.select_for_update().filter(**member).order_by("pk"))
    except OperationalError as error:
        raise ValidationError(
            _("Your membership is being changed right now. Please try again in a moment.")
        ) from error
    # Read again: the locking statement's rows come from before the wait, so they miss the
    # renewal a concurrent request added meanwhile; a new statement sees it.
    return list(Membership.objects.filter(**member).order_by("pk"))


@transaction.atomic
def membership_renew(*, membership: Membership, user, today: datetime.date | None = None):
    """A new period at the same level, continuing the member's latest one; free levels are
    active at once, paid ones wait for payment (a renewal already waiting is returned).

    Refused when the level is no longer offered, before renewal opens
    (``MEMBERSHIP_RENEWAL_OPENS_DAYS`` before the member's paid period ends; an expired
    membership may be renewed at any time), and so when the member is already paid up
    ahead: one renewal at a time, however often or however simultaneously the
    button is pressed (the member's rows are locked, and the database holds at most one
    renewal waiting for payment per member).
    """
    today = today or timezone.localdate()
    rows = {row.pk: row for row in _lock_member_memberships(membership)}
    membership = rows.get(membership.pk) or Membership.objects.get(pk=membership.pk)
    level = MembershipLevel.objects.get(pk=membership.level_id)
    if membership.status not in (Membership.Status.ACTIVE, Membership.Status.EXPIRED):
        raise ValidationError(_("Only an active or expired membership can be renewed."))
    if not level.is_active:
        raise ValidationError(
            _("The %(level)s level is no longer offered; please apply for another level.")
            % {"level": level.name}
        )
    waiting = [
        row
        for row in rows.values()
        if row.status == Membership.Status.PENDING_PAYMENT and row.application_id is None
    ]
    if waiting:
        if waiting[0].level_id == level.pk:
            return waiting[0]
        raise ValidationError(_("A renewal is already waiting for payment."))
    paid_until = max(
        (row.ends_on for row in rows.values() if row.status == Membership.Status.ACTIVE),
        default=None,
    )
    if paid_until is not None and today < selectors.renewal_opens_on(paid_until):
        if paid_until != membership.ends_on:  # a later period is paid already
            raise ValidationError(
                _("Your membership is already renewed until %(date)s.")
                % {"date": formats.date_format(paid_until)}
            )
        raise ValidationError(
            _("Renewal opens on %(date)s, %(days)s days before your membership ends.")
            % {
                "date": formats.date_format(selectors.renewal_opens_on(paid_until)),
                "days": settings.MEMBERSHIP_RENEWAL_OPENS_DAYS,
            }
        )
    renewal = Membership(
        organisation=membership.organisation,
        person=user,
        level=level,
        status=Membership.Status.PENDING_PAYMENT,
    )
    try:
        # SQLite (make run) has no row locks: a simultaneous renewal meets the one-pending
        # constraint or the locked database file here instead of at the lock above.
        with transaction.atomic():
            renewal.full_clean()
            renewal.save()
    except (IntegrityError, OperationalError) as error:
        raise ValidationError(
            _("Your membership is being changed right now. Please try again in a moment.")
        ) from error
    if level.is_free:
        membership_activate(membership=renewal, today=today)
        renewal.refresh_from_db()
    return renewal


def memberships_expire(*, today: datetime.date | None = None) -> int:
    """Mark memberships whose period has ended as expired; returns how many."""
    today = today or timezone.localdate()
    return Membership.objects.filter(status=Membership.Status.ACTIVE, ends_on__lt=today).update(
        status=Membership.Status.EXPIRED
    )


def memberships_send_reminders(*, today: datetime.date | None = None) -> int:
    """Remind members 30 and 7 days before their membership ends, once each; returns how many
    reminders were queued."""
    today = today or timezone.localdate()
    sent = 0
    for days, field in zip(
        REMINDER_DAYS, ("reminded_30_days_at", "reminded_7_days_at"), strict=True
    ):
        due = Membership.objects.filter(
            status=Membership.Status.ACTIVE,
            ends_on__lte=today + datetime.timedelta(days=days),
            ends_on__gte=today,
            **{f"{field}__isnull": True},
        )
        for membership_id in due.values_list("pk", flat=True):
            with transaction.atomic():
                membership = (
                    Membership.objects.select_for_update(skip_locked=True, of=("self",))
                    .filter(pk=membership_id, **{f"{field}__isnull": True})
                    .select_related("level", "organisation", "person")
                    .first()
                )
                if membership is None:
                    continue
                renewed = Membership.objects.filter(
                    organisation=membership.organisation,
                    person=membership.person,
                    status=Membership.Status.ACTIVE,
                    starts_on__gt=membership.ends_on,
                ).exists()
                setattr(membership, field, timezone.now())
                membership.save(update_fields=[field])
                if not renewed:
                    emails.membership_reminder(membership, days)
                    sent += 1
    return sent


@transaction.atomic
def account_delete(*, user) -> None:
    """Erase a member's personal data, in one transaction with what the apps built on
    membership erase (``account_erasing``). Memberships and payments stay for the
    association's records, no longer linked to a person (payments keep a pseudonym instead of
    the e-mail address); the user row is pseudonymised and deactivated.

    Only verified addresses count as the person's: anyone can add someone else's address to
    their account without verifying it, and must not erase that person's records with it."""
    addresses = account_erasing_send(user=user)
    Payment.objects.annotate(address=Lower("customer_email")).filter(address__in=addresses).update(
        customer_email=f"deleted-{user.pk}@invalid.example"
    )
    people.person_leave_all(user=user)
    Application.objects.filter(applicant=user).update(applicant=None)
    Membership.objects.filter(person=user).update(person=None)
    user.emailaddress_set.all().delete()
    pseudonym = f"deleted-{user.pk}"
    user.username = pseudonym
    user.email = ""
    user.first_name = ""
    user.last_name = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()


def account_export(*, user) -> dict:
    """Everything the platform holds about a member, for download."""
    user_model = get_user_model()
    user = user_model.objects.get(pk=user.pk)
    return {
        "account": {
            "username": user.username,
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "email_addresses": [
                {"email": a.email, "verified": a.verified, "primary": a.primary}
                for a in user.emailaddress_set.all()
            ],
        },
        "organisations": [
            {"organisation": role.organisation.name, "role": role.role}
            for role in user.organisation_roles.select_related("organisation")
        ],
        "applications": [
            {
                "level": a.level.name,
                "organisation": a.organisation.name if a.organisation else None,
                "motivation": a.motivation,
                "status": a.status,
                "submitted_at": a.created_at.isoformat(),
            }
            for a in user.membership_applications.select_related("level", "organisation")
        ],
        "memberships": [
            {
                "level": m.level.name,
                "organisation": m.organisation.name if m.organisation else None,
                "status": m.status,
                "starts_on": m.starts_on.isoformat() if m.starts_on else None,
                "ends_on": m.ends_on.isoformat() if m.ends_on else None,
            }
            for m in user.memberships.select_related("level", "organisation")
        ],
    }


# --- an organisation's profile -------------------------------------------------------------

M2M_FIELDS = ("sectors", "technology_fields")


def _logo_title(name: str, image_model) -> str:
    """ "<name> logo", cut to the image title's length (a name may be as long as the title)."""
    suffix = " logo"
    limit = image_model._meta.get_field("title").max_length - len(suffix)
    return name[:limit].rstrip() + suffix


@transaction.atomic
def organisation_update(*, organisation: Organisation, user, data: dict) -> Organisation:
    """Apply ``data`` (profile fields, ``contact_persons`` as a list of dicts with an
    optional ``id``, and ``logo_file``) to the live organisation and record a revision, so
    staff see who changed what. The public profile shows the change at once."""
    data = dict(data)
    contacts = data.pop("contact_persons", None)
    logo_file = data.pop("logo_file", None)
    for name, value in data.items():
        if name in M2M_FIELDS:
            setattr(organisation, name, list(value))
        else:
            setattr(organisation, name, value)
    if contacts is not None:
        existing = {person.pk: person for person in organisation.contact_persons.all()}
        kept = []
        for order, fields in enumerate(contacts):
            fields = dict(fields)
            person = existing.get(fields.pop("id", None)) or ContactPerson()
            for name, value in fields.items():
                setattr(person, name, value)
            person.sort_order = order
            kept.append(person)
        # ClusterableModel: assigning the list stages the children; save() writes them
        # and deletes the ones left out.
        organisation.contact_persons = kept
    if logo_file is not None:
        image_model = get_image_model()
        image = image_model(title=_logo_title(organisation.name, image_model), file=logo_file)
        image.full_clean(exclude=["file_size", "file_hash", "width", "height"])
        image.save()
        organisation.logo = image
    organisation.full_clean()
    organisation.save()
    organisation.save_revision(user=user, log_action=True, clean=False)
    return organisation
