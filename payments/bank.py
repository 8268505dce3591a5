"""Bank transfer against a pro-forma invoice, beside Stripe.

Choosing it (``bank_transfer_start``) writes a ``Payment`` with ``method=bank_transfer`` and
issues the pro-forma, whose model-97 reference the payer quotes. Staff record the money
received (``payment_mark_received``: the admin's form, or a line of an imported statement
that quotes the reference); that locks the payment's row and, the first time only, marks it
paid and sends ``payment_succeeded``: the same path a Stripe webhook takes, so the payable
reacts the same way. The invoice is issued in that transaction. A payment that arrives for
the wrong amount, or without a reference we know, is never confirmed: staff settle it.
Unpaid pro-formas expire after their due date (``bank_transfers_expire``, beat), which sends
``payment_expired`` so the payable releases what it held.
"""

from __future__ import annotations

import datetime
import logging
from decimal import Decimal, InvalidOperation

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .invoices import Buyer, InvoiceError, Line, invoice_issue, invoicing_settings
from .models import Invoice, Payment
from .signals import payment_expired, payment_succeeded

logger = logging.getLogger(__name__)


class BankPaymentError(ValidationError):
    """The money cannot be recorded against this payment; nothing was changed."""


def _queue_invoice_mail(invoice: Invoice) -> None:
    from .tasks import send_invoice_mail  # tasks import this module

    if not invoice.buyer_email:
        return  # no address, no mail: the document is on the dashboard and in the admin
    transaction.on_commit(lambda: send_invoice_mail.delay(invoice.pk), robust=True)


def bank_transfer_start(
    *,
    payable,
    amount: Decimal,
    description: str,
    buyer: Buyer,
    language: str,
    owner=None,
    currency: str | None = None,
) -> Payment:
    """The payable's open bank transfer, or a new one with its pro-forma (mailed to the
    buyer after commit). Raises ``InvoiceError`` for a bad buyer or amount: nothing written."""
    amount = Decimal(amount)
    if amount <= 0:
        raise InvoiceError(_("The amount to pay must be greater than zero."))
    buyer.validate()
    details = invoicing_settings()
    currency = (currency or details.currency).upper()
    content_type = ContentType.objects.get_for_model(payable)
    with transaction.atomic():
        # The payable's row lock makes a double click issue one pro-forma, not two.
        type(payable).objects.select_for_update().filter(pk=payable.pk).first()
        existing = (
            Payment.objects.filter(
                content_type=content_type,
                object_id=payable.pk,
                method=Payment.Method.BANK_TRANSFER,
                status=Payment.Status.CREATED,
            )
            .order_by("pk")
            .first()
        )
        if existing is not None:
            return existing
        payment = Payment(
            content_type=content_type,
            object_id=payable.pk,
            amount=amount,
            currency=currency.lower(),
            description=description[:255],
            customer_email=buyer.email,
            method=Payment.Method.BANK_TRANSFER,
        )
        payment.full_clean(exclude=["stripe_checkout_session_id", "customer_email"])
        payment.save()
        proforma = invoice_issue(
            kind=Invoice.Kind.PROFORMA,
            buyer=buyer,
            lines=[Line(description=description, unit_price=amount)],
            language=language,
            payment=payment,
            owner=owner,
            currency=currency,
        )
        payment.reference = proforma.reference
        payment.due_on = proforma.due_on
        payment.save(update_fields=["reference", "due_on", "updated_at"])
        _queue_invoice_mail(proforma)
    return payment


def payment_proforma(payment: Payment) -> Invoice | None:
    return payment.invoices.filter(kind=Invoice.Kind.PROFORMA).first()


def payment_mark_received(
    *,
    payment: Payment,
    amount: Decimal,
    received_on: datetime.date,
    bank_reference: str = "",
) -> tuple[Payment, bool]:
    """Record a bank transfer received for ``payment``; ``(payment, confirmed_now)``.

    Under the payment's row lock: a payment already paid is left as it is (marking twice,
    even at the same moment, confirms once); an amount other than the pro-forma's is refused
    with ``BankPaymentError`` and nothing changes. Money for a payable that no longer accepts
    it (the pro-forma expired and its place went to someone else) puts the payment in
    review. Otherwise it is paid, ``payment_succeeded`` is sent and the invoice issued."""
    try:
        amount = Decimal(amount).quantize(Decimal("0.01"))
    except (InvalidOperation, TypeError):
        raise BankPaymentError(_("Enter the amount received.")) from None
    if amount <= 0:
        raise BankPaymentError(_("The amount received must be greater than zero."))
    with transaction.atomic():
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        if payment.method != Payment.Method.BANK_TRANSFER:
            raise BankPaymentError(_("This payment is not a bank transfer."))
        if payment.status in (Payment.Status.PAID, Payment.Status.NEEDS_REVIEW):
            return payment, False
        if amount != payment.amount:
            raise BankPaymentError(
                _(
                    "%(received)s was received but the pro-forma asks for %(expected)s: "
                    "nothing was recorded; settle it with the payer."
                )
                % {"received": amount, "expected": payment.amount}
            )
        payment.received_amount = amount
        payment.received_on = received_on
        payment.bank_reference = bank_reference[:100]
        payment.paid_at = timezone.now()
        payable = payment.payable
        accepts = getattr(payable, "accepts_payment", None)
        # An expired pro-forma released what it held: its money is for staff to settle.
        still_open = payment.status == Payment.Status.CREATED
        if still_open and payable is not None and (not callable(accepts) or accepts(payment)):
            payment.status = Payment.Status.PAID
        else:
            logger.warning("Bank payment %s arrived but needs review", payment.pk)
            payment.status = Payment.Status.NEEDS_REVIEW
        payment.save(
            update_fields=[
                "status",
                "received_amount",
                "received_on",
                "bank_reference",
                "paid_at",
                "updated_at",
            ]
        )
        if payment.status != Payment.Status.PAID:
            return payment, False
        payment_succeeded.send(sender=Payment, payment=payment)
        proforma = payment_proforma(payment)
        if proforma is not None:
            invoice = invoice_issue(
                kind=Invoice.Kind.INVOICE,
                buyer=Buyer(
                    name=proforma.buyer_name,
                    address=proforma.buyer_address,
                    pib=proforma.buyer_pib,
                    mb=proforma.buyer_mb,
                    email=proforma.buyer_email,
                ),
                lines=[
                    Line(
                        description=line["description"],
                        unit_price=Decimal(line["unit_price"]),
                        quantity=line["quantity"],
                    )
                    for line in proforma.lines
                ],
                language=proforma.language,
                payment=payment,
                owner=proforma.owner,
                currency=proforma.currency,
            )
            _queue_invoice_mail(invoice)
    return payment, True


def bank_transfers_expire(*, today: datetime.date | None = None) -> int:
    """Expire bank transfers whose pro-forma's due date has passed unpaid; each sends
    ``payment_expired`` (once: the row is re-read under its lock)."""
    today = today or timezone.localdate()
    due = Payment.objects.filter(
        method=Payment.Method.BANK_TRANSFER, status=Payment.Status.CREATED, due_on__lt=today
    ).values_list("pk", flat=True)
    expired = 0
    for pk in list(due):
        with transaction.atomic():
            payment = Payment.objects.select_for_update().get(pk=pk)
            if payment.status != Payment.Status.CREATED:
                continue
            payment.status = Payment.Status.EXPIRED
            payment.save(update_fields=["status", "updated_at"])
            payment_expired.send(sender=Payment, payment=payment)
            expired += 1
    return expired
