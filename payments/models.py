from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class Payment(models.Model):
    """One Stripe Checkout Session for one payable object.

    Rows are written only by ``payments.services``; a status other than
    ``created`` is set only after Stripe's API confirmed it (see ``payment_confirm``).
    """

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
        # Nobody edits a payment by hand: staff may only look.
        default_permissions = ("view",)
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
