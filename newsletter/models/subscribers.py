"""Subscribers, the consent they gave, and the suppression list that outlives them."""

import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


def normalise_email(address: str) -> str:
    """One spelling per mailbox: surrounding space trimmed, lower case throughout.

    Lower-casing the local part is not strictly RFC 5321, but every provider that matters
    treats it case-insensitively, and two rows for one person is the worse failure."""
    return (address or "").strip().lower()


def address_hash(address: str) -> str:
    return hashlib.sha256(normalise_email(address).encode()).hexdigest()


def validate_single_line(value: str) -> None:
    """Names and subjects end up in mail headers, where a line break would inject headers."""
    if value and ("\r" in value or "\n" in value):
        raise ValidationError(_("Line breaks are not allowed here."), code="line_break")


def new_nonce() -> str:
    return secrets.token_urlsafe(16)


class Subscriber(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")
        BOUNCED = "bounced", _("Bounced")
        COMPLAINED = "complained", _("Complained")

    email = models.EmailField(_("e-mail"), max_length=254)
    name = models.CharField(
        _("name"), max_length=150, blank=True, validators=[validate_single_line]
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    interests = models.ManyToManyField(
        "membership.Sector", verbose_name=_("interests"), blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="newsletter_subscriptions",
    )
    # Changes whenever a confirmation link is used or a new one sent, so each link works once.
    confirmation_nonce = models.CharField(max_length=32, default=new_nonce, editable=False)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True, editable=False)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="newsletter_subscriber_unique_email"),
        ]

    def __str__(self) -> str:
        return self.email


class Consent(models.Model):
    """What a subscriber agreed to (or withdrew), when, from where, in which words."""

    class Action(models.TextChoices):
        REQUESTED = "requested", _("Subscription requested")
        CONFIRMED = "confirmed", _("Subscription confirmed")
        WITHDRAWN = "withdrawn", _("Consent withdrawn")
        IMPORTED = "imported", _("Imported")

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="consents", verbose_name=_("subscriber")
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    source = models.CharField(_("source"), max_length=100)
    wording = models.TextField(_("wording agreed to"), blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("when"))

    class Meta:
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} · {self.source}"


class SuppressedAddress(models.Model):
    """An address that must not be mailed: unsubscribed, bounced, complained or erased.

    Only the SHA-256 of the normalised address is kept, so the list can outlive an erasure
    and still stop an import or a silent re-subscription."""

    class Reason(models.TextChoices):
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")
        BOUNCED = "bounced", _("Bounced")
        COMPLAINED = "complained", _("Complained")
        ERASED = "erased", _("Erased on request")

    email_hash = models.CharField(max_length=64, unique=True)
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("suppressed address")
        verbose_name_plural = _("suppressed addresses")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email_hash[:12]}… ({self.get_reason_display()})"


class SoftBounce(models.Model):
    """A temporary delivery failure the provider reported: a full mailbox, greylisting, a
    server that was down, or a rejection for reasons of the sending side (a blocklist, a
    policy). One says little about the address, so it is counted rather than suppressed:
    ``NEWSLETTER_SOFT_BOUNCE_LIMIT`` of them within ``NEWSLETTER_SOFT_BOUNCE_DAYS``
    suppress it like a hard bounce. Only the address's hash is kept, as on the
    suppression list."""

    email_hash = models.CharField(max_length=64)
    message_id = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("soft bounce")
        verbose_name_plural = _("soft bounces")
        indexes = [models.Index(fields=["email_hash", "created_at"])]
        constraints = [
            # A provider that reports one message twice does not count it twice.
            models.UniqueConstraint(
                fields=["email_hash", "message_id"],
                condition=~models.Q(message_id=""),
                name="newsletter_softbounce_once_per_message",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email_hash[:12]}… {self.created_at:%Y-%m-%d}"
