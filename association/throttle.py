"""Throttles on everything a person can use to make the site send mail or hold a place
(subscribe, register, apply, resend a link), keyed by client address and by the e-mail
address the request names, counted on the shared cache by django-ratelimit so the limits
hold across web processes. Logins and sign-ups are throttled by allauth's own limits.

Views call ``throttle(request, scope, address=...)`` before they act; it raises
``Ratelimited``, which django-ratelimit's middleware answers with ``too_many_requests``
(``RATELIMIT_VIEW``), the 429 page.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited
from django_ratelimit.exceptions import Ratelimited


def _rates(scope: str) -> dict:
    try:
        return settings.THROTTLE_RATES[scope]
    except KeyError as error:
        raise KeyError(f"THROTTLE_RATES has no entry for {scope!r}") from error


def _address_key(address: str):
    digest = hashlib.sha256(address.strip().lower().encode()).hexdigest()
    return lambda group, request: digest


def throttle(request, scope: str, *, address: str | None = None) -> None:
    """Count one attempt of ``scope`` from this client (and for this e-mail address) and
    raise ``Ratelimited`` when either is over its rate (``settings.THROTTLE_RATES``)."""
    rates = _rates(scope)
    limited = is_ratelimited(
        request, group=f"{scope}:ip", key="ip", rate=rates["ip"], increment=True
    )
    if address and rates.get("address"):
        limited = (
            is_ratelimited(
                request,
                group=f"{scope}:address",
                key=_address_key(address),
                rate=rates["address"],
                increment=True,
            )
            or limited
        )
    if limited:
        raise Ratelimited(scope)


def too_many_requests(request, exception=None) -> HttpResponse:
    body = render_to_string(
        "429.html",
        {
            "message": _(
                "You have tried this too often in a short time. Please wait a while and try again."
            )
        },
        request=request,
    )
    response = HttpResponse(body, status=429)
    response["Retry-After"] = "600"
    return response
