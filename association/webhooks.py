"""The mail provider's tracking webhook (bounces, complaints), through django-anymail.

Only the configured provider's tracking endpoint is mounted: the other providers' and the
inbound endpoints would be surface with nothing behind them. Only that provider's module is
imported, too: ``anymail.urls`` imports every provider's, and Amazon SES's imports boto3 when it
is installed (it is, for media in a bucket), about 15 MB in every web and worker process.

A payload the provider's parser cannot read (``1``, ``[]``, an object of the wrong shape) is
the sender's error and answers 400; a failure while recording the events still answers 500,
which providers retry.
"""

from __future__ import annotations

import importlib

from anymail.exceptions import AnymailWebhookValidationFailure
from django.core.exceptions import ImproperlyConfigured
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


def _tracking_view(esp: str):
    """The provider's tracking webhook view, found in its own module as ``anymail.urls`` names
    it (``<Provider>TrackingWebhookView``; Mandrill's one view is ``...CombinedWebhookView``)."""
    try:
        module = importlib.import_module(f"anymail.webhooks.{esp}")
    except ImportError as error:
        raise ImproperlyConfigured(f"NEWSLETTER_ESP: anymail has no provider {esp!r}.") from error
    views = [
        value
        for name, value in vars(module).items()
        if isinstance(value, type)
        and value.__module__ == module.__name__
        and name.endswith(("TrackingWebhookView", "CombinedWebhookView"))
    ]
    if len(views) != 1:
        raise ImproperlyConfigured(f"NEWSLETTER_ESP: no tracking webhook for {esp!r}.")
    return views[0]


def tracking_urlpatterns(esp: str) -> list:
    """The tracking endpoint at the address ``anymail.urls`` gives it: ``<esp>/tracking/``."""
    view = _guarded(_tracking_view(esp)).as_view()
    return [path(f"{esp}/tracking/", view, name=f"{esp}_tracking_webhook")]
