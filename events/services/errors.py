"""What the events services raise when a registration cannot be made or changed."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ..models import Registration


class RegistrationError(Exception):
    """A registration that cannot be made or changed; the message is for the person."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class RegistrationBusy(RegistrationError):
    """The ticket type's lock could not be taken in time: try again in a moment."""


class AlreadyRegistered(RegistrationError):
    """The address already has an active registration (``registration``) for the ticket type.

    Only a person who proved the address is theirs may be told so; anyone else could use the
    answer to learn who registered. ``registration_remind`` tells the address itself.
    """

    def __init__(self, registration: Registration):
        super().__init__(
            _("This e-mail address is already registered for this ticket."), field="email"
        )
        self.registration = registration
