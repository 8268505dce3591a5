from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin


class MembershipLevel(TranslatableMixin, models.Model):
    """A level of membership: free network membership, or paid with extra services."""

    class Audience(models.TextChoices):
        ORGANISATIONS = "organisations", _("Organisations")
        INDIVIDUALS = "individuals", _("Individuals")

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    yearly_price = models.DecimalField(
        _("yearly price (EUR)"),
        max_digits=8,
        decimal_places=2,
        default=Decimal("0.00"),
        validators=[MinValueValidator(Decimal("0.00"))],
        help_text=_("0 for a free level."),
    )
    yearly_price_rsd = models.DecimalField(
        _("yearly price (RSD)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_(
            "Set it to let members pay by bank transfer against a pro-forma invoice in dinars."
        ),
    )
    includes = models.TextField(
        _("what it includes"), blank=True, help_text=_("One benefit per line.")
    )
    audience = models.CharField(
        _("for"), max_length=20, choices=Audience.choices, default=Audience.ORGANISATIONS
    )
    is_active = models.BooleanField(_("open for applications"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("yearly_price"),
        FieldPanel("yearly_price_rsd"),
        FieldPanel("includes"),
        FieldPanel("audience"),
        FieldPanel("is_active"),
        FieldPanel("sort_order"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("membership level")
        verbose_name_plural = _("membership levels")
        ordering = ["sort_order", "yearly_price", "name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_level_slug_locale")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_free(self) -> bool:
        return self.yearly_price == 0

    @property
    def benefits(self) -> list[str]:
        return [line.strip() for line in self.includes.splitlines() if line.strip()]


class Application(models.Model):
    """A request to join at a level, for an existing organisation or a new one (created with
    a minimal, unpublished profile when the application is submitted)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="membership_applications",
    )
    level = models.ForeignKey(
        MembershipLevel, verbose_name=_("level"), on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        "membership.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="applications",
    )
    motivation = models.TextField(_("motivation"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    review_message = models.TextField(_("message to the applicant"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")
        ordering = ["-created_at"]
        constraints = [
            # Two pending applications for the same organisation and level would be approved
            # twice; the form checks first, the database makes sure under concurrency.
            models.UniqueConstraint(
                fields=["organisation", "level"],
                condition=Q(status="pending"),
                name="one_pending_application_per_organisation_level",
            ),
            models.UniqueConstraint(
                fields=["applicant", "level"],
                condition=Q(status="pending", organisation__isnull=True),
                name="one_pending_personal_application_per_level",
            ),
        ]

    def __str__(self) -> str:
        who = self.organisation or self.applicant
        return f"{who} → {self.level}"


class DuesStatus(models.TextChoices):
    """What a membership owes, as the admin lists show it (computed, never stored:
    ``membership.selectors.memberships_with_dues``)."""

    PAID = "paid", _("Paid")
    DUE = "due", _("Due")
    OVERDUE = "overdue", _("Overdue")
    NONE = "none", _("Nothing due")


class Membership(models.Model):
    class Status(models.TextChoices):
        PENDING_PAYMENT = "pending_payment", _("Awaiting payment")
        ACTIVE = "active", _("Active")
        EXPIRED = "expired", _("Expired")
        CANCELLED = "cancelled", _("Cancelled")

    organisation = models.ForeignKey(
        "membership.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="memberships",
        help_text=_("The person who applied, or the individual member."),
    )
    level = models.ForeignKey(
        MembershipLevel, verbose_name=_("level"), on_delete=models.PROTECT, related_name="+"
    )
    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="memberships",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING_PAYMENT
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    reminded_30_days_at = models.DateTimeField(null=True, blank=True, editable=False)
    reminded_7_days_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "ends_on"])]
        constraints = [
            # A renewal (a membership without an application) waiting for payment is reused,
            # never doubled: the service checks under a lock, the database makes sure.
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(
                    status="pending_payment",
                    application__isnull=True,
                    organisation__isnull=False,
                ),
                name="one_pending_renewal_per_organisation",
            ),
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(
                    status="pending_payment",
                    application__isnull=True,
                    organisation__isnull=True,
                    person__isnull=False,
                ),
                name="one_pending_personal_renewal",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation or self.person} · {self.level} ({self.get_status_display()})"

    def accepts_payment(self, payment) -> bool:
        """Money is welcome only while the membership waits for it; anything else (paid twice,
        cancelled meanwhile) is flagged for staff by the payments app."""
        return self.status == self.Status.PENDING_PAYMENT
