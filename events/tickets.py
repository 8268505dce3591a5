"""A registration's ticket: the QR code of its code, and the signed link that lets the
person manage it (view, confirm the e-mail, pay, cancel) without an account. ``segno`` is
imported where a code is drawn, not with this module, which every process imports."""

from __future__ import annotations

import io

from django.core import signing
from django.urls import reverse

_SALT = "events.registration.manage"


def manage_token(registration) -> str:
    return signing.dumps(registration.pk, salt=_SALT, compress=True)


def registration_pk_from_token(token: str) -> int | None:
    """The registration id in a token we signed, or None for a forged or damaged one."""
    try:
        value = signing.loads(token, salt=_SALT)
    except signing.BadSignature:
        return None
    return value if isinstance(value, int) else None


def manage_path(registration) -> str:
    return reverse("events:registration", args=[manage_token(registration)])


def qr_png(code: str, scale: int = 8) -> bytes:
    import segno

    buffer = io.BytesIO()
    segno.make(code, error="m", micro=False).save(buffer, kind="png", scale=scale, border=2)
    return buffer.getvalue()


def qr_svg(code: str, scale: int = 6) -> str:
    import segno

    buffer = io.BytesIO()
    segno.make(code, error="m", micro=False).save(
        buffer, kind="svg", scale=scale, border=2, xmldecl=False, svgns=True, title=code
    )
    return buffer.getvalue().decode()


# --- B2B: the answer link in a meeting request's mail ----------------------------------------

_ANSWER_SALT = "events.b2b.answer"
# Requests are answered in the days before the event; an older link asks to sign in instead.
ANSWER_LINK_MAX_AGE = 14 * 24 * 60 * 60


class AnswerLinkExpired(Exception):
    pass


def b2b_answer_token(meeting_request) -> str:
    """The link that lets the person asked accept or decline ``meeting_request``: it names the
    request and its recipient, so it answers that request only, for that person only."""
    return signing.dumps([meeting_request.pk, meeting_request.to_profile_id], salt=_ANSWER_SALT)


def read_b2b_answer_token(token: str) -> tuple[int, int] | None:
    """(request id, recipient profile id) of a link we signed; None for a forged or damaged
    one; raises ``AnswerLinkExpired`` past ``ANSWER_LINK_MAX_AGE``."""
    try:
        value = signing.loads(token, salt=_ANSWER_SALT, max_age=ANSWER_LINK_MAX_AGE)
    except signing.SignatureExpired as error:
        raise AnswerLinkExpired from error
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(type(item) is int and 0 < item < 2**31 for item in value)
    ):
        return None
    return value[0], value[1]
