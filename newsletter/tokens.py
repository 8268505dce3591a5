"""Signed links. A confirmation link names the subscriber and their current nonce, expires
after NEWSLETTER_CONFIRM_MAX_AGE and stops working once used (the nonce changes). An
unsubscribe link never expires: it names a subscriber, or the hash of an address that is
not one (a member or contact reached through an audience)."""

from django.conf import settings
from django.core import signing

CONFIRM_SALT = "newsletter.confirm"
UNSUBSCRIBE_SALT = "newsletter.unsubscribe"


class TokenError(Exception):
    pass


class TokenExpired(TokenError):
    pass


class TokenInvalid(TokenError):
    pass


def confirmation_token(subscriber) -> str:
    return signing.dumps([subscriber.pk, subscriber.confirmation_nonce], salt=CONFIRM_SALT)


def read_confirmation_token(token: str) -> tuple[int, str]:
    try:
        pk, nonce = signing.loads(
            token, salt=CONFIRM_SALT, max_age=settings.NEWSLETTER_CONFIRM_MAX_AGE
        )
    except signing.SignatureExpired as error:
        raise TokenExpired from error
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise TokenInvalid from error
    if not isinstance(pk, int) or not isinstance(nonce, str):
        raise TokenInvalid
    return pk, nonce


def unsubscribe_token(*, subscriber_id: int | None, email_hash: str = "") -> str:
    payload = ["s", subscriber_id] if subscriber_id else ["h", email_hash]
    return signing.dumps(payload, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token: str) -> tuple[str, int | str]:
    try:
        kind, value = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise TokenInvalid from error
    if (kind, type(value)) not in (("s", int), ("h", str)):
        raise TokenInvalid
    return kind, value
