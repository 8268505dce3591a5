"""Issuing invoices and rendering them.

Numbers: one series per kind (pro-forma, invoice, credit note) and year, ``2026-000123``.
The series' counter row is locked (``select_for_update``) in the transaction that writes the
invoice, so concurrent issuers wait for each other and a rolled-back issue gives its number
back: numbers never repeat and never skip. An issued invoice is never changed
(``Invoice.save`` refuses); a correction is a credit note that points at it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .ips import IpsError, IpsPayment, account_printed, qr_svg_data_uri, reference_97
from .models import Invoice, InvoiceCounter, InvoicingSettings, Payment, validate_mb, validate_pib

CENT = Decimal("0.01")
SERIES_DIGIT = {
    Invoice.Kind.PROFORMA: "1",
    Invoice.Kind.INVOICE: "2",
    Invoice.Kind.CREDIT_NOTE: "3",
}


class InvoiceError(ValidationError):
    """The invoice cannot be issued as asked; nothing was written."""


@dataclass(frozen=True)
class Buyer:
    """Who an invoice is made out to: an organisation (with its PIB and MB where given) or a
    person."""

    name: str
    address: str = ""
    pib: str = ""
    mb: str = ""
    email: str = ""

    def validate(self) -> None:
        errors = {}
        if not self.name.strip():
            errors["name"] = [_("The buyer's name is required.")]
        for key, validator, value in (
            ("pib", validate_pib, self.pib),
            ("mb", validate_mb, self.mb),
        ):
            try:
                validator(value)
            except ValidationError as error:
                errors[key] = error.messages
        if errors:
            raise InvoiceError(errors)


@dataclass(frozen=True)
class Line:
    description: str
    unit_price: Decimal
    quantity: int = 1

    @property
    def amount(self) -> Decimal:
        return (self.unit_price * self.quantity).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass
class Totals:
    net: Decimal
    vat: Decimal
    total: Decimal
    lines: list[dict] = field(default_factory=list)


def invoicing_settings() -> InvoicingSettings:
    """The default site's invoicing details; an error when staff have not filled them in."""
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    details = InvoicingSettings.for_site(site)
    if not details.is_complete:
        raise InvoiceError(_("The association's invoicing details are not filled in yet."))
    return details


def _seller(details: InvoicingSettings) -> dict:
    return {
        "name": details.legal_name,
        "address": details.address,
        "city": details.city,
        "pib": details.pib,
        "mb": details.mb,
        "account": account_printed(details.bank_account),
        "bank": details.bank_name,
        "payment_code": details.payment_code,
    }


def _totals(lines: list[Line], vat_rate: Decimal) -> Totals:
    """Prices are final prices (what the buyer pays); VAT, when charged, is the part of it
    the rate gives, rounded per invoice."""
    if not lines:
        raise InvoiceError(_("An invoice needs at least one line."))
    rows = []
    for line in lines:
        if line.quantity < 1 or line.amount <= 0:
            raise InvoiceError(_("Every amount on an invoice must be greater than zero."))
        rows.append(
            {
                "description": line.description,
                "quantity": line.quantity,
                "unit_price": str(line.unit_price.quantize(CENT)),
                "amount": str(line.amount),
            }
        )
    total = sum((line.amount for line in lines), Decimal("0"))
    vat = (total * vat_rate / (100 + vat_rate)).quantize(CENT, rounding=ROUND_HALF_UP)
    return Totals(net=total - vat, vat=vat, total=total, lines=rows)


def _next_number(kind: str, year: int) -> str:
    """The series' next number, under the counter row's lock (see the module's note)."""
    counter = InvoiceCounter.objects.select_for_update().filter(kind=kind, year=year).first()
    if counter is None:
        try:
            # Two first issuers of a year may both find no row: one insert wins, the other
            # rolls back to its savepoint and locks the winner's row.
            with transaction.atomic():
                InvoiceCounter.objects.create(kind=kind, year=year, last=0)
        except IntegrityError:
            pass
        counter = InvoiceCounter.objects.select_for_update().get(kind=kind, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{year}-{counter.last:06d}"


def invoice_issue(
    *,
    kind: str,
    buyer: Buyer,
    lines: list[Line],
    language: str,
    payment: Payment | None = None,
    owner=None,
    currency: str | None = None,
    corrects: Invoice | None = None,
    today: datetime.date | None = None,
) -> Invoice:
    """Write one invoice with the next number of its series. A pro-forma carries a model-97
    reference made from its number, its due date and the NBS IPS QR code's text."""
    buyer.validate()
    details = invoicing_settings()
    if kind == Invoice.Kind.CREDIT_NOTE and corrects is None:
        raise InvoiceError(_("A credit note must name the invoice it corrects."))
    totals = _totals(lines, details.vat_rate)
    today = today or timezone.localdate()
    currency = (currency or (payment.currency if payment else "") or details.currency).upper()
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    with transaction.atomic():
        number = _next_number(kind, today.year)
        # The series' digit keeps a pro-forma's and an invoice's references apart.
        reference = reference_97(SERIES_DIGIT[kind] + number.replace("-", ""))
        invoice = Invoice(
            kind=kind,
            number=number,
            year=today.year,
            payment=payment,
            corrects=corrects,
            owner=owner,
            language=language,
            issued_on=today,
            due_on=(
                today + datetime.timedelta(days=details.days_to_pay)
                if kind == Invoice.Kind.PROFORMA
                else None
            ),
            currency=currency,
            seller=_seller(details),
            buyer_name=buyer.name.strip(),
            buyer_address=buyer.address.strip(),
            buyer_pib=buyer.pib,
            buyer_mb=buyer.mb,
            buyer_email=buyer.email,
            lines=totals.lines,
            net=totals.net,
            vat_rate=details.vat_rate,
            vat=totals.vat,
            total=-totals.total if kind == Invoice.Kind.CREDIT_NOTE else totals.total,
            vat_note="" if details.vat_rate else details.vat_exemption_note,
            reference=reference,
        )
        if kind == Invoice.Kind.PROFORMA and currency == "RSD":
            invoice.ips_payload = _ips_payload(invoice, details)
        invoice.full_clean()
        invoice.save()
    return invoice


def _ips_payload(invoice: Invoice, details: InvoicingSettings) -> str:
    with translation.override(invoice.language):
        purpose = _("Pro-forma %(number)s") % {"number": invoice.number}
    try:
        return IpsPayment(
            account=details.bank_account,
            payee=[details.legal_name, details.address, details.city],
            amount=invoice.total,
            currency=invoice.currency,
            payment_code=details.payment_code,
            purpose=purpose,
            model="97",
            reference=invoice.reference,
        ).payload()
    except IpsError as error:
        raise InvoiceError(str(error)) from error


def invoice_html(invoice: Invoice) -> str:
    with translation.override(invoice.language):
        return render_to_string(
            "payments/invoice_pdf.html",
            {
                "invoice": invoice,
                "seller": invoice.seller,
                "qr": qr_svg_data_uri(invoice.ips_payload) if invoice.ips_payload else "",
            },
        )


def invoice_pdf(invoice: Invoice) -> bytes:
    """The invoice as a PDF (WeasyPrint), in the buyer's language and script. Everything it
    prints comes from the row, so the same invoice always renders the same document."""
    from weasyprint import HTML

    return HTML(string=invoice_html(invoice)).write_pdf()


def credit_note_issue(*, invoice: Invoice) -> Invoice:
    """A credit note cancelling ``invoice`` in full (an issued invoice is never changed).
    Only an invoice is corrected this way, and only once."""
    if invoice.kind != Invoice.Kind.INVOICE:
        raise InvoiceError(_("Only an invoice is corrected by a credit note."))
    with transaction.atomic():
        # The invoice's row lock makes two clicks issue one credit note.
        Invoice.objects.select_for_update().get(pk=invoice.pk)
        if invoice.credit_notes.exists():
            raise InvoiceError(_("This invoice already has a credit note."))
        return invoice_issue(
            kind=Invoice.Kind.CREDIT_NOTE,
            buyer=Buyer(
                name=invoice.buyer_name,
                address=invoice.buyer_address,
                pib=invoice.buyer_pib,
                mb=invoice.buyer_mb,
                email=invoice.buyer_email,
            ),
            lines=[
                Line(
                    description=line["description"],
                    unit_price=Decimal(line["unit_price"]),
                    quantity=line["quantity"],
                )
                for line in invoice.lines
            ],
            language=invoice.language,
            payment=invoice.payment,
            owner=invoice.owner,
            currency=invoice.currency,
            corrects=invoice,
        )
