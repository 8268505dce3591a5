from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from .ips import IpsError, account_digits, mb_valid, pib_valid


class Payment(models.Model):
    """One attempt to pay for one payable object: a Stripe Checkout Session, or a bank
    transfer against a pro-forma invoice.

    Rows are written only by ``payments.services`` and ``payments.bank``; a status other
    than ``created`` is set only after Stripe's API confirmed it (see ``payment_confirm``)
    or staff recorded the money on the association's account (``bank.payment_mark_received``).
    """

    class Method(models.TextChoices):
        STRIPE = "stripe", _("Card (Stripe)")
        BANK_TRANSFER = "bank_transfer", _("Bank transfer (pro-forma invoice)")

    class Status(models.TextChoices):
        CREATED = "created", _("Awaiting payment")
        PAID = "paid", _("Paid")
        EXPIRED = "expired", _("Expired")
        FAILED = "failed", _("Failed")
        # Money arrived for something that no longer accepts it (deleted, cancelled, already
        # paid, or an amount that does not match): staff refund or settle it by hand.
        NEEDS_REVIEW = "needs_review", _("Needs review")

    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, verbose_name=_("payable type")
    )
    object_id = models.PositiveBigIntegerField(_("payable id"))
    payable = GenericForeignKey("content_type", "object_id")

    amount = models.DecimalField(_("amount"), max_digits=10, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, default="eur")
    description = models.CharField(_("description"), max_length=255)
    customer_email = models.EmailField(_("customer e-mail"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CREATED
    )
    method = models.CharField(
        _("payment method"), max_length=20, choices=Method.choices, default=Method.STRIPE
    )
    # The model-97 reference the payer quotes (bank transfers): how a statement line finds
    # its payment.
    reference = models.CharField(_("reference number"), max_length=22, blank=True, db_index=True)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    received_amount = models.DecimalField(
        _("amount received"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    received_on = models.DateField(_("received on"), null=True, blank=True)
    bank_reference = models.CharField(_("bank's reference"), max_length=100, blank=True)
    stripe_checkout_session_id = models.CharField(
        _("Stripe Checkout Session"), max_length=255, unique=True, null=True, blank=True
    )
    stripe_payment_intent_id = models.CharField(
        _("Stripe PaymentIntent"), max_length=255, blank=True
    )
    checkout_url = models.URLField(_("checkout URL"), max_length=2048, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["-created_at", "-pk"]
        # Nobody edits a payment by hand: staff may only look, and record a bank transfer
        # received through its own screen.
        default_permissions = ("view",)
        permissions = [("record_bank_payment", _("Can record bank transfers received"))]
        indexes = [
            models.Index(fields=["content_type", "object_id"]),
            models.Index(fields=["status", "-created_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="payment_amount_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(
                    status__in=["created", "paid", "expired", "failed", "needs_review"]
                ),
                name="payment_status_valid",
            ),
        ]

    def __str__(self):
        amount = f"{self.amount} {self.currency.upper()}"
        return f"{self.description} ({amount}, {self.get_status_display()})"

    @property
    def amount_minor(self) -> int:
        """The amount in the currency's smallest unit (cents), as Stripe counts it."""
        return int((self.amount * 100).to_integral_value())


class StripeEvent(models.Model):
    """A webhook event that was processed; a replayed event id is not processed again."""

    event_id = models.CharField(_("event id"), max_length=255, unique=True)
    type = models.CharField(_("type"), max_length=100)
    received_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        verbose_name = _("Stripe event")
        verbose_name_plural = _("Stripe events")
        ordering = ["-received_at"]
        default_permissions = ("view",)

    def __str__(self):
        return f"{self.event_id} ({self.type})"


def validate_pib(value: str) -> None:
    if value and not pib_valid(value):
        raise ValidationError(
            _("A PIB is nine digits and its last digit must match the others (ISO 7064).")
        )


def validate_mb(value: str) -> None:
    if value and not mb_valid(value):
        raise ValidationError(
            _("A registration number (MB) is eight digits and its last digit must match.")
        )


def validate_account(value: str) -> None:
    try:
        account_digits(value)
    except IpsError:
        raise ValidationError(
            _(
                "Write the account as 3, up to 13 and 2 digits (160-0000000012345-67), with "
                "its control digits right."
            )
        ) from None


@register_setting(icon="doc-full")
class InvoicingSettings(BaseSiteSetting):
    """The association as it appears on its invoices; staff edit it under Settings."""

    legal_name = models.CharField(_("legal name"), max_length=200)
    address = models.CharField(_("street and number"), max_length=200)
    city = models.CharField(_("postcode and city"), max_length=100)
    pib = models.CharField(_("PIB"), max_length=9, validators=[validate_pib])
    mb = models.CharField(_("registration number (MB)"), max_length=8, validators=[validate_mb])
    bank_account = models.CharField(_("bank account"), max_length=22, validators=[validate_account])
    bank_name = models.CharField(_("bank"), max_length=100, blank=True)
    vat_rate = models.DecimalField(
        _("VAT rate (%)"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("0"),
        help_text=_(
            "0 when the association is not in the VAT system: the note below is printed instead."
        ),
    )
    vat_exemption_note = models.TextField(
        _("VAT exemption note"),
        blank=True,
        default="",
        help_text=_("Printed on every invoice without VAT, e.g. the article of the law."),
    )
    days_to_pay = models.PositiveSmallIntegerField(_("days to pay a pro-forma"), default=8)
    currency = models.CharField(
        _("currency"),
        max_length=3,
        choices=[("RSD", "RSD"), ("EUR", "EUR")],
        default="RSD",
    )
    payment_code = models.CharField(
        _("payment code"),
        max_length=3,
        default="221",
        help_text=_("The NBS payment code printed in the QR code (221: goods and services)."),
    )

    class Meta:
        verbose_name = _("invoicing details")

    def __str__(self) -> str:
        return self.legal_name

    def clean(self) -> None:
        if self.vat_rate and self.vat_rate < 0:
            raise ValidationError({"vat_rate": _("The VAT rate cannot be negative.")})
        if not self.vat_rate and not self.vat_exemption_note.strip():
            raise ValidationError(
                {"vat_exemption_note": _("Without VAT, the invoice must say why.")}
            )
        if not (
            len(self.payment_code) == 3
            and self.payment_code.isdigit()
            and self.payment_code[0] in "12"
        ):
            raise ValidationError(
                {"payment_code": _("The payment code is three digits starting with 1 or 2.")}
            )

    @property
    def is_complete(self) -> bool:
        return bool(self.legal_name and self.pib and self.mb and self.bank_account)


class InvoiceCounter(models.Model):
    """The last number given in one series (pro-forma, invoice, credit note) and year. Issuing
    locks this row, so two invoices never share a number and none is skipped: the number is
    taken in the same transaction that writes the invoice."""

    kind = models.CharField(max_length=20)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "year"], name="one_counter_per_series_year")
        ]
        default_permissions = ()

    def __str__(self) -> str:
        return f"{self.kind} {self.year}: {self.last}"


class InvoiceChangeRefused(Exception):
    """An issued invoice is never changed or deleted; a credit note corrects it."""


class Invoice(models.Model):
    """A pro-forma invoice, an invoice or a credit note, written once by
    ``payments.invoices.invoice_issue`` and never changed: everything printed on it (the
    association's and the buyer's details, lines, totals) is copied onto the row."""

    class Kind(models.TextChoices):
        PROFORMA = "proforma", _("Pro-forma invoice")
        INVOICE = "invoice", _("Invoice")
        CREDIT_NOTE = "credit_note", _("Credit note")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    number = models.CharField(_("number"), max_length=20)
    year = models.PositiveSmallIntegerField(_("year"))
    payment = models.ForeignKey(
        Payment,
        verbose_name=_("payment"),
        on_delete=models.PROTECT,
        related_name="invoices",
        null=True,
        blank=True,
    )
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("corrects"),
        on_delete=models.PROTECT,
        related_name="credit_notes",
        null=True,
        blank=True,
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        related_name="invoices",
        null=True,
        blank=True,
    )
    language = models.CharField(_("language"), max_length=10)
    issued_on = models.DateField(_("issued on"))
    due_on = models.DateField(_("due on"), null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3)
    seller = models.JSONField(_("seller"))
    buyer_name = models.CharField(_("buyer"), max_length=200)
    buyer_address = models.CharField(_("buyer's address"), max_length=300, blank=True)
    buyer_pib = models.CharField(_("buyer's PIB"), max_length=9, blank=True)
    buyer_mb = models.CharField(_("buyer's MB"), max_length=8, blank=True)
    buyer_email = models.EmailField(_("buyer's e-mail"), blank=True)
    lines = models.JSONField(_("lines"))
    net = models.DecimalField(_("amount without VAT"), max_digits=12, decimal_places=2)
    vat_rate = models.DecimalField(_("VAT rate (%)"), max_digits=4, decimal_places=2)
    vat = models.DecimalField(_("VAT"), max_digits=12, decimal_places=2)
    total = models.DecimalField(_("total"), max_digits=12, decimal_places=2)
    vat_note = models.TextField(_("VAT note"), blank=True)
    reference = models.CharField(_("reference number"), max_length=22, blank=True)
    ips_payload = models.TextField(_("IPS QR code"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        ordering = ["-issued_on", "-pk"]
        default_permissions = ("view",)
        constraints = [
            models.UniqueConstraint(fields=["kind", "number"], name="invoice_number_unique"),
            models.CheckConstraint(
                condition=models.Q(total__gt=0) | models.Q(kind="credit_note"),
                name="invoice_total_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise InvoiceChangeRefused("An issued invoice is never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise InvoiceChangeRefused("An issued invoice is never deleted.")

    @property
    def filename(self) -> str:
        return f"{self.kind}-{self.number}.pdf"

    @property
    def reference_printed(self) -> str:
        """The model-97 reference as a payer types it: control digits, a dash, the rest."""
        if not self.reference:
            return ""
        return f"{self.reference[:2]}-{self.reference[2:]}"
