"""The invitation mail: rendered now in the invitee's language, sent by the worker after
commit (``association.mail``), like every other mail of the site."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from association.mail import mail_send_on_commit
from association.public_url import absolute, base_url
from home.models import SiteSettings

from .tokens import invitation_tokens


def invitation_url(user, language: str) -> str:
    """The absolute address of ``user``'s invitation page in ``language``."""
    with translation.override(language):
        path = reverse(
            "sitesetup:invitation",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": invitation_tokens.make_token(user),
            },
        )
    return absolute(path)


def invitation(*, user, language: str, invited_by=None) -> None:
    with translation.override(language):
        context = {
            "site_name": SiteSettings.load().name_for(language),
            "site_url": base_url(),
            "invitation_url": invitation_url(user, language),
            "inviter": (invited_by.get_full_name() or invited_by.email) if invited_by else "",
            "days": settings.STAFF_INVITATION_DAYS,
            "email": user.email,
        }
        subject = render_to_string("sitesetup/email/invitation_subject.txt", context).strip()
        body = render_to_string("sitesetup/email/invitation.txt", context)
    mail_send_on_commit(
        EmailMultiAlternatives(subject=" ".join(subject.split()), body=body, to=[user.email])
    )
