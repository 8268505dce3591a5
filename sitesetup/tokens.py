"""The invitation link's token: Django's password-reset token generator (an HMAC of the
user's id, password hash, last login and e-mail with a timestamp), under its own salt and
with its own lifetime, ``STAFF_INVITATION_DAYS``. Setting the password changes the hash, so
a link works once; inviting the address again (a new unusable password) voids older links."""

from __future__ import annotations

import enum

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.crypto import constant_time_compare
from django.utils.http import base36_to_int


class TokenState(enum.Enum):
    VALID = "valid"
    EXPIRED = "expired"
    INVALID = "invalid"


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "sitesetup.tokens.InvitationTokenGenerator"

    def state(self, user, token: str) -> TokenState:
        """Whether ``token`` was made for ``user`` as they are now, and is still in time.
        Django's ``check_token`` answers only yes or no, with the password-reset lifetime;
        the invitee is told which of the two went wrong."""
        if not (user and token):
            return TokenState.INVALID
        try:
            timestamp = base36_to_int(token.split("-")[0])
        except ValueError:
            return TokenState.INVALID
        if not any(
            constant_time_compare(self._make_token_with_timestamp(user, timestamp, secret), token)
            for secret in [self.secret, *self.secret_fallbacks]
        ):
            return TokenState.INVALID
        age = self._num_seconds(self._now()) - timestamp
        if age > settings.STAFF_INVITATION_DAYS * 24 * 60 * 60:
            return TokenState.EXPIRED
        return TokenState.VALID

    def check_token(self, user, token) -> bool:
        return self.state(user, token) is TokenState.VALID


invitation_tokens = InvitationTokenGenerator()
