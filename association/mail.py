"""Sending e-mail: messages are built in the request (or service) and handed to a Celery task
once the transaction commits, so a rolled-back change never mails anyone and a slow mail
server never slows a page."""

from __future__ import annotations

import base64

from django.core.mail import EmailMultiAlternatives
from django.db import transaction


def serialise_message(message: EmailMultiAlternatives) -> dict:
    """The message as JSON-safe data for a Celery task; attachments base64-encoded."""
    attachments = []
    for name, content, mimetype in message.attachments:
        raw = content.encode() if isinstance(content, str) else content
        attachments.append([name, base64.b64encode(raw).decode("ascii"), mimetype])
    return {
        "subject": message.subject,
        "body": message.body,
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [list(a) for a in getattr(message, "alternatives", [])],
        "attachments": attachments,
    }


def deserialise_message(data: dict) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
    )
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    for name, encoded, mimetype in data["attachments"]:
        message.attach(name, base64.b64decode(encoded), mimetype)
    return message


def mail_send_on_commit(message: EmailMultiAlternatives) -> None:
    """Queue ``message`` for the worker once the current transaction commits."""
    from .tasks import send_email_message  # tasks.py imports this module: a real cycle

    data = serialise_message(message)
    # robust: a broker outage is logged rather than turning a saved change into an error page.
    transaction.on_commit(lambda: send_email_message.delay(data), robust=True)
