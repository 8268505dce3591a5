"""The people of an organisation: inviting a colleague by e-mail, accepting, withdrawing an
invitation, changing a role, removing someone and handing the admin role over.

The rule every write here keeps: an organisation that has people has at least one admin.
Each write that could take an admin away locks the organisation's row first (one lock per
organisation, taken before its people are read), so two admins demoting or removing each
other at the same moment are served one after the other, and the second is refused; a lock
not granted in time is "busy, try again". Accepting an invitation locks the invitation's row,
so a link pressed twice joins once.
"""

from __future__ import annotations

import datetime
import secrets

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, OperationalError, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from association.db import set_lock_timeout
from association.hygiene import MAX_QUERY_INT

from .. import emails
from ..models import Organisation, OrganisationInvitation, OrganisationUser
from ..models.people import token_hash

PEOPLE_LOCK_TIMEOUT_MS = 5000
ADMIN = OrganisationUser.Role.ADMIN
MEMBER = OrganisationUser.Role.MEMBER


class InvitationRefused(ValidationError):
    """An invitation that cannot be accepted, with why (``code``): ``invalid``, ``used``,
    ``expired``, ``revoked``, ``wrong_address`` or ``unverified``. Nothing was joined."""


def _lock_organisation(organisation: Organisation) -> None:
    """Take the organisation's row lock that serialises every change of its people."""
    set_lock_timeout(PEOPLE_LOCK_TIMEOUT_MS)
    try:
        list(Organisation.objects.select_for_update().filter(pk=organisation.pk).values("pk"))
    except OperationalError as error:
        raise ValidationError(
            _("The people of this organisation are being changed right now. Please try again.")
        ) from error


def _person(organisation: Organisation, person_id: int) -> OrganisationUser:
    if not 0 < person_id <= MAX_QUERY_INT:  # no id of ours; bigger ones overflow the database
        raise ValidationError(_("This person no longer belongs to the organisation."))
    person = (
        OrganisationUser.objects.filter(pk=person_id, organisation=organisation)
        .select_related("user")
        .first()
    )
    if person is None:
        raise ValidationError(_("This person no longer belongs to the organisation."))
    return person


def _other_admins(person: OrganisationUser) -> int:
    return (
        OrganisationUser.objects.filter(organisation_id=person.organisation_id, role=ADMIN)
        .exclude(pk=person.pk)
        .count()
    )


def _verified_addresses(user) -> set[str]:
    return {
        address.lower()
        for address in EmailAddress.objects.filter(user=user, verified=True).values_list(
            "email", flat=True
        )
    }


# --- invitations -----------------------------------------------------------------------------


@transaction.atomic
def invitation_create(
    *,
    organisation: Organisation,
    email: str,
    role: str = MEMBER,
    invited_by=None,
    language: str | None = None,
) -> OrganisationInvitation:
    """Invite ``email`` to join ``organisation`` as ``role`` and mail the link (after commit,
    by the worker) in ``language``. Inviting an address again renews its open invitation
    (new link, new expiry; the old link stops working). Refused for an address that already
    belongs to the organisation."""
    email = (email or "").strip()
    try:
        validate_email(email)
    except ValidationError as error:
        raise ValidationError(_("Enter a valid e-mail address.")) from error
    if role not in OrganisationUser.Role.values:
        raise ValidationError(_("Choose a role."))
    _lock_organisation(organisation)
    members = EmailAddress.objects.filter(
        verified=True,
        email__iexact=email,
        user__organisation_roles__organisation=organisation,
    )
    if members.exists() or organisation.users.filter(user__email__iexact=email).exists():
        raise ValidationError(
            _("%(email)s already belongs to this organisation.") % {"email": email}
        )
    invitation = (
        OrganisationInvitation.objects.select_for_update()
        .annotate(address=Lower("email"))
        .filter(
            organisation=organisation,
            address=email.lower(),
            accepted_at__isnull=True,
            revoked_at__isnull=True,
        )
        .first()
    ) or OrganisationInvitation(organisation=organisation)
    token = secrets.token_urlsafe(32)
    invitation.email = email
    invitation.role = role
    invitation.invited_by = invited_by
    invitation.language = emails.site_language(language)
    invitation.token_hash = token_hash(token)
    invitation.created_at = timezone.now()
    invitation.expires_at = invitation.created_at + datetime.timedelta(
        days=settings.ORGANISATION_INVITATION_DAYS
    )
    invitation.full_clean(exclude=["token_hash"])
    try:
        with transaction.atomic():
            invitation.save()
    except IntegrityError as error:  # the same address invited at the same moment
        raise ValidationError(_("%(email)s was invited just now.") % {"email": email}) from error
    emails.organisation_invitation(invitation, token=token)
    invitation.token = token  # the link's secret, on the returned instance only
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: OrganisationInvitation) -> OrganisationInvitation:
    """Withdraw an invitation not yet accepted: its link stops working."""
    invitation = OrganisationInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at:
        raise ValidationError(_("This invitation was accepted already."))
    if not invitation.revoked_at:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
    return invitation


def invitation_check(*, invitation: OrganisationInvitation | None, user=None) -> None:
    """Raise ``InvitationRefused`` when ``invitation`` cannot be accepted (by ``user``, when
    given: a signed-in account whose verified address is the invited one)."""
    if invitation is None:
        raise InvitationRefused(
            _("This invitation link is not valid. Open the link exactly as it is in the e-mail."),
            code="invalid",
        )
    state = invitation.state
    if state == OrganisationInvitation.State.ACCEPTED:
        raise InvitationRefused(_("This invitation was used already."), code="used")
    if state == OrganisationInvitation.State.REVOKED:
        raise InvitationRefused(_("This invitation was withdrawn."), code="revoked")
    if state == OrganisationInvitation.State.EXPIRED:
        raise InvitationRefused(
            _("This invitation has expired. Ask whoever invited you to send a new one."),
            code="expired",
        )
    if user is None:
        return
    address = invitation.email.lower()
    if address in _verified_addresses(user):
        return
    if EmailAddress.objects.filter(user=user, email__iexact=address).exists():
        raise InvitationRefused(
            _("Confirm your address %(email)s first: follow the link we sent to it.")
            % {"email": invitation.email},
            code="unverified",
        )
    raise InvitationRefused(
        _(
            "This invitation was sent to %(email)s, and you are signed in with another "
            "address. Sign in with %(email)s to accept it."
        )
        % {"email": invitation.email},
        code="wrong_address",
    )


@transaction.atomic
def invitation_accept(
    *, user, token: str | None = None, invitation_id: int | None = None
) -> OrganisationUser:
    """Join the invitation's organisation as its role; the invitation is used up. The
    invitation is the link's (``token``) or, on the invitee's dashboard, the one with
    ``invitation_id``: either way only an account whose verified address is the invited one
    accepts it. Someone who belongs already keeps their place (and becomes admin when
    invited as one)."""
    invitations = OrganisationInvitation.objects.select_for_update()
    if token is not None:
        invitation = invitations.filter(token_hash=token_hash(token)).first()
    elif 0 < (invitation_id or 0) <= MAX_QUERY_INT:
        invitation = invitations.filter(pk=invitation_id).first()
    else:
        invitation = None
    invitation_check(invitation=invitation, user=user)
    person, created = OrganisationUser.objects.get_or_create(
        user=user, organisation_id=invitation.organisation_id, defaults={"role": invitation.role}
    )
    if not created and invitation.role == ADMIN and person.role != ADMIN:
        person.role = ADMIN
        person.save(update_fields=["role"])
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return person


# --- people ----------------------------------------------------------------------------------


@transaction.atomic
def organisation_user_set_role(
    *, organisation: Organisation, person_id: int, role: str
) -> OrganisationUser:
    """Make a person of the organisation an admin or a member; the last admin stays one."""
    if role not in OrganisationUser.Role.values:
        raise ValidationError(_("Choose a role."))
    _lock_organisation(organisation)
    person = _person(organisation, person_id)
    if person.role == ADMIN and role != ADMIN and not _other_admins(person):
        raise ValidationError(_("An organisation needs an admin: make someone else admin first."))
    if person.role != role:
        person.role = role
        person.save(update_fields=["role"])
    return person


@transaction.atomic
def organisation_user_remove(*, organisation: Organisation, person_id: int) -> None:
    """Take a person out of the organisation; never its last admin."""
    _lock_organisation(organisation)
    person = _person(organisation, person_id)
    if person.role == ADMIN and not _other_admins(person):
        raise ValidationError(
            _("The last admin of an organisation cannot be removed: make someone else admin first.")
        )
    person.delete()


@transaction.atomic
def organisation_admin_handover(
    *, organisation: Organisation, from_user, to_person_id: int
) -> OrganisationUser:
    """``from_user`` hands the admin role to another person of the organisation and becomes
    a member: both changes or neither."""
    _lock_organisation(organisation)
    to_person = _person(organisation, to_person_id)
    from_person = OrganisationUser.objects.filter(
        organisation=organisation, user=from_user, role=ADMIN
    ).first()
    if from_person is None:
        raise ValidationError(_("Only an admin of the organisation can hand the role over."))
    if from_person.pk == to_person.pk:
        raise ValidationError(_("Choose someone else to hand the admin role to."))
    to_person.role = ADMIN
    to_person.save(update_fields=["role"])
    from_person.role = MEMBER
    from_person.save(update_fields=["role"])
    return to_person


def person_leave_all(*, user) -> None:
    """Take ``user`` out of every organisation (their account is being deleted). Where they
    were its last admin, the organisation's longest-standing other person becomes admin, so
    no organisation with people is left without one."""
    for organisation_id in (
        OrganisationUser.objects.filter(user=user, role=ADMIN)
        .order_by("organisation_id")
        .values_list("organisation_id", flat=True)
    ):
        _lock_organisation(Organisation(pk=organisation_id))
        others = OrganisationUser.objects.filter(organisation_id=organisation_id).exclude(user=user)
        if not others.filter(role=ADMIN).exists():
            successor = others.order_by("pk").first()
            if successor is not None:
                successor.role = ADMIN
                successor.save(update_fields=["role"])
    OrganisationUser.objects.filter(user=user).delete()
