"""The membership e-mails. Each is rendered now and sent by the worker after commit."""

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from association.mail import mail_send_on_commit
from association.public_url import base_url


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
