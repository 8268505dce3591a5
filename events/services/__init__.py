"""Every write of the events line: registering, paying, the waiting list, cancelling,
check-in and reminders. Views, admin screens, webhooks (through payment signals) and beat
tasks all call these, as ``from events import services; services.registration_create(...)``.

Places are counted under a row lock on the canonical ``TicketType``: inside one transaction
the row is locked first, then the places held are counted, then the registration is written,
so two people pressing "register" at once can never both take the last place. The lock is
waited for at most ``EVENTS_LOCK_TIMEOUT_MS``; past that the person is asked to try again
(``RegistrationBusy``) rather than kept waiting or shown an error page.

``registration`` registers, ``lifecycle`` confirms, cancels and releases, ``places`` holds
the locks, the counting and the waiting list, ``check_in`` is the door and ``reminders`` the
mail of the day before. ``b2b`` holds B2B matchmaking's writes
(``services.b2b.meeting_request_send(...)``); its locking rule is stated there.
"""

from . import b2b
from .check_in import CheckIn, normalise_code, registration_check_in
from .errors import AlreadyRegistered, RegistrationBusy, RegistrationError
from .lifecycle import (
    RELEASE_GRACE,
    cancel_refusal,
    holds_release_expired,
    registration_cancel,
    registration_confirm_email,
    registration_confirm_payment,
    registration_extend_hold,
    registration_pay_by_bank,
    registration_release,
)
from .places import (
    EMAIL_HOLD,
    OFFER_HOLD,
    PAYMENT_HOLD,
    canonical_ticket_type,
    registration_move,
    waiting_list_promote,
)
from .registration import registration_create, registration_remind
from .reminders import reminders_send

__all__ = [
    "EMAIL_HOLD",
    "OFFER_HOLD",
    "PAYMENT_HOLD",
    "RELEASE_GRACE",
    "AlreadyRegistered",
    "CheckIn",
    "RegistrationBusy",
    "RegistrationError",
    "b2b",
    "canonical_ticket_type",
    "holds_release_expired",
    "normalise_code",
    "cancel_refusal",
    "registration_cancel",
    "registration_check_in",
    "registration_confirm_email",
    "registration_confirm_payment",
    "registration_create",
    "registration_extend_hold",
    "registration_pay_by_bank",
    "registration_move",
    "registration_release",
    "registration_remind",
    "reminders_send",
    "waiting_list_promote",
]
