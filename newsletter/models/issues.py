"""Audiences, issues and their deliveries: one row per issue and recipient."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    TitleFieldPanel,
)
from wagtail.admin.widgets.slug import SlugInput
from wagtail.fields import StreamField
from wagtail.models import Orderable, PreviewableMixin

from association.public_url import base_url
from association.storage import media_origins
from twins.transliteration import to_latin

from ..admin.forms import NewsletterIssueForm
from ..blocks import IssueStreamBlock
from ..rendering import render_issue_preview
from .subscribers import validate_single_line


class Audience(ClusterableModel):
    """Who an issue goes to: confirmed subscribers with their consent on record, and only
    they. The parts switched on below are unions of such subscribers (all of them, members
    among them, organisation contacts among them); a member or contact who never subscribed
    is never mailed. Suppressed addresses (unsubscribed, bounced, complained, erased) are
    always left out."""

    name = models.CharField(_("name"), max_length=150)
    include_subscribers = models.BooleanField(
        _("confirmed subscribers"),
        default=True,
        help_text=_("Narrowed by the language and interests below, when given."),
    )
    subscriber_language = models.CharField(
        _("subscribers' language"),
        max_length=10,
        blank=True,
        choices=settings.LANGUAGES,
        help_text=_(
            "Empty for every language. Serbian in either script reaches the readers of both, "
            "each in their own script."
        ),
    )
    interests = models.ManyToManyField(
        "membership.Sector",
        verbose_name=_("subscribers' interests"),
        blank=True,
        related_name="+",
        help_text=_("Subscribers interested in any of these sectors; empty for everyone."),
    )
    include_members = models.BooleanField(
        _("members"),
        default=False,
        help_text=_(
            "Confirmed subscribers who have an active membership or are users of a member "
            "organisation. Members who have not subscribed are not reached."
        ),
    )
    include_contacts = models.BooleanField(
        _("organisation contacts"),
        default=False,
        help_text=_(
            "Confirmed subscribers who are contact persons of organisations in the sectors "
            "below. Contacts who have not subscribed are not reached."
        ),
    )
    contact_sectors = models.ManyToManyField(
        "membership.Sector",
        verbose_name=_("contacts' sectors"),
        blank=True,
        related_name="+",
        help_text=_("Empty for organisations of every sector."),
    )

    panels = [
        HelpPanel(
            content=_(
                "An audience reaches only people who subscribed to Infocluster and confirmed. "
                "Issues sent to subscribers alone appear in the public archive; issues sent "
                "to an audience with members or organisation contacts do not."
            )
        ),
        FieldPanel("name"),
        MultiFieldPanel(
            [
                FieldPanel("include_subscribers"),
                FieldPanel("subscriber_language"),
                FieldPanel("interests"),
            ],
            heading=_("Subscribers"),
        ),
        FieldPanel("include_members"),
        MultiFieldPanel(
            [FieldPanel("include_contacts"), FieldPanel("contact_sectors")],
            heading=_("Organisation contacts"),
        ),
    ]

    class Meta:
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_public(self) -> bool:
        """Whether an issue sent to this audience belongs in the public archive: anyone
        may subscribe and receive it. An audience that names members or organisation
        contacts was written for them, so its issues stay out of the archive."""
        return self.include_subscribers and not (self.include_members or self.include_contacts)


class NewsletterIssue(PreviewableMixin, ClusterableModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SCHEDULED = "scheduled", _("Scheduled")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")

    subject = models.CharField(_("subject"), max_length=200, validators=[validate_single_line])
    slug = models.SlugField(
        _("slug"), max_length=120, unique=True, help_text=_("The issue's address in the archive.")
    )
    preheader = models.CharField(
        _("preheader"),
        max_length=200,
        blank=True,
        validators=[validate_single_line],
        help_text=_("The line inboxes show after the subject."),
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    audience = models.ForeignKey(
        Audience,
        verbose_name=_("audience"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="issues",
    )
    body = StreamField(IssueStreamBlock(), verbose_name=_("body"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    scheduled_at = models.DateTimeField(_("scheduled for"), null=True, blank=True, editable=False)
    send_started_at = models.DateTimeField(null=True, blank=True, editable=False)
    prepared_at = models.DateTimeField(null=True, blank=True, editable=False)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True, editable=False)
    recipients_total = models.PositiveIntegerField(default=0, editable=False)
    # The last thing that held sending up (a refused connection, a locked database) and when
    # the chunk it stopped tries again; shown on the progress screen, cleared once a chunk
    # goes through with no retry still ahead.
    send_error = models.TextField(blank=True, editable=False)
    send_error_at = models.DateTimeField(null=True, blank=True, editable=False)
    send_retry_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Whether the audience was public (``Audience.is_public``) when sending started; an
    # audience edited later changes neither who got the issue nor who may read it.
    in_public_archive = models.BooleanField(
        _("in the public archive"), default=False, editable=False
    )
    # What was sent, frozen when sending starts: the archive shows the issue as readers got
    # it, not with whatever news is newest when someone opens it later.
    web_html = models.TextField(blank=True, editable=False)
    email_html = models.TextField(blank=True, editable=False)
    email_text = models.TextField(blank=True, editable=False)
    source_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    base_form_class = NewsletterIssueForm
    panels = [
        HelpPanel(
            content=_(
                "Write the issue here; preview it, send a test, schedule or send it from the "
                "issue's “Send…” screen (the button above, or in the list)."
            )
        ),
        TitleFieldPanel("subject", placeholder=False, classname=""),
        FieldPanel("preheader"),
        FieldRowPanel([FieldPanel("language"), FieldPanel("slug", widget=SlugInput)]),
        FieldPanel("audience"),
        FieldPanel("body"),
        InlinePanel("attachments", label=_("Infocluster magazine (PDF)")),
    ]

    class Meta:
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")
        ordering = ["-created_at"]
        permissions = [("send_newsletterissue", _("Can send newsletter issues"))]
        indexes = [models.Index(fields=["status", "language", "-sent_at"])]

    def __str__(self) -> str:
        return self.subject

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.SCHEDULED)

    @property
    def audience_is_public(self) -> bool:
        """Whether the chosen audience is public now (``Audience.is_public``); frozen into
        ``in_public_archive`` when sending starts."""
        return self.audience_id is not None and self.audience.is_public

    def get_preview_template(self, request, mode_name):
        return "newsletter/email/issue_preview.html"

    def get_preview_context(self, request, mode_name):
        return {"preview_html": render_issue_preview(self)}

    @classmethod
    def unique_slug(cls, text: str, *, exclude_pk=None) -> str:
        """A slug made from ``text`` in Latin letters (either script may be typed), with
        "-2", "-3"... when an issue other than ``exclude_pk`` has it already."""
        base = slugify(to_latin(text))[:100] or "issue"
        others = cls.objects.exclude(pk=exclude_pk) if exclude_pk else cls.objects.all()
        slug, n = base, 2
        while others.filter(slug=slug).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug

    def serve_preview(self, request, mode_name):
        """The mail as inboxes show it. Wagtail runs a preview through the middleware as a
        request for the site's front page, which would give it the public policy and strip
        the mail's inline styles (its preheader showing); the mail gets a policy of its
        own, for this response only: its inline styles and images, no script, no form, and
        a sandbox (same origin, for the editor's preview panel to keep its scroll)."""
        response = super().serve_preview(request, mode_name)
        # With media in a bucket, the images' renditions come from its origin.
        sources = ["'self'", "data:", base_url(), media_origins()[0]]
        images = " ".join(dict.fromkeys(source for source in sources if source))
        response["Content-Security-Policy"] = (
            f"default-src 'none'; img-src {images}; style-src 'unsafe-inline'; "
            "frame-ancestors 'self'; base-uri 'none'; form-action 'none'; "
            "sandbox allow-same-origin allow-popups allow-popups-to-escape-sandbox"
        )
        return response


class IssueAttachment(Orderable):
    """An Infocluster magazine PDF linked from the issue and listed in the archive."""

    issue = ParentalKey(NewsletterIssue, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="+", verbose_name=_("PDF")
    )

    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")


class Delivery(models.Model):
    """One message of one issue to one address.

    queued -> sending (claimed by a chunk task, ``claim`` set) -> sent | failed, and later
    bounced when the provider reports it. A row is marked sent in the transaction that
    commits right after the SMTP end-of-data marker (see ``newsletter.sending``), so a row
    still "sending" was never delivered and can be queued again."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        BOUNCED = "bounced", _("Bounced")

    issue = models.ForeignKey(NewsletterIssue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(
        "newsletter.Subscriber",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deliveries",
    )
    # Lower-cased; replaced by its hash when the subscriber is erased.
    email = models.CharField(max_length=254)
    name = models.CharField(max_length=150, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    claim = models.UUIDField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    dispatched_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    message_id = models.CharField(max_length=255, blank=True, db_index=True)
    error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                "issue", Lower("email"), name="newsletter_delivery_unique_issue_email"
            ),
        ]
        indexes = [models.Index(fields=["issue", "status"])]

    def __str__(self) -> str:
        return f"{self.issue_id} → {self.email} ({self.status})"
