"""The mail provider's tracking webhook (bounces, complaints), through django-anymail.

Only the configured provider's tracking endpoint is mounted: the other providers' and the
inbound endpoints would be surface with nothing behind them. A payload the provider's parser
cannot read (``1``, ``[]``, an object of the wrong shape) is the sender's error and answers
400; a failure while recording the events still answers 500, which providers retry.
"""

from __future__ import annotations

from anymail import urls as anymail_urls
from anymail.exceptions import AnymailWebhookValidationFailure
from django.urls import path

_UNREADABLE = (AttributeError, IndexError, KeyError, TypeError, ValueError)


def _guarded(view_class):
    class GuardedWebhookView(view_class):
        def parse_events(self, request):
            try:
                return list(super().parse_events(request))
            except _UNREADABLE as error:
                raise AnymailWebhookValidationFailure(
                    "The payload is not an event this webhook understands."
                ) from error

    GuardedWebhookView.__name__ = f"Guarded{view_class.__name__}"
    return GuardedWebhookView


def tracking_urlpatterns(esp: str) -> list:
    name = f"{esp}_tracking_webhook"
    return [
        path(str(pattern.pattern), _guarded(pattern.callback.view_class).as_view(), name=name)
        for pattern in anymail_urls.urlpatterns
        if getattr(pattern, "name", "") == name
    ]
