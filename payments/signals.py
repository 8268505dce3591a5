"""Signals the payments app sends; the owners of payable objects listen.

Each is sent with ``sender=Payment`` and ``payment=<Payment>``; ``payment.payable`` is the
object that was paid for (a membership, an event registration, ...). Receivers run inside
the transaction that changed the payment, while its row is locked, so:

- they must be idempotent: a receiver may see the same payment again after a retry, and
  should check the state of its own object before changing it;
- an exception rolls back the payment's change and the recorded webhook event, and Stripe
  delivers the event again later; so raise only for a failure that a retry can fix;
- side effects outside the database (e-mail, tasks) go through ``transaction.on_commit``.

Membership and events listen to these; the payments app imports neither.
"""

from django.dispatch import Signal

payment_succeeded = Signal()
"""Stripe reports the Checkout Session paid and the payable still accepted it. Sent once
per payment. Activate or confirm what was paid for."""

payment_expired = Signal()
"""The Checkout Session expired unpaid. Sent once per payment. Release what was held."""

payment_failed = Signal()
"""A delayed payment method (e.g. a bank debit) failed after checkout. Sent once per
payment. Release what was held, or ask the customer to pay again."""
