"""Input hygiene in one place: what a request may carry before any view sees it, and the
helpers views use to read numbers from a query string.

PostgreSQL refuses NUL characters in text, SQLite integers stop at 2**63 - 1, and
spreadsheets and XML refuse most C0 control characters; none of these belongs in a form or
a query string a person typed. A request that carries one is answered 400 here, so no view
has to remember it.
"""

from __future__ import annotations

import re

from django.http import HttpResponseBadRequest, QueryDict
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

# C0 controls except tab, line feed and carriage return (which text areas legitimately send),
# and DEL.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# The largest id any of our tables hands out fits in PostgreSQL's integer; anything above is
# no id at all, and bigger values overflow SQLite.
MAX_QUERY_INT = 2**31 - 1
# ASCII digits only: int() also reads other scripts' digits and "1_000".
_PLAIN_INTEGER = re.compile(r"-?[0-9]{1,19}")


def has_control_characters(value: str) -> bool:
    return bool(CONTROL_CHARACTERS.search(value))


def strip_control_characters(value: str) -> str:
    return CONTROL_CHARACTERS.sub("", value)


def _querydict_is_clean(data: QueryDict) -> bool:
    for key, values in data.lists():
        if has_control_characters(key):
            return False
        if any(isinstance(value, str) and has_control_characters(value) for value in values):
            return False
    return True


class InputHygieneMiddleware:
    """Answer 400 with a clear page when the query string or a submitted form holds control
    characters (NUL among them). JSON bodies (webhooks, the admin's API calls) are left to
    their own parsers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Headers are stored too (a consent's user agent); a client's broken header is
        # cleaned rather than refused.
        for key, value in request.META.items():
            if key.startswith("HTTP_") and isinstance(value, str) and has_control_characters(value):
                request.META[key] = strip_control_characters(value)
        if has_control_characters(request.path) or not _querydict_is_clean(request.GET):
            return self._refuse(request)
        content_type = request.META.get("CONTENT_TYPE", "")
        if request.method == "POST" and content_type.startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")
        ):
            try:
                clean = _querydict_is_clean(request.POST)
            except Exception:  # an unreadable body: Django's own handlers answer it
                clean = True
            if not clean:
                return self._refuse(request)
        return self.get_response(request)

    def _refuse(self, request):
        body = render_to_string(
            "400.html",
            {
                "message": _(
                    "Your request contains invisible control characters, which we do not "
                    "accept. Please remove them and try again."
                )
            },
            request=request,
        )
        return HttpResponseBadRequest(body)


def query_int(
    value, *, default: int | None = None, minimum: int = 1, maximum: int = MAX_QUERY_INT
) -> int | None:
    """An integer from a query string value, or ``default`` when it is missing, not a
    number, or outside ``minimum``..``maximum``."""
    if value is None:
        return default
    text = str(value).strip()
    if not _PLAIN_INTEGER.fullmatch(text):
        return default
    number = int(text)
    if number < minimum or number > maximum:
        return default
    return number
