"""Signed links. A confirmation link names the subscriber and their current nonce, expires
after NEWSLETTER_CONFIRM_MAX_AGE and stops working once used (the nonce changes). An
unsubscribe link never expires: it names a subscriber, or the hash of an address that is
not one (a member or contact reached through an audience)."""

import re

from django.conf import settings
from django.core import signing

from association.hygiene import MAX_QUERY_INT

CONFIRM_SALT = "newsletter.confirm"
UNSUBSCRIBE_SALT = "newsletter.unsubscribe"
NONCE_MAX_LENGTH = 32  # Subscriber.confirmation_nonce
ADDRESS_HASH = re.compile(r"[0-9a-f]{64}")  # models.address_hash


class TokenError(Exception):
    pass


class TokenExpired(TokenError):
    pass


class TokenInvalid(TokenError):
    pass


def confirmation_token(subscriber) -> str:
    return signing.dumps([subscriber.pk, subscriber.confirmation_nonce], salt=CONFIRM_SALT)


def _is_id(value) -> bool:
    # bool is an int to Python; an id beyond the database's integers is no id at all.
    return type(value) is int and 0 < value <= MAX_QUERY_INT


def read_confirmation_token(token: str, *, expired_ok: bool = False) -> tuple[int, str]:
    """The subscriber id and nonce a confirmation link names. Raises TokenExpired after
    NEWSLETTER_CONFIRM_MAX_AGE (unless ``expired_ok``: an expired link may still ask for a
    new one) and TokenInvalid for anything that is not a link we signed."""
    max_age = None if expired_ok else settings.NEWSLETTER_CONFIRM_MAX_AGE
    try:
        pk, nonce = signing.loads(token, salt=CONFIRM_SALT, max_age=max_age)
    except signing.SignatureExpired as error:
        raise TokenExpired from error
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise TokenInvalid from error
    if not _is_id(pk) or not isinstance(nonce, str) or len(nonce) > NONCE_MAX_LENGTH:
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
    if not ((kind == "s" and _is_id(value)) or (kind == "h" and _is_address_hash(value))):
        raise TokenInvalid
    return kind, value


def _is_address_hash(value) -> bool:
    return isinstance(value, str) and ADDRESS_HASH.fullmatch(value) is not None
