"""The membership e-mails. Each is rendered now and sent by the worker after commit."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from association.mail import mail_send_on_commit
from association.public_url import absolute, base_url


def _send(template: str, to: str | None, context: dict) -> None:
    if not to:
        return
    context = {"site_url": base_url(), **context}
    context["dashboard_url"] = context["site_url"] + reverse("dashboard")
    subject = render_to_string(f"membership/email/{template}_subject.txt", context).strip()
    body = render_to_string(f"membership/email/{template}.txt", context)
    mail_send_on_commit(
        EmailMultiAlternatives(subject=" ".join(subject.split()), body=body, to=[to])
    )


def application_received(application) -> None:
    _send("application_received", application.applicant.email, {"application": application})


REVIEW_PERMISSION = "membership.change_application"


def site_language(code: str | None) -> str:
    """``code`` when the site speaks it, else the site's default language."""
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _reviewers() -> dict[str, str]:
    """The address of each active user who may review applications (the permission, given
    to them or to a group of theirs, or a superuser), with the language of their admin
    profile (the site's default when they chose none), and ``MEMBERSHIP_REVIEW_EMAIL``."""
    users = (
        get_user_model()
        .objects.with_perm(
            REVIEW_PERMISSION,
            include_superusers=True,
            backend="django.contrib.auth.backends.ModelBackend",
        )
        .exclude(email="")
        .select_related("wagtail_userprofile")
        .order_by("pk")
    )
    reviewers = {}
    for user in users:
        profile = getattr(user, "wagtail_userprofile", None)
        reviewers.setdefault(
            user.email.lower(), site_language(profile.preferred_language if profile else None)
        )
    if settings.MEMBERSHIP_REVIEW_EMAIL:
        reviewers.setdefault(settings.MEMBERSHIP_REVIEW_EMAIL.lower(), settings.LANGUAGE_CODE)
    return reviewers


def application_for_review(application) -> None:
    """Tell the staff who review applications that one is waiting, each in their language,
    with the link to its review screen in the admin."""
    admin_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    review_url = admin_url + reverse("membership_application_review", args=[application.pk])
    applicant = application.applicant
    for address, language in _reviewers().items():
        with translation.override(language):
            _send(
                "application_for_review",
                address,
                {
                    "application": application,
                    "applicant_name": (
                        application.organisation.name
                        if application.organisation
                        else (applicant.get_full_name() or applicant.email)
                    ),
                    "review_url": review_url,
                },
            )


def application_approved_pay(membership) -> None:
    _send(
        "application_approved_pay",
        membership.person.email if membership.person else None,
        {"membership": membership},
    )


def application_rejected(application) -> None:
    _send(
        "application_rejected",
        application.applicant.email if application.applicant else None,
        {"application": application},
    )


def membership_activated(membership) -> None:
    _send(
        "membership_activated",
        membership.person.email if membership.person else None,
        {"membership": membership},
    )


def membership_reminder(membership, days: int) -> None:
    _send(
        "membership_reminder",
        membership.person.email if membership.person else None,
        {"membership": membership, "days": days},
    )


def organisation_invitation(invitation, *, token: str) -> None:
    """The invitation to join an organisation, in the language it was sent in, with the link
    (``token`` is known only here and in the mail: the database keeps its hash)."""
    inviter = invitation.invited_by
    with translation.override(invitation.language):
        _send(
            "organisation_invitation",
            invitation.email,
            {
                "invitation": invitation,
                "organisation_name": invitation.organisation.name,
                "role": invitation.get_role_display(),
                "inviter": (inviter.get_full_name() or inviter.email) if inviter else "",
                "accept_url": absolute(reverse("organisation_invitation", kwargs={"token": token})),
                "days": settings.ORGANISATION_INVITATION_DAYS,
            },
        )
