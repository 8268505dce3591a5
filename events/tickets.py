"""A registration's ticket: the QR code of its code, and the signed link that lets the
person manage it (view, confirm the e-mail, pay, cancel) without an account."""

from __future__ import annotations

import io

import segno
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
    buffer = io.BytesIO()
    segno.make(code, error="m", micro=False).save(buffer, kind="png", scale=scale, border=2)
    return buffer.getvalue()


def qr_svg(code: str, scale: int = 6) -> str:
    buffer = io.BytesIO()
    segno.make(code, error="m", micro=False).save(
        buffer, kind="svg", scale=scale, border=2, xmldecl=False, svgns=True, title=code
    )
    return buffer.getvalue().decode()
