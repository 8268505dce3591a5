"""Inviting staff and accepting an invitation.

An invitation creates the account with an unusable password (so nobody can sign in as it
yet), its e-mail address unverified, the role groups chosen, and mails a link
(``sitesetup.tokens``) to the page where the invitee sets a password. Setting it verifies the
address for allauth, whose login refuses unverified ones, and voids the link.
"""

from __future__ import annotations

from collections.abc import Iterable

from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.admin.localization import get_available_admin_languages
from wagtail.users.models import UserProfile

from . import emails


class InvitationRefused(ValidationError):
    """The address cannot be invited: nothing was written or sent."""


def _pending(user) -> bool:
    """An account invited and not yet taken up: no password, never signed in."""
    return not user.has_usable_password() and user.last_login is None


def _site_language(code: str | None) -> str:
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


@transaction.atomic
def staff_invite(
    *,
    email: str,
    groups: Iterable[Group] = (),
    language: str | None = None,
    invited_by=None,
    superuser: bool = False,
):
    """Create (or, for an invitation not yet taken up, renew) the staff account of
    ``email`` in ``groups`` and mail the invitation in ``language``; the user.

    An address that already belongs to an account someone uses is refused
    (``InvitationRefused``): their roles are given under Settings -> Users instead."""
    email = (email or "").strip()
    try:
        validate_email(email)
    except ValidationError as error:
        raise InvitationRefused(_("Enter a valid e-mail address.")) from error
    language = _site_language(language)
    user_model = get_user_model()
    user = user_model.objects.filter(email__iexact=email).order_by("pk").first()
    if user is None:
        owner = EmailAddress.objects.filter(email__iexact=email).select_related("user").first()
        user = owner.user if owner else None
    if user is not None and not _pending(user):
        raise InvitationRefused(
            _("%(email)s already has an account. Give it a role under Settings → Users instead.")
            % {"email": email}
        )
    if user is None:
        username = get_adapter().generate_unique_username([email.split("@")[0], "staff"])
        user = user_model(username=username, email=email)
    user.is_active = True
    user.is_staff = True
    user.is_superuser = user.is_superuser or superuser
    # A new random unusable password also voids the links of an earlier invitation.
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    user.groups.add(*groups)
    address = EmailAddress.objects.filter(user=user, email__iexact=email).first()
    if address is None:
        EmailAddress.objects.create(user=user, email=email, primary=True, verified=False)
    profile = UserProfile.get_for_user(user)
    if language in dict(get_available_admin_languages()):
        profile.preferred_language = language
        profile.save(update_fields=["preferred_language"])
    emails.invitation(user=user, language=language, invited_by=invited_by)
    return user


@transaction.atomic
def invitation_accept(*, user, password: str) -> None:
    """Set the invitee's password (validated by the caller's ``SetPasswordForm``) and mark
    their address verified and primary, so allauth's login lets them in."""
    user.set_password(password)
    user.save(update_fields=["password"])
    address, _created = EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    if not (address.verified and address.primary):
        address.verified = address.primary = True
        address.save(update_fields=["verified", "primary"])
