import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from twins.search import fold

# Codes are printed on tickets and typed at the door: no 0/O or 1/I to confuse.
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_registration_code() -> str:
    return "".join(secrets.choice(_CODE_ALPHABET) for _ in range(12))


class Registration(models.Model):
    """One person's place (or place in the queue) for one ticket type."""

    class Status(models.TextChoices):
        PENDING_EMAIL = "pending_email", _("Awaiting e-mail confirmation")
        PENDING_PAYMENT = "pending_payment", _("Awaiting payment")
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waiting list")
        ATTENDED = "attended", _("Attended")
        CANCELLED = "cancelled", _("Cancelled")
        EXPIRED = "expired", _("Expired")

    # Statuses that take a place out of the capacity.
    HOLDING = (
        Status.PENDING_EMAIL,
        Status.PENDING_PAYMENT,
        Status.CONFIRMED,
        Status.ATTENDED,
    )
    # Statuses of a person who may come: they see the online link and the ticket.
    ATTENDING = (Status.CONFIRMED, Status.ATTENDED)
    # Statuses in which a person may not register again for the same ticket type.
    ACTIVE = (*HOLDING, Status.WAITLISTED)

    code = models.CharField(
        _("ticket code"), max_length=16, unique=True, default=new_registration_code
    )
    event = models.ForeignKey(
        "events.EventPage",
        verbose_name=_("event"),
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    ticket_type = models.ForeignKey(
        "events.TicketType",
        verbose_name=_("ticket type"),
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail"))
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    email_confirmed = models.BooleanField(
        _("e-mail confirmed"),
        default=False,
        help_text=_("Signed-in members are; the public confirm through the link we send."),
    )
    language = models.CharField(_("language"), max_length=10, default=settings.LANGUAGE_CODE)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    price = models.DecimalField(_("price (EUR)"), max_digits=8, decimal_places=2, default=0)
    is_member_price = models.BooleanField(_("member price"), default=False)
    hold_expires_at = models.DateTimeField(_("held until"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    attended_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The name and organisation folded (twins.search.fold), for the admin's search.
    search_folded = models.CharField(max_length=400, editable=False, blank=True, default="")

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["ticket_type", "status"]),
            models.Index(fields=["event", "status"]),
            models.Index(fields=["status", "hold_expires_at"]),
        ]
        constraints = [
            # The service checks first; under concurrency the database makes sure.
            models.UniqueConstraint(
                Lower("email"),
                "ticket_type",
                condition=Q(
                    status__in=[
                        "pending_email",
                        "pending_payment",
                        "confirmed",
                        "attended",
                        "waitlisted",
                    ]
                ),
                name="one_active_registration_per_email_and_ticket_type",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} · {self.ticket_type} ({self.get_status_display()})"

    def save(self, *args, **kwargs):
        self.search_folded = fold(f"{self.name} {self.organisation_name}")[:400]
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"name", "organisation_name"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_folded"}
        super().save(*args, **kwargs)

    @property
    def is_holding(self) -> bool:
        return self.status in self.HOLDING

    @property
    def can_cancel(self) -> bool:
        return self.status in self.ACTIVE and self.status != self.Status.ATTENDED

    @property
    def needs_payment(self) -> bool:
        return self.status == self.Status.PENDING_PAYMENT

    def accepts_payment(self, payment) -> bool:
        """A payment confirms only a place still held for it; money for a hold that expired
        (and whose place went to someone else) is flagged for staff by the payments app."""
        return self.status == self.Status.PENDING_PAYMENT
