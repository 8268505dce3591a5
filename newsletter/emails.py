"""The newsletter's transactional mail: the double opt-in confirmation. Rendered in the
subscriber's language now, sent by the worker after commit."""

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from association.mail import mail_send_on_commit
from association.public_url import base_url

from .tokens import confirmation_token


def confirmation_send(subscriber) -> None:
    with translation.override(subscriber.language):
        token = confirmation_token(subscriber)
        context = {
            "subscriber": subscriber,
            "confirm_url": base_url() + reverse("newsletter:confirm", args=[token]),
            "site_url": base_url(),
        }
        subject = render_to_string("newsletter/email/confirm_subject.txt", context).strip()
        body = render_to_string("newsletter/email/confirm.txt", context)
    mail_send_on_commit(
        EmailMultiAlternatives(subject=" ".join(subject.split()), body=body, to=[subscriber.email])
    )
